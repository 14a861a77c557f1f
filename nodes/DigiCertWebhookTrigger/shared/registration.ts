/**
 * The webhook's lifecycle in CertCentral (n8n's webhookMethods): checkExists, create, delete. One
 * webhook per account: it is created, or updated when it already points here (or when the user
 * chose to replace it); its secret is random per workflow and kept in the workflow's static data;
 * the challenge is answered by this node's own webhook() and completed here; then it is activated.
 * Deactivation deactivates it (DigiCert documents no delete call).
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DigiCertClient } from '../../common/transport';
import { isObject } from '../../common/types';
import {
	awaitChallenge,
	challengeTiming,
	forgetTestSecret,
	registrationKey,
	rememberTestSecret,
} from './challenge';
import { EVENT_NAMES, NOTICE_DAYS } from './description';

/** What this node remembers in the workflow's static data. */
export interface StoredWebhook {
	webhookId?: number;
	endpoint?: string;
	secret?: string;
}

/** The account's webhook as List webhooks shows it. */
interface AccountWebhook {
	id: number;
	endpoint: string;
	secret?: string;
	events: string[];
	status: string;
	webhook_settings?: IDataObject;
}

/** What the node asks DigiCert to send (Create/Update webhook's `events` and `webhook_settings`). */
interface Subscription {
	events: string[];
	webhook_settings: {
		webhook_send_certificate_chain: '0' | '1';
		webhook_send_instant_issued_certificate_chain: '0' | '1';
		instant_issue_webhook_notification: '0' | '1';
		webhook_notification_frequency: number[];
	};
}

export const POLLING_ADVICE =
	'Use the DigiCert Trigger (polling) node instead: it works on every account and with any API key.';

/** A random secret: 32 bytes from the system's CSPRNG, 43 characters (DigiCert requires at least 32). */
export const newSecret = () => randomBytes(32).toString('base64url');

export function storedWebhook(
	context: Pick<IHookFunctions, 'getWorkflowStaticData'>,
): StoredWebhook {
	return context.getWorkflowStaticData('node') as StoredWebhook;
}

