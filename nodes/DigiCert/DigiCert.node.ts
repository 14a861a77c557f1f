import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './resources';
import { buildProperties } from './shared/description';
import { LATEST_VERSION, NODE_VERSIONS } from './shared/versions';
import { listSearch } from './shared/listSearch';
import { executeOperation } from './shared/executor';

export class DigiCert implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DigiCert',
		name: 'digiCert',
		icon: { light: 'file:digicert.svg', dark: 'file:digicert.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: LATEST_VERSION,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Approve, audit and download TLS certificates with DigiCert CertCentral',
		defaults: { name: 'DigiCert' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digiCertApi', required: true }],
		properties: buildProperties(resources),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation.call(this, resources);
	}
}
