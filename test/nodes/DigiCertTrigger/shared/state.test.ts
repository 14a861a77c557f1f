import type { IDataObject } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	readEventState,
	STATE_VERSION,
	writeEventState,
} from '../../../../nodes/DigiCertTrigger/shared/state';

describe('readEventState / writeEventState', () => {
	it('round-trips an event state with its version, as a detached copy', () => {
		const store: IDataObject = {};
		writeEventState(store, 'requestPending', { pending: [1], floor: 0 });
		expect(store).toEqual({ requestPending: { v: STATE_VERSION, pending: [1], floor: 0 } });
		const read = readEventState(store, 'requestPending')!;
		(read.pending as number[]).push(2);
		expect(store.requestPending).toEqual({ v: STATE_VERSION, pending: [1], floor: 0 });
	});

	it('treats another version, or a missing state, as none', () => {
		expect(
			readEventState({ requestPending: { v: 99, pending: [] } }, 'requestPending'),
		).toBeUndefined();
		expect(readEventState({}, 'requestPending')).toBeUndefined();
	});

	it('drops what another event left, and writes nothing when nothing changed', () => {
		const store: IDataObject = { certificateExpiring: { v: 1, days: 30, reported: {} } };
		expect(writeEventState(store, 'requestPending', { pending: [], floor: 0 })).toBe(true);
		expect(Object.keys(store)).toEqual(['requestPending']);
		expect(writeEventState(store, 'requestPending', { pending: [], floor: 0 })).toBe(false);
	});

	it("marks n8n's static data as changed only when the state changed (so an idle poll saves nothing)", () => {
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: true,
			nodeTypes: {} as never,
			staticData: {},
		});
		const node = { name: 'T' } as never;
		writeEventState(workflow.getStaticData('node', node), 'requestPending', {
			pending: [1],
			floor: 0,
		});
		expect(workflow.staticData.__dataChanged).toBe(true);
		workflow.staticData.__dataChanged = false;
		writeEventState(workflow.getStaticData('node', node), 'requestPending', {
			pending: [1],
			floor: 0,
		});
		expect(workflow.staticData.__dataChanged).toBe(false);
	});
});
