// @ts-check
'use strict';
/**
 * The fake's webhook (one per account, as DigiCert documents): create, list, update, test event,
 * send and check the challenge, activate, deactivate, event logs; and the events themselves, POSTed
 * to the endpoint when an order is issued, revoked or rejected (`data.setOrderStatus`).
 *
 * DigiCert requires an https:// endpoint (400 webhook_invalid_endpoint). TEST-ONLY ALLOWANCE: an
 * http:// endpoint on the loopback interface (127.0.0.1, localhost, [::1]) is accepted too, so tests
 * and the e2e suite can point it at an n8n listening on loopback; `data.webhookAccount.strictHttps`
 * turns the allowance off, and `unreachable` makes every delivery fail. Every answer DigiCert does not document goes through `assumed(...)`.
 */
const { clone, errorAnswer, assumed } = require('../common');
const { issuedChain, pem } = require('../x509');

/** The events a webhook can subscribe to (Create webhook's example lists all nine). */
const WEBHOOK_EVENTS = [
	'certificate_issued',
	'certificate_revoked',
	'order_rejected',
	'organization_validated',
	'organization_expired',
	'organization_revalidation_notice',
	'domain_validated',
	'domain_expired',
	'domain_revalidation_notice',
];
const FREQUENCIES = [90, 60, 30, 7, 0, -7];
const FLAG_SETTINGS = [
	'instant_issue_webhook_notification',
	'webhook_send_certificate_chain',
	'webhook_send_instant_issued_certificate_chain',
];
/** "The token is valid for 30 minutes" (Send challenge token). */
const CHALLENGE_MS = 30 * 60_000;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const invalidEndpoint = () =>
	errorAnswer(
		400,
		'webhook_invalid_endpoint',
		'The provided endpoint is not valid. Make sure the endpoint begins with https://',
	);
const webhookNotFound = () =>
	errorAnswer(404, 'not_found|webhook', 'A webhook with the given ID does not exist.');
const invalidAction = () =>
	errorAnswer(
		400,
		'webhook_invalid_action',
		'The webhook cannot be activated/deactivated. Make sure you have completed the verification challenge and try again.',
	);
