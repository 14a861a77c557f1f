import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { events } from './events';
import { buildTriggerProperties, triggerSubtitle } from './shared/description';
import { pollEvent } from './shared/poll';
import { LATEST_TRIGGER_VERSION, TRIGGER_VERSIONS } from './shared/versions';

export class DigiCertTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DigiCert Trigger',
		name: 'digiCertTrigger',
		icon: { light: 'file:digicert.svg', dark: 'file:digicert.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		defaultVersion: LATEST_TRIGGER_VERSION,
		subtitle: triggerSubtitle(events),
		description:
			'Starts the workflow when a DigiCert CertCentral request or order changes, or a certificate or a validation nears expiry',
		defaults: { name: 'DigiCert Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digiCertApi', required: true }],
		properties: buildTriggerProperties(events),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvent.call(this, events);
	}
}
