/**
 * Issue 25's DigiCert Webhook Trigger in a running n8n: a workflow published through n8n's REST API
 * registers the account's webhook with the fake CertCentral (created, challenged, activated); an
 * order issued in the fake makes the fake POST certificate_issued to n8n's production URL, which
 * starts exactly one execution carrying the chain; forged events start none; unpublishing
 * deactivates the webhook. The node after the trigger searches DigiCert for the item's fields, so
 * what the trigger emitted is read from the request that reached the fake.
 *
 * n8n's webhook URL here is http:// on loopback: the fake's test-only allowance (DigiCert requires https).
 */
import { randomUUID } from 'node:crypto';

import type { N8nHome } from './support/n8n';
import { until, useRunningN8n } from './support/runningN8n';
import { NODE_TYPE, PACKAGE_NAME } from './support/n8n';
import { credentialsFor } from './support/workflows';
import type { FakeCertCentral } from '../helpers/fake';
import { expectNoKey } from '../helpers/secrets';
import { FIRST_REGISTRATION_CALLS } from '../helpers/webhookRegistration';

const LOOK_UP = 'Look up';

/** DigiCert Webhook Trigger → a request search whose text is the item's event, IDs and PEM counts. */
function webhookWorkflow(credential: { id: string; name: string }, webhookId: string) {
	const pems = (field: string) => `($json.${field} ?? "").split("BEGIN CERTIFICATE").length - 1`;
	return {
		name: 'e2e webhook trigger',
		active: false,
		nodes: [
			{
				id: randomUUID(),
				name: 'DigiCert Webhook Trigger',
				type: `${PACKAGE_NAME}.digiCertWebhookTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['certificate_issued', 'certificate_revoked'] },
				credentials: { digiCertApi: credential },
			},
			{
				id: randomUUID(),
				name: LOOK_UP,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'request',
					operation: 'getMany',
					limit: 1,
					filters: {
						search: `={{ [$json.event, $json.order_id, $json.certificate_id, ${pems('certificate_pem')}, ${pems('chain_pem')}].join("|") }}`,
					},
				},
				credentials: { digiCertApi: credential },
			},
		],
		connections: {
			'DigiCert Webhook Trigger': { main: [[{ node: LOOK_UP, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export function describeWebhookTriggerInRealN8n(
	context: () => { fake: FakeCertCentral; home: N8nHome },
) {
	describe('DigiCert Webhook Trigger: published in a running n8n', () => {
		const { n8n, rest } = useRunningN8n(() => context().home);

		it(
			'registers the webhook on publishing; an issued order starts one execution with the chain; forged events start none; unpublishing deactivates it',
			async () => {
				const { fake } = context();
				const { data } = fake;
				const searches = () =>
					fake.requests
						.filter(
							(r) => r.path === '/services/v2/request' && r.query['filters[search]'] !== undefined,
						)
						.map((r) => String(r.query['filters[search]']).replace(/^%/, ''));
				const webhookCalls = () =>
					fake.requests
						.filter((r) => r.path.startsWith('/services/v2/webhook'))
						.map((r) => `${r.method} ${r.path.slice('/services/v2'.length)}`);
				data.webhook = undefined;
				data.webhookDeliveries.length = 0;

				const webhookId = randomUUID();
				const created = await rest<{ id: string; versionId: string }>(
					'POST',
					'/workflows',
					webhookWorkflow(credentialsFor(fake).sandbox, webhookId),
				);
				await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
				let secret = '';
				try {
					// Published (n8n 2.41 may finish it in the background): created, challenged, activated.
					await until(
						'the webhook is active',
						() => data.webhook?.status === 'active',
						120_000,
						250,
					);
					const endpoint = `${n8n().url}/webhook/${webhookId}/webhook`;
					expect(data.webhook).toMatchObject({ id: 5001, endpoint, status: 'active' });
					secret = data.webhook.secret;
					expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
					expect(webhookCalls()).toEqual(FIRST_REGISTRATION_CALLS);
					expect(data.webhookDeliveries).toEqual([
						expect.objectContaining({
							event: 'challenge_webhook_endpoint',
							status: 200,
							key: secret,
						}),
					]);

					// An order issued in CertCentral: one event, one execution, with the end entity and two issuers.
					const order = data.addOrder({ status: 'pending', commonName: 'e2e-webhook.example.com' });
					data.setOrderStatus(order.id, 'issued');
					await data.webhookSettled();
					const delivered = data.webhookDeliveries.at(-1)!;
					expect(delivered).toMatchObject({ event: 'certificate_issued', status: 200 });
					await until('the execution searched', () => searches().length > 0, 60_000, 250);
					const searched = fake.requests.find((r) => r.query['filters[search]'] !== undefined)!;
					process.stderr.write(
						`webhook e2e: certificate_issued sent → next node's request after ${searched.time - delivered.time} ms\n`,
					);

					// Forged: no key, a wrong key. n8n answers 401 and starts nothing.
					const forged = [
						await data.deliverWebhookEvent(
							'certificate_revoked',
							{ order_id: order.id },
							{ key: null },
						),
						await data.deliverWebhookEvent(
							'certificate_revoked',
							{ order_id: order.id },
							{ key: 'f'.repeat(43) },
						),
					];
					expect(forged.map((d: any) => d.status)).toEqual([401, 401]);
					await new Promise((resolve) => setTimeout(resolve, 5_000));
					expect(searches()).toEqual([
						`certificate_issued|${order.id}|${order.certificate.id}|1|2`,
					]);
				} finally {
					fake.requests.length = 0;
					await rest('POST', `/workflows/${created.id}/deactivate`, {});
				}
				// Unpublished: the webhook deactivated (DigiCert documents no delete).
				await until(
					'the webhook is inactive',
					() => data.webhook?.status === 'inactive',
					60_000,
					250,
				);
				expect(webhookCalls()).toEqual(['GET /webhook', 'PUT /webhook/5001/deactivate']);
				expectNoKey(n8n().log(), [fake.apiKey, secret]);
			},
			6 * 60_000,
		);
	});
}
