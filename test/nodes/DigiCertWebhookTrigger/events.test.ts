/**
 * What the DigiCert Webhook Trigger does with what reaches its URL: the fake's events when an order
 * is issued, revoked or rejected (one execution each, with the chain), and every request that must
 * start nothing (no or wrong X-WEBHOOK-KEY, not DigiCert's, too large, a challenge nobody waits for,
 * an event not picked). Published through n8n-core's HookContext first, as in lifecycle.test.ts.
 */
import { X509Certificate } from 'node:crypto';

import { MAX_EVENT_BYTES, sameSecret } from '../../../nodes/DigiCertWebhookTrigger/shared/receive';
import { capturedLogs } from '../../helpers/engine';
import { credentialFor, fakeData } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { WebhookTriggerHarness, webhookTriggerNode } from '../../helpers/webhookTrigger';

const server = useFakeCertCentral({ fresh: true });
let harness: WebhookTriggerHarness;

async function published(parameters: Record<string, unknown> = {}) {
	harness = new WebhookTriggerHarness(
		webhookTriggerNode({
			events: ['certificate_issued', 'certificate_revoked', 'order_rejected'],
			...parameters,
		}),
		credentialFor(server),
	);
	await harness.start();
	await harness.activate();
	server.requests.length = 0;
	return harness;
}

afterEach(async () => await harness?.close());

/** A pending order of the fake, issued now: DigiCert's certificate_issued follows. */
async function issueOrder() {
	const order = server.data.addOrder({ status: 'pending', commonName: 'shop.example.com' });
	server.data.setOrderStatus(order.id, 'issued');
	await server.data.webhookSettled();
	return order;
}

async function post(body: unknown, key?: string, raw?: string) {
	const response = await fetch(harness.productionUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(key ? { 'x-webhook-key': key } : {}) },
		body: raw ?? JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as any };
}

const secret = () => server.data.webhook.secret as string;
const certificateIssued = (orderId = fakeData.SEED_ORDER_ID) => ({
	event: 'certificate_issued',
	data: { order_id: orderId, certificate_id: 123 },
});

