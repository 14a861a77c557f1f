/**
 * Workflows for the queue-mode test: each starts with a production Webhook (so the main instance
 * enqueues the execution and a worker runs it) and answers with the last node's items.
 */
import { randomUUID } from 'node:crypto';

import { PACKAGE_NAME } from './cluster';
import { triggerThenDigiCert } from '../e2e/support/workflows';

export const DIGICERT_NODE_TYPE = `${PACKAGE_NAME}.digiCert`;

export interface CredentialRef {
	id: string;
	name: string;
}

/**
 * Webhook (POST /webhook/<path>) → one DigiCert node with `parameters`. The webhook answers with the
 * node's items, or with `responseData: 'firstEntryBinary'` with the first item's file.
 */
export function webhookToDigiCert(
	name: string,
	path: string,
	parameters: Record<string, unknown>,
	credential: CredentialRef,
	responseData: 'allEntries' | 'firstEntryBinary' = 'allEntries',
) {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData,
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'DigiCert',
				type: DIGICERT_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { digiCertApi: credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'DigiCert', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** DigiCert Trigger (polled by the main instance every minute) → Get Request of each item's requestId. */
export function triggerToGetRequest(name: string, event: string, credential: CredentialRef) {
	return triggerThenDigiCert(
		name,
		{ event },
		'DigiCert',
		{ resource: 'request', operation: 'get', requestId: '={{ $json.requestId }}' },
		credential,
	);
}
