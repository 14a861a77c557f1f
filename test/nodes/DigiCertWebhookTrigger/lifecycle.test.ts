/**
 * The DigiCert Webhook Trigger's registration with CertCentral, driven by n8n-core's HookContext
 * (publish: checkExists, create; unpublish: delete) against the fake, whose challenge reaches the
 * node's webhook() over HTTP on 127.0.0.1. What reached the fake, the account's webhook after, and
 * the messages of every refusal.
 */
import { challengeTiming } from '../../../nodes/DigiCertWebhookTrigger/shared/challenge';
import { capturedLogs } from '../../helpers/engine';
import type { RecordedRequest } from '../../helpers/fake';
import { credentialFor } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { FIRST_REGISTRATION_CALLS } from '../../helpers/webhookRegistration';
import { WebhookTriggerHarness, webhookTriggerNode } from '../../helpers/webhookTrigger';

const server = useFakeCertCentral({ fresh: true });
const harnesses: WebhookTriggerHarness[] = [];

async function trigger(parameters: Record<string, unknown> = {}, name?: string) {
	const harness = new WebhookTriggerHarness(
		webhookTriggerNode(
			{ events: ['certificate_issued', 'certificate_revoked'], ...parameters },
			name,
		),
		credentialFor(server),
	);
	await harness.start();
	harnesses.push(harness);
	return harness;
}

afterEach(async () => {
	await Promise.all(harnesses.splice(0).map(async (h) => await h.close()));
	challengeTiming.waitMs = 60_000;
});

const webhookCalls = () =>
	server.requests
		.filter((r: RecordedRequest) => r.path.startsWith('/services/v2/webhook'))
		.map((r) => `${r.method} ${r.path.slice('/services/v2'.length)}`);

describe('publishing registers the account webhook', () => {
	it('creates it with a random secret, answers the challenge itself, completes it and activates', async () => {
		const harness = await trigger();
		await expect(harness.activate()).resolves.toEqual({ created: true });

		expect(webhookCalls()).toEqual(FIRST_REGISTRATION_CALLS);
		const created = server.requests.find((r) => r.method === 'POST')!.body as any;
		expect(created).toEqual({
			endpoint: harness.productionUrl,
			secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
			events: ['certificate_issued', 'certificate_revoked'],
			webhook_settings: {
				webhook_send_certificate_chain: '1',
				webhook_send_instant_issued_certificate_chain: '1',
				instant_issue_webhook_notification: '1',
				webhook_notification_frequency: [90, 60, 30, 7, 0, -7],
			},
		});
		// The challenge reached the node with the secret, and its token went back to DigiCert.
		const challenge = server.data.webhookDeliveries[0];
		expect(challenge).toMatchObject({
			event: 'challenge_webhook_endpoint',
			key: created.secret,
			status: 200,
		});
		const check = server.requests.find((r) => r.path.endsWith('/check-challenge'))!;
		expect(check.body).toEqual({ token: challenge.body.data.token });
		expect(server.data.webhook).toMatchObject({
			status: 'active',
			endpoint: harness.productionUrl,
			secret: created.secret,
		});
		// The secret is kept in the workflow's static data, and started nothing.
		expect(harness.saved).toMatchObject({
			'node:DigiCert Webhook Trigger': { webhookId: 5001, secret: created.secret },
		});
		expect(harness.executions).toEqual([]);
		expect(capturedLogs.join('\n')).not.toContain(created.secret);
	});

	it('each workflow gets its own secret', async () => {
		const first = await trigger();
		await first.activate();
		const firstSecret = server.data.webhook.secret;
		await first.deactivate();
		server.data.webhook = undefined;
		const second = await trigger();
		await second.activate();
		expect(server.data.webhook.secret).not.toEqual(firstSecret);
	});

	it('changes nothing when n8n starts again and the webhook is as the node asks', async () => {
		const harness = await trigger();
		await harness.activate();
		server.requests.length = 0;
		await expect(harness.activate('init')).resolves.toEqual({ created: false });
		expect(webhookCalls()).toEqual(['GET /webhook']);
	});

	it('updates it (same secret) when it already points at this workflow and the events changed', async () => {
		const harness = await trigger();
		await harness.activate();
		const secret = server.data.webhook.secret;
		harness.node.parameters.events = ['order_rejected'];
		server.requests.length = 0;
		await expect(harness.activate()).resolves.toEqual({ created: true });
		expect(webhookCalls()).toEqual([
			'GET /webhook',
			'GET /webhook',
			'PUT /webhook/5001',
			'PUT /webhook/5001/send-challenge',
			'PUT /webhook/5001/check-challenge',
			'PUT /webhook/5001/activate',
		]);
		expect(server.data.webhook).toMatchObject({
			events: ['order_rejected'],
			secret,
			status: 'active',
		});
	});

	it("follows n8n's new URL (WEBHOOK_URL changed): its own webhook is updated, not refused", async () => {
		const harness = await trigger();
		await harness.activate();
		const oldUrl = 'https://n8n-old.example.com/webhook/hook-DigiCertWebhookTrigger/webhook';
		server.data.webhook.endpoint = oldUrl;
		(harness.saved['node:DigiCert Webhook Trigger'] as { endpoint: string }).endpoint = oldUrl;
		await expect(harness.activate('init')).resolves.toEqual({ created: true });
		expect(server.data.webhook).toMatchObject({
			endpoint: harness.productionUrl,
			status: 'active',
		});
	});

	it('registers again when someone deactivated it in CertCentral', async () => {
		const harness = await trigger();
		await harness.activate();
		server.data.webhook.status = 'inactive';
		await expect(harness.activate('init')).resolves.toEqual({ created: true });
		expect(server.data.webhook.status).toBe('active');
	});
});

