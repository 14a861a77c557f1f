import type { INodeProperties } from 'n8n-workflow';

import type { DigiCertTriggerEvent } from '../events/types';

/** The event a new trigger node starts with (the first declared event). */
export const DEFAULT_EVENT = 'requestPending';

/** The trigger's properties, assembled from the declared events: the event picker, then each event's fields. */
export function buildTriggerProperties(events: DigiCertTriggerEvent[]): INodeProperties[] {
	const eventProperty: INodeProperties = {
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: events
			.map(({ name, value, description }) => ({ name, value, description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: DEFAULT_EVENT,
	};
	const fields = events.flatMap((event) =>
		event.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, event: [event.value] },
			},
		})),
	);
	return [eventProperty, ...fields];
}

export function findEvent(events: DigiCertTriggerEvent[], value: string): DigiCertTriggerEvent {
	const found = events.find((event) => event.value === value);
	if (found === undefined) {
		throw new Error(
			`The event "${value}" is not known; choose one of ${events.map((e) => e.value).join(', ')}`,
		);
	}
	return found;
}

/** The node's subtitle: the chosen event's name ("Request Pending"), not its internal value. */
export function triggerSubtitle(events: DigiCertTriggerEvent[]): string {
	const names = Object.fromEntries(events.map((event) => [event.value, event.name]));
	return `={{ ${JSON.stringify(names)}[$parameter["event"]] || $parameter["event"] }}`;
}