const isObject = (/** @type {unknown} */ v) =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => {
	// The webhook's state (data.webhookAccount, data.webhook, data.webhookDeliveries) is in ../store.js.
	let nextWebhookId = 5001;
	let tokenCounter = 0;

	/** The endpoint's refusal, or undefined when it is one DigiCert (or the test-only allowance) accepts. */
	function endpointRefusal(/** @type {unknown} */ endpoint) {
		if (typeof endpoint !== 'string') return invalidEndpoint();
		let url;
		try {
			url = new URL(endpoint);
		} catch {
			return invalidEndpoint();
		}
		if (url.protocol === 'https:' && endpoint.startsWith('https://')) return undefined;
		const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname);
		if (loopback && !data.webhookAccount.strictHttps) return undefined;
		return invalidEndpoint();
	}

	/** The create/update body's checks (types per Create webhook), or the error answer. */
	function bodyRefusal(/** @type {any} */ body, /** @type {boolean} */ endpointRequired) {
		if (!isObject(body))
			return errorAnswer(400, 'bad_request_format', 'The request body is not valid JSON.');
		if (endpointRequired || body.endpoint !== undefined) {
			const refusal = endpointRefusal(body.endpoint);
			if (refusal) return refusal;
		}
		if (body.secret !== undefined && body.secret !== '') {
			if (typeof body.secret !== 'string' || body.secret.length < 32)
				return assumed(
					'the code for a secret under 32 characters is not documented',
					errorAnswer(400, 'invalid_secret', 'The secret must be at least 32 characters.'),
				);
		}
		if (body.events !== undefined) {
			if (
				!Array.isArray(body.events) ||
				body.events.some((/** @type {any} */ e) => !WEBHOOK_EVENTS.includes(e))
			)
				return assumed(
					'the code for an unknown event is not documented',
					errorAnswer(400, 'invalid_events', `events must be among: ${WEBHOOK_EVENTS.join(', ')}.`),
				);
		}
		const settings = body.webhook_settings;
		if (settings !== undefined) {
			const bad =
				!isObject(settings) ||
				Object.keys(settings).some(
					(k) => k !== 'webhook_notification_frequency' && !FLAG_SETTINGS.includes(k),
				) ||
				FLAG_SETTINGS.some(
					(k) => settings[k] !== undefined && !['0', '1', true, false].includes(settings[k]),
				) ||
				(settings.webhook_notification_frequency !== undefined &&
					(!Array.isArray(settings.webhook_notification_frequency) ||
						settings.webhook_notification_frequency.some(
							(/** @type {any} */ f) => !FREQUENCIES.includes(f),
						)));
			if (bad)
				return assumed(
					'the code for bad webhook_settings is not documented',
					errorAnswer(400, 'invalid_webhook_settings', 'webhook_settings is not valid.'),
				);
		}
		return undefined;
	}

	/** Flags as DigiCert lists them: strings "0"/"1". */
	function normalSettings(/** @type {any} */ settings, /** @type {any} */ previous = {}) {
		const result = { ...previous };
		for (const key of FLAG_SETTINGS)
			if (settings?.[key] !== undefined)
				result[key] = settings[key] === true || settings[key] === '1' ? '1' : '0';
		if (settings?.webhook_notification_frequency !== undefined)
			result.webhook_notification_frequency = [...settings.webhook_notification_frequency];
		return result;
	}

	/** The account's webhook feature, or the (ASSUMED) refusal. */
	function accountRefusal() {
		if (!data.webhookAccount.enabled)
			return assumed(
				'DigiCert documents no error for an account without webhooks',
				errorAnswer(
					403,
					'access_denied|webhooks_not_enabled',
					'Webhooks are not enabled for this account. Contact your account manager or DigiCert Support.',
				),
			);
		if (!data.webhookAccount.admin)
			return assumed(
				'"Only CertCentral admins can create webhooks" (older overview); the code is not documented',
				errorAnswer(
					403,
					'access_denied|missing_permission',
					'The API key you are using does not have permission to carry out the request.',
				),
			);
		return undefined;
	}

	/** The webhook named in the path, or the 404 answer. */
	function webhookFor(/** @type {string} */ id) {
		return data.webhook !== undefined && String(data.webhook.id) === id ? data.webhook : undefined;
	}

	/**
	 * POSTs `{event, data}` to `endpoint` with the secret in X-WEBHOOK-KEY (none when there is no
	 * secret), records it, and resolves with the endpoint's status (undefined when it did not answer).
	 * @param {string} endpoint @param {any} body @param {string | undefined} key
	 */
	async function post(endpoint, body, key) {
		/** @type {(typeof data.webhookDeliveries)[number]} */
		const delivery = { event: body.event, endpoint, body, key, time: Date.now() };
		data.webhookDeliveries.push(delivery);
		// A test's stand-in for an endpoint DigiCert cannot reach (a private or firewalled URL).
		if (data.webhookAccount.unreachable) {
			delivery.error = 'unreachable';
			return undefined;
		}
		try {
			const response = await fetch(endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(key ? { 'x-webhook-key': key } : {}) },
				body: JSON.stringify(body),
				redirect: 'manual',
				signal: AbortSignal.timeout(10_000),
			});
			await response.arrayBuffer().catch(() => undefined);
			delivery.status = response.status;
		} catch (error) {
			delivery.error = String(/** @type {Error} */ (error).message);
		}
		return delivery.status;
	}

	/**
	 * Sends `event` to the account's webhook when it is active and subscribed, as DigiCert does; resolves
	 * with the delivery (undefined when nothing was sent). `options.key` forges the header (tests).
	 * @param {string} event @param {any} eventData @param {{ key?: string | null }} [options]
	 */
	async function deliver(event, eventData, options = {}) {
		const hook = data.webhook;
		if (!hook || hook.status !== 'active' || !hook.events.includes(event)) return undefined;
		const key = options.key === null ? undefined : (options.key ?? hook.secret);
		await post(hook.endpoint, { event, data: eventData }, key || undefined);
		return data.webhookDeliveries[data.webhookDeliveries.length - 1];
	}
	data.deliverWebhookEvent = deliver;
	/** Every delivery still on its way, so a test can wait for them. */
	/** @type {Set<Promise<unknown>>} */
	const inFlight = new Set();
	const track = (/** @type {Promise<unknown>} */ p) => {
		inFlight.add(p);
		p.finally(() => inFlight.delete(p)).catch(() => undefined);
		return p;
	};
	data.webhookSettled = async () => {
		while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
	};

	/** `certificate_issued`'s chain: end entity, intermediate, root, PEMs with \r\n line breaks (Event types). */
	function certificateChain(/** @type {any} */ order) {
		const chain = issuedChain(order.certificate);
		const entry = (
			/** @type {'leaf'|'intermediate'|'root'} */ part,
			/** @type {string} */ name,
		) => ({
			subject_common_name: name,
			pem: pem('CERTIFICATE', chain[part]).replace(/\n/g, '\r\n'),
		});
		return [
			entry('leaf', order.certificate.common_name),
			entry('intermediate', 'Fake CertCentral Test TLS CA'),
			entry('root', 'Fake CertCentral Test Root CA'),
		];
	}

	// The account's state changes that DigiCert reports by webhook.
	data.orderStatusListeners.push((/** @type {any} */ order, /** @type {string} */ status) => {
		const ids = { order_id: order.id, certificate_id: order.certificate.id };
		if (status === 'issued') {
			// The fake issues nothing instantly, so webhook_send_certificate_chain decides (Customize certificate issued events).
			const withChain = data.webhook?.webhook_settings?.webhook_send_certificate_chain === '1';
			track(
				deliver('certificate_issued', {
					...ids,
					...(withChain ? { certificate_chain: certificateChain(order) } : {}),
				}),
			);
		} else if (status === 'revoked') track(deliver('certificate_revoked', ids));
		else if (status === 'rejected') track(deliver('order_rejected', ids));
	});

	/** The webhook as List webhooks shows it (the secret in clear; none when not set). */
	const listed = (/** @type {any} */ hook) => {
		const { verified: _v, challenge: _c, secret, ...shown } = hook;
		return clone({ ...shown, ...(secret ? { secret } : {}) });
	};

	return [
		{
			method: 'GET',
			pattern: /^\/webhook$/,
			handle: () => {
				const refusal = accountRefusal();
				if (refusal) return refusal;
				if (!data.webhook)
					return errorAnswer(400, 'webhook_invalid_account', 'No webhook exists for the account.');
				return { status: 200, body: { webhooks: [listed(data.webhook)] } };
			},
		},
		{
			method: 'POST',
			pattern: /^\/webhook$/,
			handle: (_m, req) => {
				const refusal = accountRefusal() ?? bodyRefusal(req.body, true);
				if (refusal) return refusal;
				if (data.webhook)
					return errorAnswer(
						400,
						'webhook_configured_already',
						'A webhook already exists in the CertCentral account. To change the endpoint URL for an existing webhook, use the Update webhook endpoint API.',
					);
				const body = req.body;
				data.webhook = {
					id: nextWebhookId++,
					endpoint: body.endpoint,
					...(body.secret ? { secret: body.secret } : {}),
					// The default when `events` is left out could not be read: ASSUMED all of them.
					events: [...(body.events ?? WEBHOOK_EVENTS)],
					status: 'pending',
					webhook_settings: normalSettings(body.webhook_settings, {
						instant_issue_webhook_notification: '0',
						webhook_send_certificate_chain: '0',
						webhook_send_instant_issued_certificate_chain: '0',
					}),
					verified: false,
				};
				return { status: 201, body: { webhook_id: data.webhook.id } };
			},
		},
		{
			method: 'POST',
			pattern: /^\/webhook\/test-endpoint$/,
			handle: async (_m, req) => {
				const refusal = accountRefusal() ?? bodyRefusal(req.body, true);
				if (refusal) return refusal;
				const status = await post(
					req.body.endpoint,
					{ event: 'test_webhook_endpoint' },
					req.body.secret || undefined,
				);
				if (status === undefined || status < 200 || status >= 300)
					return errorAnswer(
						400,
						'webhook_endpoint_error',
						'The provided endpoint is not responding or accepting requests. Make sure the endpoint is correct and try again.',
					);
				return { status: 200 };
			},
		},
		{
			method: 'PUT',
			pattern: /^\/webhook\/(\d+)$/,
			handle: (m, req) => {
				const hook = webhookFor(m[1]);
				if (!hook) return webhookNotFound();
				const refusal = bodyRefusal(req.body, true);
				if (refusal) return refusal;
				const body = req.body;
				if (body.endpoint !== hook.endpoint) {
					// "Changing the endpoint requires verifying it and activating the webhook again."
					hook.endpoint = body.endpoint;
					hook.status = 'pending';
					hook.verified = false;
					delete hook.challenge;
				}
				if (body.secret === '') delete hook.secret;
				else if (body.secret !== undefined) hook.secret = body.secret;
				if (body.events !== undefined) hook.events = [...body.events];
				if (body.webhook_settings !== undefined)
					hook.webhook_settings = normalSettings(body.webhook_settings, hook.webhook_settings);
				return { status: 204 };
			},
		},
		{
			method: 'PUT',
			pattern: /^\/webhook\/(\d+)\/send-challenge$/,
			handle: (m) => {
				const hook = webhookFor(m[1]);
				if (!hook) return webhookNotFound();
				const token = `challenge-${++tokenCounter}-${Math.random().toString(36).slice(2)}`;
				hook.challenge = { token, expires: Date.now() + CHALLENGE_MS };
				// Whether DigiCert sends it before or after answering is not documented (ASSUMED: after).
				setImmediate(() =>
					track(
						post(
							hook.endpoint,
							{ event: 'challenge_webhook_endpoint', data: { token, webhook_id: hook.id } },
							hook.secret,
						),
					),
				);
				return { status: 204 };
			},
		},
		{
			method: 'PUT',
			pattern: /^\/webhook\/(\d+)\/check-challenge$/,
			handle: (m, req) => {
				const hook = webhookFor(m[1]);
				if (!hook) return webhookNotFound();
				const token = isObject(req.body) ? req.body.token : undefined;
				if (
					typeof token !== 'string' ||
					hook.challenge?.token !== token ||
					hook.challenge.expires < Date.now()
				)
					return errorAnswer(
						400,
						'webhook_invalid_token',
						'The challenge token is invalid, expired, or missing.',
					);
				hook.verified = true;
				delete hook.challenge;
				return { status: 204 };
			},
		},
		{
			method: 'PUT',
			pattern: /^\/webhook\/(\d+)\/(activate|deactivate)$/,
			handle: (m) => {
				const hook = webhookFor(m[1]);
				if (!hook) return webhookNotFound();
				if (!hook.verified) return invalidAction();
				hook.status = m[2] === 'activate' ? 'active' : 'inactive';
				const answer = { status: 204 };
				// There is no page for activate: its path and answer mirror deactivate (INFERRED).
				return m[2] === 'activate'
					? assumed('activate has no page; it mirrors deactivate', answer)
					: answer;
			},
		},
		{
			method: 'GET',
			pattern: /^\/webhook\/(\d+)\/event-logs$/,
			handle: (m) => {
				const hook = webhookFor(m[1]);
				if (!hook) return webhookNotFound();
				const events = data.webhookDeliveries.map((d) => ({
					event_name: d.event,
					...(d.body.data && d.event !== 'challenge_webhook_endpoint'
						? { event_info: clone(d.body.data) }
						: {}),
					request_status: d.status !== undefined && d.status < 300 ? 'success' : 'failure',
					request_sent_time: new Date(d.time).toISOString().slice(0, 19),
					...(d.status !== undefined ? { response_code: d.status } : {}),
				}));
				return {
					status: 200,
					body: { events, page: { total: events.length, limit: 1000, offset: 0 } },
				};
			},
		},
	];
};
module.exports.WEBHOOK_EVENTS = WEBHOOK_EVENTS;
