// @ts-check
'use strict';
/**
 * The fake's DCV on orders: the `dcv_method` of Create and Reissue, the order's random value (with
 * its expiry), which names are validated, and the DNS the checks look in. Issuance waits for DCV:
 * an approved order (or reissue) that named a token method is issued only once every name was
 * found (`whenValidated`). Orders placed without `dcv_method` issue as before (no DCV modelled).
 *
 * DigiCert's pages: Order OV/EV/DV SSL (`dcv_method`), DV SSL: Check DCV (`check-dcv`), DV SSL:
 * Generate DCV token (`dcv-random-value`), DV SSL: Change DCV method (`dcv-method`), File-based
 * DCV (http-token: no wildcards; DV: no http-token-dynamic). Codes DigiCert does not show are [A].
 */
const { DAY_MS, isoTime } = require('./common');

const DCV_METHODS = [
	'email',
	'dns-txt-token',
	'dns-cname-token',
	'http-token',
	'http-token-dynamic',
];
const TOKEN_METHODS = ['dns-txt-token', 'dns-cname-token', 'http-token', 'http-token-dynamic'];
/** [A] how long a random value lives: the 30 days DigiCert's domain tokens show. */
const RANDOM_VALUE_DAYS = 30;

/** @param {any} data the fake's data (clock, domains) */
function buildOrderDcv(data) {
	/** @type {Map<number, {method: string, randomValue: string, expiresAt: number, names: Map<string, boolean>, onValidated?: () => void, placed: boolean}>} */
	const states = new Map();
	/** TXT records the fake's DNS holds, by record name (a test or the DNS stand-in publishes them). */
	/** @type {Map<string, Set<string>>} */
	const txt = new Map();
	let counter = 0;

	const newRandomValue = () =>
		(0x5eed0000 + ++counter).toString(16) +
		'f'.repeat(6) +
		(counter * 7919).toString(36).padStart(16, '0');

	/** The base of a wildcard (`*.example.com` is validated on `example.com`). */
	const baseName = (/** @type {string} */ name) => name.replace(/^\*\./, '');

	/**
	 * [A] Where DigiCert looks for a dns-txt-token: a TXT record on `_dnsauth.<name>` or on the name.
	 * `resolveTxt` may be replaced (`data.orderDcv.resolveTxt = …`) to look in another DNS.
	 */
	const dcv = {
		resolveTxt: (/** @type {string} */ name) => [...(txt.get(name.toLowerCase()) ?? [])],
		/** Publishes a TXT record in the fake's own DNS. */
		publishTxt(/** @type {string} */ name, /** @type {string} */ value) {
			const key = name.toLowerCase().replace(/\.$/, '');
			txt.set(key, new Set([...(txt.get(key) ?? []), value]));
		},
		/** The CNAME or HTTP file of an order is in place (the fake does not look those up). */
		place(/** @type {number} */ orderId) {
			const state = states.get(orderId);
			if (state) state.placed = true;
		},
		/** The order's random value expires now (a test of the expired-value refusal). */
		expire(/** @type {number} */ orderId) {
			const state = states.get(orderId);
			if (state) state.expiresAt = data.now() - 1000;
		},
		state: (/** @type {number} */ orderId) => states.get(orderId),

		/**
		 * The `dcv_method` of a Create or Reissue body, checked against the product and the names,
		 * or the refusal. undefined when the body names none.
		 * @param {any} body @param {string} productNameId @param {string[]} names
		 */
		readMethod(body, productNameId, names) {
			const method = body?.dcv_method;
			if (method === undefined) return { method: undefined };
			if (typeof method !== 'string' || !DCV_METHODS.includes(method))
				return {
					error: refusal(`dcv_method must be one of ${DCV_METHODS.join(', ')}.`),
				};
			if (method === 'http-token-dynamic' && /(^|_)dv(_|$)/.test(productNameId))
				return {
					error: refusal('DV certificates do not support the http-token-dynamic DCV method.'),
				};
			if (method.startsWith('http-token') && names.some((n) => n.startsWith('*.')))
				return {
					error: refusal(
						`${method} cannot validate wildcard domains; use dns-txt-token or dns-cname-token.`,
					),
				};
			return { method };
		},

		/**
		 * Starts DCV for an order's names with `method`; returns the 201's DCV fields.
		 * @returns {{ dcv_random_value?: string, expiration_date?: string }}
		 */
		start(/** @type {any} */ order, /** @type {string} */ method, /** @type {string[]} */ names) {
			// Email DCV waits for a person; a token method for Check DCV.
			const state = {
				method,
				randomValue: newRandomValue(),
				expiresAt: data.now() + RANDOM_VALUE_DAYS * DAY_MS,
				names: new Map(names.map((n) => [n, false])),
				placed: false,
			};
			states.set(order.id, state);
			order.dcv_method = method;
			return TOKEN_METHODS.includes(method) ? answerFields(state) : {};
		},

		/** Runs `finish` now when the order needs no DCV (or it is complete), else once it is. */
		whenValidated(/** @type {any} */ order, /** @type {() => void} */ finish) {
			const state = states.get(order.id);
			if (!state || [...state.names.values()].every(Boolean)) finish();
			else state.onValidated = finish;
		},

		/**
		 * Check DCV: looks for the random value of each checked name; completes DCV when every name
		 * is found. Returns the names checked with their status, or a refusal.
		 * @param {any} order @param {string[] | undefined} only
		 */
		check(order, only) {
			const state = states.get(order.id);
			if (!state || (order.status !== 'pending' && order.status !== 'reissue_pending'))
				return {
					error: refusal(
						`Order ${order.id} has no pending domain validation: its status is ${order.status}.`,
						'invalid_order_status',
					),
				};
			// DigiCert's (older) page: an email-validated order answers this 400, with this message.
			if (!TOKEN_METHODS.includes(state.method))
				return {
					error: {
						status: 400,
						body: {
							errors: [
								{
									code: 'invalid_dns_method',
									message: 'An error occurred while processing your request.',
								},
							],
						},
					},
				};
			if (state.expiresAt <= data.now())
				return {
					error: refusal(
						'The DCV random value of this order has expired: generate a new one and publish it.',
						'expired_random_value',
					),
				};
			const names = only ?? [...state.names.keys()];
			const unknown = names.filter((n) => !state.names.has(n));
			if (unknown.length > 0)
				return {
					error: refusal(
						`${unknown.join(', ')} is not a domain of order ${order.id}.`,
						'invalid_dns_name',
					),
				};
			for (const name of names) {
				if (state.names.get(name)) continue;
				const base = baseName(name);
				const found =
					state.method === 'dns-txt-token'
						? [`_dnsauth.${base}`, base].some((r) => dcv.resolveTxt(r).includes(state.randomValue))
						: state.placed;
				state.names.set(name, found);
			}
			if ([...state.names.values()].every(Boolean) && state.onValidated) {
				const finish = state.onValidated;
				state.onValidated = undefined;
				finish();
			}
			return {
				method: state.method,
				validated: [...state.names.values()].every(Boolean),
				names: names.map((n) => ({
					dns_name: n,
					status: state.names.get(n) ? 'approved' : 'pending',
				})),
			};
		},

		/** Generate DCV token: the current value while valid, else a new one (DigiCert's page). */
		randomValue(/** @type {any} */ order) {
			const state = states.get(order.id);
			const refused = pendingTokenRefusal(order, state);
			if (refused) return { error: refused };
			const s = /** @type {NonNullable<typeof state>} */ (state);
			if (s.expiresAt <= data.now()) {
				s.randomValue = newRandomValue();
				s.expiresAt = data.now() + RANDOM_VALUE_DAYS * DAY_MS;
			}
			return {
				dcv_random_value: s.randomValue,
				expiration_date: isoTime(s.expiresAt).replace('+00:00', 'Z'),
			};
		},

		/** Change DCV method: the names not yet validated are to be validated with `method`. */
		changeMethod(/** @type {any} */ order, /** @type {any} */ body) {
			const state = states.get(order.id);
			if (order.status !== 'pending' && order.status !== 'reissue_pending')
				return {
					error: refusal(
						`Order ${order.id} has no pending domain validation: its status is ${order.status}.`,
						'invalid_order_status',
					),
				};
			const names = state ? [...state.names.keys()] : [order.certificate.common_name];
			const read = dcv.readMethod(body ?? {}, order.product.name_id, names);
			if ('error' in read) return { error: read.error };
			if (read.method === undefined) return { error: refusal('dcv_method is required.') };
			if (!state)
				return { dcv_random_value: dcv.start(order, read.method, names).dcv_random_value };
			state.method = read.method;
			state.placed = false;
			order.dcv_method = read.method;
			return { dcv_random_value: state.randomValue };
		},
	};

	function pendingTokenRefusal(/** @type {any} */ order, /** @type {any} */ state) {
		if (order.status !== 'pending' && order.status !== 'reissue_pending')
			return refusal(
				`Order ${order.id} has no pending domain validation: its status is ${order.status}.`,
				'invalid_order_status',
			);
		if (!state || !TOKEN_METHODS.includes(state.method))
			return refusal(
				`Order ${order.id} does not use a token DCV method (dns-txt-token, dns-cname-token, http-token).`,
			);
		return undefined;
	}

	/** What Create and Reissue answer for a token method: the random value, and per domain its token. */
	function answerFields(/** @type {any} */ state) {
		const expiration = isoTime(state.expiresAt).replace('+00:00', 'Z');
		return {
			dcv_random_value: state.randomValue,
			domains: [...state.names.keys()].map((name) => {
				const known = [...data.domains.values()].find((d) => d.name === baseName(name));
				return {
					id: known?.id ?? domainIdFor(name),
					name: baseName(name),
					dcv_token: { token: state.randomValue, status: 'pending', expiration_date: expiration },
				};
			}),
		};
	}

	return dcv;
}

/** [A] A stable made-up domain ID for a name the fake's domain list does not hold. */
function domainIdFor(/** @type {string} */ name) {
	let hash = 0;
	for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 900000;
	return 3000000 + hash;
}

/** [A] DigiCert's 400 for a DCV request it refuses (its pages show no code): `invalid_dcv_method` by default. */
function refusal(/** @type {string} */ message, code = 'invalid_dcv_method') {
	return {
		status: 400,
		body: { errors: [{ code, message }] },
		headers: { 'x-fake-assumed': `${code} refusal` },
	};
}

module.exports = { buildOrderDcv, DCV_METHODS, TOKEN_METHODS };
