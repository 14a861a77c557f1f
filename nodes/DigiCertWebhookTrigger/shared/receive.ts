/**
 * What the webhook does with a request: only DigiCert's, carrying this workflow's secret, starts
 * anything. The challenge is answered while a registration waits for it; a test event runs only
 * "Listen for test event"; an event the node did not pick is acknowledged and dropped.
 */
import { createHash, timingSafeEqual } from 'crypto';
import type {
	IBinaryKeyData,
	IDataObject,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DigiCertClient } from '../../common/transport';
import { isObject } from '../../common/types';
import { pendingChallenge, registrationKey, testSecret } from './challenge';
import { EVENT_NAMES } from './description';
import { storedWebhook } from './registration';

/** The largest event accepted: a certificate_issued with its chain is a few KB. */
export const MAX_EVENT_BYTES = 256 * 1024;

const CHALLENGE_EVENT = 'challenge_webhook_endpoint';
const TEST_EVENT = 'test_webhook_endpoint';

/** Compares in constant time (both sides hashed first, so their lengths tell nothing either). */
export function sameSecret(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || expected === undefined || expected === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

const acknowledged = (context: IWebhookFunctions, message: string) => refuse(context, 200, message);

/** The request body's size in bytes, as it came (or as parsed when n8n kept no raw body). */
function bodyBytes(context: IWebhookFunctions): number {
	const request = context.getRequestObject();
	const declared = Number(request.headers['content-length']);
	const raw = (request as unknown as { rawBody?: Buffer }).rawBody;
	const parsed = Buffer.byteLength(JSON.stringify(context.getBodyData() ?? {}), 'utf8');
	return Math.max(Number.isFinite(declared) ? declared : 0, raw?.length ?? 0, parsed);
}

/** n8n's webhook(): authenticate, then challenge, test event, or the event's item. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	if (bodyBytes(this) > MAX_EVENT_BYTES) return refuse(this, 413, 'Event too large');
	const headers = this.getHeaderData() as IDataObject;
	const given = headers['x-webhook-key'];
	const key = registrationKey(this.getWorkflow().id, this.getNode().id);
	const manual = this.getMode() === 'manual';
	const pending = manual ? undefined : pendingChallenge(key);
	const expected = manual ? testSecret(key) : storedWebhook(this).secret;
	// During activation the new secret is not in the saved static data yet: the waiting registration has it.
	if (!sameSecret(given, expected) && !sameSecret(given, pending?.secret))
		return refuse(this, 401, 'Missing or wrong X-WEBHOOK-KEY');

	const body: unknown = this.getBodyData();
	const event = isObject(body) ? body.event : undefined;
	const data = isObject(body) && isObject(body.data) ? body.data : {};
	if (
		typeof event !== 'string' ||
		(isObject(body) && body.data !== undefined && !isObject(body.data))
	)
		return refuse(this, 400, 'Not a CertCentral event');

	if (event === CHALLENGE_EVENT) {
		if (
			pending === undefined ||
			data.webhook_id !== pending.webhookId ||
			typeof data.token !== 'string'
		)
			return refuse(this, 409, 'No challenge is pending for this webhook');
		pending.receive(data.token);
		return acknowledged(this, 'Challenge received');
	}
	if (event === TEST_EVENT) {
		if (!manual) return acknowledged(this, 'Test event received');
		return { workflowData: [[{ json: { event: TEST_EVENT, test: true } }]] };
	}
	if (!EVENT_NAMES.includes(event)) return refuse(this, 400, 'Not a CertCentral event');
	const picked = this.getNodeParameter('events', []) as string[];
	if (!picked.includes(event)) return acknowledged(this, 'Event not subscribed by this workflow');

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const item = await eventItem(this, event, data, options);
	return { workflowData: [[item]] };
}

interface ChainEntry {
	subject_common_name?: string;
	pem: string;
}

const isChainEntry = (entry: unknown): entry is ChainEntry =>
	isObject(entry) && typeof entry.pem === 'string';

/** PEM with plain \n line breaks (DigiCert sends \r\n) and a final newline. */
const normalPem = (pem: string) => pem.replace(/\r\n?/g, '\n').replace(/(?<!\n)\n*$/, '\n');

async function eventItem(
	context: IWebhookFunctions,
	event: string,
	data: IDataObject,
	options: IDataObject,
) {
	const { certificate_chain: chain, ...rest } = data;
	const json: IDataObject = {
		...rest,
		event,
		order_id: data.order_id ?? null,
		certificate_id: data.certificate_id ?? null,
	};
	let binary: IBinaryKeyData | undefined;
	const entries = Array.isArray(chain) ? chain.filter(isChainEntry) : [];
	if (entries.length > 0) {
		const [leaf, ...issuers] = entries.map((e) => ({
			subject_common_name: e.subject_common_name ?? null,
			pem: normalPem(e.pem),
		}));
		const chainPem = issuers.map((e) => e.pem).join('');
		if (options.chainAsBinary === true) {
			const stem = String(leaf.subject_common_name ?? `certificate-${data.certificate_id}`)
				.replace(/^\*\./, 'star.')
				.replace(/[^A-Za-z0-9._-]/g, '_');
			binary = {
				certificate: await context.helpers.prepareBinaryData(
					Buffer.from(leaf.pem, 'utf8'),
					`${stem}.crt`,
					'application/x-pem-file',
				),
				chain: await context.helpers.prepareBinaryData(
					Buffer.from(chainPem, 'utf8'),
					`${stem}.chain.crt`,
					'application/x-pem-file',
				),
			};
			json.certificate_chain = entries.map((e) => ({ subject_common_name: e.subject_common_name }));
		} else {
			json.certificate_pem = leaf.pem;
			json.chain_pem = chainPem;
			json.certificate_chain = [leaf, ...issuers];
		}
	}
	if (options.includeOrderDetails === true && typeof data.order_id === 'number') {
		json.order = await orderDetails(context, data.order_id);
	}
	return binary ? { json, binary } : { json };
}

/**
 * The order, through the same client (paced with every other request of the key). A failure is
 * put in the item rather than losing the event: DigiCert documents no redelivery.
 */
async function orderDetails(context: IWebhookFunctions, orderId: number): Promise<IDataObject> {
	try {
		const client = await DigiCertClient.connect(context);
		const body = (
			await client.send(
				{ method: 'GET', path: `/order/certificate/${orderId}`, subject: `Order ${orderId}` },
				0,
			)
		).body;
		return isObject(body) ? body : {};
	} catch (error) {
		return { error: (error as Error).message };
	}
}
