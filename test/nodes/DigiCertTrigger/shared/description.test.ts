import { NodeConnectionTypes } from 'n8n-workflow';

import { DigiCertTrigger } from '../../../../nodes/DigiCertTrigger/DigiCertTrigger.node';
import { events } from '../../../../nodes/DigiCertTrigger/events';
import {
	buildTriggerProperties,
	DEFAULT_EVENT,
	findEvent,
} from '../../../../nodes/DigiCertTrigger/shared/description';

describe('the trigger description', () => {
	const { description } = new DigiCertTrigger();

	it('is a polling trigger on the DigiCert credential, not an AI tool', () => {
		expect(description).toMatchObject({
			name: 'digiCertTrigger',
			displayName: 'DigiCert Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'digiCertApi', required: true }],
			icon: { light: 'file:digicert.svg', dark: 'file:digicert.dark.svg' },
		});
		expect(description.usableAsTool).toBeUndefined();
	});

	it('offers exactly the six events, by name, defaulting to the first declared', () => {
		const eventProperty = description.properties.find((p) => p.name === 'event')!;
		expect(eventProperty.options!.map((o) => (o as { value: string }).value).sort()).toEqual([
			'certificateExpiring',
			'domainValidationExpiring',
			'orderStatusChanged',
			'organizationValidationExpiring',
			'requestPending',
			'requestStatusChanged',
		]);
		expect(eventProperty.default).toBe(DEFAULT_EVENT);
		expect(events[0].value).toBe(DEFAULT_EVENT);
	});

	it("shows each event's fields only for that event", () => {
		const properties = buildTriggerProperties(events);
		expect(properties.find((p) => p.name === 'days')!.displayOptions).toEqual({
			show: { event: ['certificateExpiring'] },
		});
		expect(properties.find((p) => p.name === 'statuses')!.displayOptions).toEqual({
			show: { event: ['orderStatusChanged'] },
		});
	});

	it('names the known events when given an unknown one', () => {
		expect(() => findEvent(events, 'nope')).toThrow(
			'The event "nope" is not known; choose one of requestPending, requestStatusChanged, orderStatusChanged, certificateExpiring, domainValidationExpiring, organizationValidationExpiring',
		);
	});
});
