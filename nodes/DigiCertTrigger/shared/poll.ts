import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { ParameterReader } from '../../shared/types';
import { DigiCertClient } from '../../shared/transport';
import type { DigiCertTriggerEvent } from '../events/types';
import { findEvent } from './description';
import { clientSource } from './source';
import { readEventState, writeEventState } from './state';

/** Trigger output: each item paired with the item n8n feeds the trigger when it starts the run. */
export function toExecutionData(found: IDataObject[]): INodeExecutionData[] {
	return found.map((json, index) => ({ json, pairedItem: { item: index } }));
}

/**
 * One poll of the chosen event. A manual test run shows sample data and leaves the remembered state
 * alone. Otherwise: the first poll (nothing remembered) records the present and emits nothing;
 * later polls emit what changed since, or return null when nothing did. The state is written only
 * after DigiCert answered, so a failed poll is simply repeated by the next one.
 */
export async function pollEvent(this: IPollFunctions, events: DigiCertTriggerEvent[]): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const client = await DigiCertClient.connect(this);
	let event: DigiCertTriggerEvent;
	let parameters: IDataObject;
	try {
		event = findEvent(events, this.getNodeParameter('event') as string);
		const read: ParameterReader = <T>(name: string, fallback?: T) => this.getNodeParameter(name, fallback) as T;
		parameters = event.readParameters(read);
	} catch (error) {
		// The message may quote what an expression produced: redacted like every other message.
		throw new NodeOperationError(node, client.redact((error as Error).message), {
			description: 'Fix the parameter (or the expression that sets it); no request was sent.',
		});
	}
	const source = clientSource(client);
	const now = clock.now();

	if (this.getMode() === 'manual') return [toExecutionData(await event.sample(source, parameters, now))];

	const store = this.getWorkflowStaticData('node');
	const previous = event.readState(readEventState(store, event.value));
	const { events: found, state, warning } = await event.poll(source, parameters, previous, now);
	writeEventState(store, event.value, state);
	if (warning !== undefined) this.logger.warn(`DigiCert Trigger "${node.name}": ${warning}`, { workflowId: this.getWorkflow().id });
	if (previous === undefined || found.length === 0) return null;
	return [toExecutionData(found)];
}