describe('one webhook per account', () => {
	it('refuses to take over a webhook that points elsewhere, naming it, and changes nothing', async () => {
		server.data.webhook = {
			id: 77,
			endpoint: 'https://other.example.com/hook',
			events: ['certificate_issued'],
			status: 'active',
			webhook_settings: {},
			verified: true,
		};
		const harness = await trigger();
		const failure = harness.activate();
		await expect(failure).rejects.toThrow(
			"The account's CertCentral webhook points at another endpoint: https://other.example.com/hook",
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining("Replace the Account's Existing Webhook"),
		});
		expect(webhookCalls()).toEqual(['GET /webhook']);
		expect(server.data.webhook.endpoint).toBe('https://other.example.com/hook');
	});

	it('a second DigiCert Webhook Trigger on the account is refused with the fan-out advice', async () => {
		await (await trigger({}, 'First')).activate();
		const second = await trigger({}, 'Second');
		await expect(second.activate()).rejects.toMatchObject({
			description: expect.stringContaining('a Switch on "event"'),
		});
	});

	it('replaces it when asked: pointed here, challenged again, activated', async () => {
		server.data.webhook = {
			id: 77,
			endpoint: 'https://other.example.com/hook',
			secret: 'x'.repeat(40),
			events: ['certificate_issued'],
			status: 'active',
			webhook_settings: {},
			verified: true,
		};
		const harness = await trigger({ replaceExisting: true });
		await harness.activate();
		expect(webhookCalls()).toEqual([
			'GET /webhook',
			'PUT /webhook/77',
			'PUT /webhook/77/send-challenge',
			'PUT /webhook/77/check-challenge',
			'PUT /webhook/77/activate',
		]);
		expect(server.data.webhook).toMatchObject({
			endpoint: harness.productionUrl,
			status: 'active',
		});
		expect(server.data.webhook.secret).not.toBe('x'.repeat(40));
	});
});

describe('when webhooks are not available', () => {
	it.each([
		['not enabled on the account', { enabled: false }, 'Webhooks are not enabled for this account'],
		['the key is not an admin', { admin: false }, 'lacks permission'],
	])(
		"%s: publishing fails with DigiCert's reason and points to the polling trigger",
		async (_n, account, reason) => {
			Object.assign(server.data.webhookAccount, account);
			const harness = await trigger();
			const failure = harness.activate();
			await expect(failure).rejects.toThrow(
				'CertCentral webhooks are not available with this API key',
			);
			await expect(failure).rejects.toThrow(reason);
			await expect(failure).rejects.toMatchObject({
				description: expect.stringContaining('DigiCert Trigger (polling)'),
			});
			expect(webhookCalls()).toEqual(['GET /webhook']);
		},
	);

	it('refuses an http:// URL as DigiCert does, saying to set WEBHOOK_URL', async () => {
		server.data.webhookAccount.strictHttps = true;
		const harness = await trigger();
		const failure = harness.activate();
		await expect(failure).rejects.toThrow('Make sure the endpoint begins with https://');
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('WEBHOOK_URL'),
		});
	});

	it('fails, leaving the webhook inactive, when the challenge never reaches n8n', async () => {
		server.data.webhookAccount.unreachable = true;
		challengeTiming.waitMs = 2000;
		const harness = await trigger();
		await expect(harness.activate()).rejects.toThrow(
			`DigiCert's challenge did not reach ${harness.productionUrl} within 2 seconds`,
		);
		expect(webhookCalls()).not.toContain('PUT /webhook/5001/activate');
		expect(server.data.webhook.status).toBe('pending');
	});

	it("fails with DigiCert's reason when it refuses the token", async () => {
		server.fail({
			match: (r) => r.path.endsWith('/check-challenge'),
			respond: {
				status: 400,
				body: {
					errors: [
						{
							code: 'webhook_invalid_token',
							message: 'The token is invalid, expired, or missing.',
						},
					],
				},
			},
		});
		const harness = await trigger();
		await expect(harness.activate()).rejects.toThrow('The token is invalid, expired, or missing.');
		expect(server.data.webhook.status).toBe('pending');
	});

	it('sends the creation once when the connection fails after it was sent', async () => {
		server.fail({
			match: (r) => r.method === 'POST' && r.path === '/services/v2/webhook',
			times: 1,
			respond: { status: 502 },
		});
		const harness = await trigger();
		await expect(harness.activate()).rejects.toThrow('CertCentral did not register the webhook');
		expect(webhookCalls().filter((c) => c === 'POST /webhook')).toHaveLength(1);
	});
});

