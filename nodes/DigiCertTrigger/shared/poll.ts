import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../../common/clock';
import type { ParameterReader } from '../../common/types';
import { isObject } from '../../common/types';
import { DigiCertClient } from '../../common/transport';
import type { DigiCertTriggerEvent } from '../events/types';
import { findEvent } from './description';
import { clientSource } from './source';
import { readEventState, writeEventState } from './state';

/** Trigger output: each item paired with the item n8n feeds the trigger when it starts the run. */
export function toExecutionData(found: IDataObject[]): INodeExecutionData[] {
	return found.map((json, index) => ({ json, pairedItem: { item: index } }));
}

/**
 * Where the trigger keeps its state: the node's static data, or, when a corrupt workflow holds
 * something other than an object there (n8n hands it back as it is, and the node cannot replace
 * it), a stand-in in the workflow's global static data. `moved` says so, the first time. Call
 * `changed()` after writing, so n8n saves the stand-in (it sees only assignments to the global data).
 */
function stateStore(context: IPollFunctions): {
	store: IDataObject;
	changed: () => void;
	moved?: string;
} {
	const own: unknown = context.getWorkflowStaticData('node');
	if (isObject(own)) return { store: own, changed: () => undefined };
	const global = context.getWorkflowStaticData('global');
	const key = `digiCertTrigger:${context.getNode().name}`;
	const existing = global[key];
	const store: IDataObject = isObject(existing) ? existing : {};
	const changed = () => {
		global[key] = store;
	};
	if (isObject(existing)) return { store, changed };
	changed();
	return {
		store,
		changed,
		moved: `the remembered state in the workflow's static data is not an object, so it is kept under "${key}" in the workflow's global static data from now on; this poll records a new baseline`,
	};
}

/**
 * One poll of the chosen event. A manual test run shows sample data and leaves the remembered state
 * alone. Otherwise: the first poll (nothing remembered) records the present and emits nothing;
 * later polls emit what changed since, or return null when nothing did. The state is written only
 * after DigiCert answered, so a failed poll is simply repeated by the next one.
 */
export async function pollEvent(
	this: IPollFunctions,
	events: DigiCertTriggerEvent[],
): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const client = await DigiCertClient.connect(this);
	let event: DigiCertTriggerEvent;
	let parameters: IDataObject;
	try {
		event = findEvent(events, this.getNodeParameter('event') as string);
		const read: ParameterReader = <T>(name: string, fallback?: T) =>
			this.getNodeParameter(name, fallback) as T;
		parameters = event.readParameters(read, { typeVersion: node.typeVersion });
	} catch (error) {
		// The message may quote what an expression produced: redacted like every other message.
		throw new NodeOperationError(node, client.redact((error as Error).message), {
			description: 'Fix the parameter (or the expression that sets it); no request was sent.',
		});
	}
	const source = clientSource(client);
	const now = clock.now();

	if (this.getMode() === 'manual')
		return [toExecutionData(await event.sample(source, parameters, now))];

	const warn = (message: string) =>
		this.logger.warn(`DigiCert Trigger "${node.name}": ${message}`, {
			workflowId: this.getWorkflow().id,
		});
	const { store, changed, moved } = stateStore(this);
	const previous = event.readState(readEventState(store, event.value));
	if (moved !== undefined) warn(moved);
	// Said once: the baseline written below is readable.
	else if (store[event.value] !== undefined && previous === undefined) {
		warn(
			`the remembered state of ${event.value} was unreadable, so this poll recorded a new baseline (changes since the last good poll are not reported)`,
		);
	}
	const { events: found, state, warning } = await event.poll(source, parameters, previous, now);
	if (writeEventState(store, event.value, state)) changed();
	if (warning !== undefined) warn(warning);
	if (previous === undefined || found.length === 0) return null;
	return [toExecutionData(found)];
}