describe('events that start the workflow', () => {
	it('an order issued in CertCentral starts exactly one execution, with the chain as PEM', async () => {
		await published();
		const order = await issueOrder();
		expect(harness.executions).toHaveLength(1);
		const [item] = harness.executions[0];
		expect(item.json).toMatchObject({
			event: 'certificate_issued',
			order_id: order.id,
			certificate_id: order.certificate.id,
		});
		const json = item.json as any;
		// PEMs with plain line breaks, the end entity first, then its issuers: each one a real certificate.
		expect(json.certificate_pem).not.toContain('\r');
		expect(new X509Certificate(json.certificate_pem).subject).toContain('CN=shop.example.com');
		expect(json.chain_pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
		expect(json.certificate_chain.map((c: any) => c.subject_common_name)).toEqual([
			'shop.example.com',
			'Fake CertCentral Test TLS CA',
			'Fake CertCentral Test Root CA',
		]);
		expect(harness.received.at(-1)!.answer.status).toBe(200);
	});

	it('the chain as binary files (certificate, chain) ready for Write File or S3', async () => {
		await published({ options: { chainAsBinary: true } });
		await issueOrder();
		const [item] = harness.executions[0];
		expect(item.json).not.toHaveProperty('certificate_pem');
		expect(item.binary).toMatchObject({
			certificate: { fileName: 'shop.example.com.crt', mimeType: 'application/x-pem-file' },
			chain: { fileName: 'shop.example.com.chain.crt' },
		});
		const pem = Buffer.from(item.binary!.certificate.data, 'base64').toString('utf8');
		expect(new X509Certificate(pem).subject).toContain('CN=shop.example.com');
	});

	it('without the chain option DigiCert sends no chain, and the item has none', async () => {
		await published({ options: { certificateChain: false } });
		expect(server.data.webhook.webhook_settings.webhook_send_certificate_chain).toBe('0');
		await issueOrder();
		expect(Object.keys(harness.executions[0][0].json).sort()).toEqual([
			'certificate_id',
			'event',
			'order_id',
		]);
	});

	it('a revoked certificate and a rejected order each start one execution', async () => {
		await published();
		server.data.setOrderStatus(fakeData.SEED_ORDER_ID, 'revoked');
		const pending = server.data.addOrder({ status: 'pending' });
		server.data.setOrderStatus(pending.id, 'rejected');
		await server.data.webhookSettled();
		expect(harness.executions.map((run) => run[0].json.event)).toEqual([
			'certificate_revoked',
			'order_rejected',
		]);
		expect(harness.executions[1][0].json).toMatchObject({ order_id: pending.id });
	});

	it('Include Order Details fetches the order through the client', async () => {
		await published({ options: { includeOrderDetails: true } });
		const order = await issueOrder();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /services/v2/order/certificate/${order.id}`,
		]);
		expect((harness.executions[0][0].json as any).order).toMatchObject({ id: order.id });
	});

	it("Include Order Details: DigiCert's failure is in the item, the event is not lost", async () => {
		await published({ options: { includeOrderDetails: true } });
		server.fail({ respond: { status: 404, body: { errors: [{ code: 'not_found|order' }] } } });
		await post(certificateIssued(999), secret());
		expect(harness.executions).toHaveLength(1);
		expect((harness.executions[0][0].json as any).order.error).toContain('999');
		expect(JSON.stringify(harness.executions)).not.toContain(server.apiKey);
	});
});

describe('requests that start nothing', () => {
	it.each([
		['without X-WEBHOOK-KEY', undefined],
		['with a wrong key', 'w'.repeat(43)],
		['with the key of another webhook', 'forged-but-long-enough-0123456789abcdef'],
		['with an empty key', ''],
	])('an event %s: 401', async (_name, key) => {
		await published();
		await expect(post(certificateIssued(), key)).resolves.toMatchObject({ status: 401 });
		expect(harness.executions).toEqual([]);
	});

	it('the fake delivering without the secret (forged by a test) starts nothing', async () => {
		await published();
		const delivery = await server.data.deliverWebhookEvent(
			'certificate_issued',
			{ order_id: 1 },
			{ key: null },
		);
		expect(delivery?.status).toBe(401);
		expect(harness.executions).toEqual([]);
	});

	it.each([
		['a list', '[1,2]'],
		['no event', '{"data":{"order_id":1}}'],
		['an event name DigiCert does not send', '{"event":"order_created","data":{}}'],
		['data that is not an object', '{"event":"certificate_issued","data":"x"}'],
	])('a body that is not a DigiCert event (%s): 400', async (_name, raw) => {
		await published();
		await expect(post(undefined, secret(), raw)).resolves.toMatchObject({ status: 400 });
		expect(harness.executions).toEqual([]);
	});

	it('an oversized body: 413', async () => {
		await published();
		const big = {
			...certificateIssued(),
			data: { order_id: 1, padding: 'x'.repeat(MAX_EVENT_BYTES) },
		};
		await expect(post(big, secret())).resolves.toMatchObject({ status: 413 });
		expect(harness.executions).toEqual([]);
	});

	it('a challenge nobody waits for: 409, nothing sent to DigiCert', async () => {
		await published();
		const challenge = {
			event: 'challenge_webhook_endpoint',
			data: { token: 't', webhook_id: 5001 },
		};
		await expect(post(challenge, secret())).resolves.toMatchObject({ status: 409 });
		expect(server.requests).toEqual([]);
		expect(harness.executions).toEqual([]);
	});

	it('an event the node did not pick: acknowledged, nothing started', async () => {
		await published({ events: ['certificate_revoked'] });
		await expect(post(certificateIssued(), secret())).resolves.toMatchObject({ status: 200 });
		expect(harness.executions).toEqual([]);
	});

	it("DigiCert's test event at the production URL: acknowledged, nothing started", async () => {
		await published();
		await expect(post({ event: 'test_webhook_endpoint' }, secret())).resolves.toMatchObject({
			status: 200,
		});
		expect(harness.executions).toEqual([]);
	});

	it('the secret appears in no item, answer or log', async () => {
		await published();
		await issueOrder();
		await post(certificateIssued(), 'wrong-key');
		const seen = JSON.stringify([harness.executions, harness.received.map((r) => r.answer)]);
		expect(seen).not.toContain(secret());
		expect(capturedLogs.join('\n')).not.toContain(secret());
	});
});

describe('sameSecret', () => {
	it('is true only for the same text, whatever the lengths', () => {
		expect(sameSecret('a'.repeat(43), 'a'.repeat(43))).toBe(true);
		expect(sameSecret('a'.repeat(42), 'a'.repeat(43))).toBe(false);
		expect(sameSecret('a'.repeat(44), 'a'.repeat(43))).toBe(false);
		expect(sameSecret(['a'.repeat(43)], 'a'.repeat(43))).toBe(false);
		expect(sameSecret('', '')).toBe(false);
		expect(sameSecret('x', undefined)).toBe(false);
	});
});