describe('unpublishing', () => {
	it('deactivates the webhook (DigiCert documents no delete) and remembers it as its own', async () => {
		const harness = await trigger();
		await harness.activate();
		server.requests.length = 0;
		await expect(harness.deactivate()).resolves.toBe(true);
		expect(webhookCalls()).toEqual(['GET /webhook', 'PUT /webhook/5001/deactivate']);
		expect(server.data.webhook.status).toBe('inactive');
		// Published again (after n8n's URL changed, even): the same webhook, updated, challenged, activated.
		server.data.webhook.endpoint = 'https://n8n-old.example.com/webhook/x/webhook';
		(harness.saved['node:DigiCert Webhook Trigger'] as { endpoint: string }).endpoint =
			server.data.webhook.endpoint;
		await harness.activate();
		expect(server.data.webhook.status).toBe('active');
	});

	it('leaves alone a webhook someone pointed elsewhere since', async () => {
		const harness = await trigger();
		await harness.activate();
		server.data.webhook.endpoint = 'https://other.example.com/hook';
		server.requests.length = 0;
		await harness.deactivate();
		expect(webhookCalls()).toEqual(['GET /webhook']);
		expect(server.data.webhook.status).toBe('active');
	});
});

describe('"Listen for test event"', () => {
	it('asks DigiCert for a test event at the test URL and leaves the account webhook alone', async () => {
		server.data.webhook = {
			id: 77,
			endpoint: 'https://production.example.com/hook',
			events: ['certificate_issued'],
			status: 'active',
			webhook_settings: {},
			verified: true,
		};
		const harness = await trigger();
		await harness.listen();
		expect(webhookCalls()).toEqual(['POST /webhook/test-endpoint']);
		const asked = server.requests[0].body as any;
		expect(asked).toEqual({ endpoint: harness.testUrl, secret: expect.stringMatching(/^.{43}$/) });
		expect(harness.executions).toEqual([
			[{ json: { event: 'test_webhook_endpoint', test: true } }],
		]);
		expect(server.data.webhook).toMatchObject({
			id: 77,
			endpoint: 'https://production.example.com/hook',
		});
		expect(harness.saved).toEqual({});
	});

	it('ending the listen (n8n deletes the test webhook in mode "internal") leaves the published webhook active', async () => {
		const harness = await trigger();
		await harness.activate();
		await harness.listen();
		server.requests.length = 0;
		await expect(harness.stopListening()).resolves.toBe(true);
		expect(webhookCalls()).toEqual([]);
		expect(server.data.webhook.status).toBe('active');
		// Still published: its events still start it.
		server.data.setOrderStatus(server.data.addOrder({ status: 'pending' }).id, 'issued');
		await server.data.webhookSettled();
		expect(harness.executions.map((run) => run[0].json.event)).toEqual([
			'test_webhook_endpoint',
			'certificate_issued',
		]);
	});

	it('says DigiCert could not reach the test URL, and that the webhook was not changed', async () => {
		server.data.webhookAccount.strictHttps = true;
		const harness = await trigger();
		const failure = harness.listen();
		await expect(failure).rejects.toThrow(
			`DigiCert could not send a test event to ${harness.testUrl}`,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining("The account's webhook was not changed"),
		});
		expect(server.data.webhook).toBeUndefined();
	});
});