function readSubscription(context: IHookFunctions): Subscription {
	const events = context.getNodeParameter('events', []) as unknown;
	if (
		!Array.isArray(events) ||
		events.length === 0 ||
		!events.every((e) => EVENT_NAMES.includes(e as string))
	) {
		throw new NodeOperationError(context.getNode(), 'Pick at least one event in Events', {
			description: `The events CertCentral can send are: ${EVENT_NAMES.join(', ')}.`,
		});
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const flag = (value: unknown) => (value === false ? '0' : '1');
	const days = Array.isArray(options.noticeDays) ? options.noticeDays : [...NOTICE_DAYS];
	return {
		events: [...new Set(events as string[])].sort(),
		webhook_settings: {
			webhook_send_certificate_chain: flag(options.certificateChain),
			webhook_send_instant_issued_certificate_chain: flag(options.certificateChain),
			instant_issue_webhook_notification: flag(options.instantIssued),
			webhook_notification_frequency: NOTICE_DAYS.filter((d) => days.includes(d)),
		},
	};
}

const sameList = (a: unknown, b: unknown[]) =>
	Array.isArray(a) && a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Whether the account's webhook sends what the node asks for, as it asks. */
function sendsAsAsked(hook: AccountWebhook, wanted: Subscription): boolean {
	const settings = hook.webhook_settings ?? {};
	return (
		sameList(hook.events, wanted.events) &&
		Object.entries(wanted.webhook_settings).every(([key, value]) =>
			Array.isArray(value) ? sameList(settings[key], value) : String(settings[key]) === value,
		)
	);
}

/** DigiCert's failure as a message that says what to do about webhooks, keeping DigiCert's reason. */
function webhookFailure(
	context: IHookFunctions,
	error: unknown,
	what: string,
	advice: string,
): NodeOperationError {
	const said = error instanceof Error ? error.message : String(error);
	const detail = error instanceof NodeApiError && error.description ? ` ${error.description}` : '';
	return new NodeOperationError(context.getNode(), `${what}: ${said}`, {
		description: `${detail.trim()} ${advice}`.trim(),
	});
}

/** The account's webhook, undefined when it has none (400 webhook_invalid_account). */
async function accountWebhook(
	context: IHookFunctions,
	client: DigiCertClient,
): Promise<AccountWebhook | undefined> {
	let body: unknown;
	let failure: unknown;
	try {
		body = (
			await client.send(
				{
					method: 'GET',
					path: '/webhook',
					subject: 'The webhook',
					answerCodes: ['webhook_invalid_account'],
				},
				0,
			)
		).body;
	} catch (error) {
		failure = error;
	}
	// DigiCert documents no code for an account without webhooks or a key that may not manage them.
	if (failure instanceof NodeApiError && ['401', '403', '404'].includes(String(failure.httpCode)))
		throw webhookFailure(
			context,
			failure,
			'CertCentral webhooks are not available with this API key',
			`Webhooks are not enabled on every CertCentral account (ask your account manager or DigiCert Support), and only an administrator's key may manage them. ${POLLING_ADVICE}`,
		);
	if (failure !== undefined) throw failure;
	if (isObject(body) && Array.isArray(body.errors)) return undefined;
	const list = isObject(body) ? body.webhooks : undefined;
	if (Array.isArray(list) && list.length === 0) return undefined;
	const hook: unknown = Array.isArray(list) ? list[0] : undefined;
	if (!isObject(hook) || typeof hook.id !== 'number' || typeof hook.endpoint !== 'string') {
		throw new NodeOperationError(
			context.getNode(),
			"DigiCert's list of webhooks is not in the documented form",
			{ description: 'Nothing was changed in CertCentral. Try again later.' },
		);
	}
	return hook as unknown as AccountWebhook;
}

/** The production URL's webhook is this node's, registered as the node asks, and active. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// "Listen for test event" never registers anything: create() then asks for a test event.
	if (this.getMode() === 'manual') return false;
	const stored = storedWebhook(this);
	const endpoint = this.getNodeWebhookUrl('default');
	if (stored.webhookId === undefined || stored.secret === undefined) return false;
	const client = await DigiCertClient.connect(this);
	const hook = await accountWebhook(this, client);
	return (
		hook !== undefined &&
		hook.id === stored.webhookId &&
		hook.endpoint === endpoint &&
		stored.endpoint === endpoint &&
		hook.status === 'active' &&
		hook.secret === stored.secret &&
		sendsAsAsked(hook, readSubscription(this))
	);
}

/** Registers (or re-registers) the account's webhook for this node, or asks for a test event. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const endpoint = this.getNodeWebhookUrl('default');
	if (endpoint === undefined)
		throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
	const client = await DigiCertClient.connect(this);
	const key = registrationKey(this.getWorkflow().id, this.getNode().id);
	if (this.getMode() === 'manual') return await askForTestEvent(this, client, endpoint, key);

	const wanted = readSubscription(this);
	const existing = await accountWebhook(this, client);
	const stored = storedWebhook(this);
	const replace = this.getNodeParameter('replaceExisting', false) === true;
	// This workflow's own registration at an earlier URL of n8n (WEBHOOK_URL changed) is updated too.
	const ours =
		existing !== undefined &&
		existing.id === stored.webhookId &&
		existing.endpoint === stored.endpoint;
	if (existing !== undefined && existing.endpoint !== endpoint && !ours && !replace) {
		throw new NodeOperationError(
			this.getNode(),
			`The account's CertCentral webhook points at another endpoint: ${existing.endpoint}`,
			{
				description:
					'CertCentral has one webhook per account, and it was not changed. Turn on "Replace the Account\'s Existing Webhook" to point it at this workflow (that endpoint then gets no more events), or use one DigiCert Webhook Trigger with a Switch on "event" for several workflows.',
			},
		);
	}
	const secret =
		stored.secret !== undefined && stored.secret.length >= 32 ? stored.secret : newSecret();
	const body = { endpoint, secret, ...wanted };
	let webhookId: number;
	try {
		if (existing === undefined) {
			const answer = (await client.send({ method: 'POST', path: '/webhook', body }, 0)).body;
			const id = isObject(answer) ? answer.webhook_id : undefined;
			if (typeof id !== 'number')
				throw new NodeOperationError(
					this.getNode(),
					'DigiCert created the webhook without saying its ID',
				);
			webhookId = id;
		} else {
			webhookId = existing.id;
			await client.send({ method: 'PUT', path: `/webhook/${webhookId}`, body }, 0);
		}
	} catch (error) {
		throw webhookFailure(
			this,
			error,
			'CertCentral did not register the webhook',
			`DigiCert sends events only to a public HTTPS URL: set n8n's WEBHOOK_URL to the https:// address DigiCert can reach (${endpoint} now). ${POLLING_ADVICE}`,
		);
	}
	Object.assign(stored, { webhookId, endpoint, secret });

	const challenge = awaitChallenge(key, webhookId, secret);
	try {
		await client.send({ method: 'PUT', path: `/webhook/${webhookId}/send-challenge` }, 0);
		const token = await challenge.token();
		if (token === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`DigiCert's challenge did not reach ${endpoint} within ${Math.round(challengeTiming.waitMs / 1000)} seconds`,
				{
					description:
						"The webhook stays registered but inactive. DigiCert must reach n8n's production URL over HTTPS (set WEBHOOK_URL; allow 216.168.240.0/20), and in queue mode the main instance must receive this webhook while the workflow is published. Publish again to retry.",
				},
			);
		}
		await client.send(
			{ method: 'PUT', path: `/webhook/${webhookId}/check-challenge`, body: { token } },
			0,
		);
		await client.send({ method: 'PUT', path: `/webhook/${webhookId}/activate` }, 0);
	} finally {
		challenge.done();
	}
	return true;
}

/**
 * "Listen for test event": DigiCert's Send test event posts `test_webhook_endpoint` to the test URL
 * with a secret of its own. The account's webhook is not touched.
 */
async function askForTestEvent(
	context: IHookFunctions,
	client: DigiCertClient,
	endpoint: string,
	key: string,
): Promise<boolean> {
	const secret = newSecret();
	rememberTestSecret(key, secret);
	try {
		await client.send(
			{ method: 'POST', path: '/webhook/test-endpoint', body: { endpoint, secret } },
			0,
		);
	} catch (error) {
		throw webhookFailure(
			context,
			error,
			`DigiCert could not send a test event to ${endpoint}`,
			"The account's webhook was not changed. DigiCert sends only to a public HTTPS URL (set n8n's WEBHOOK_URL); or publish the workflow and let a real event run it.",
		);
	}
	return true;
}

/** Unpublishing: deactivates the account's webhook when it is still this node's. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const stored = storedWebhook(this);
	// n8n removes the test webhook in mode "internal" too: only the registered URL's removal deactivates.
	if (this.getMode() === 'manual' || this.getNodeWebhookUrl('default') !== stored.endpoint) {
		forgetTestSecret(registrationKey(this.getWorkflow().id, this.getNode().id));
		return true;
	}
	if (stored.webhookId === undefined) return true;
	const client = await DigiCertClient.connect(this);
	try {
		const hook = await accountWebhook(this, client);
		// Someone pointed it elsewhere since: it is theirs now, and stays as it is.
		if (hook !== undefined && hook.id === stored.webhookId && hook.endpoint === stored.endpoint) {
			if (hook.status === 'active')
				await client.send({ method: 'PUT', path: `/webhook/${hook.id}/deactivate` }, 0);
		}
	} catch (error) {
		this.logger.warn(
			`DigiCert Webhook Trigger "${this.getNode().name}": the account's webhook could not be deactivated: ${(error as Error).message}`,
			{ workflowId: this.getWorkflow().id },
		);
		return false;
	}
	// Remembered: the deactivated webhook stays in the account, and publishing again updates it as this workflow's.
	return true;
}
