// @ts-check
'use strict';
/**
 * The fake's DCV calls on domains (OV/EV prevalidation): Submit for validation, Generate DCV token,
 * Change DCV method. DigiCert's pages: Submit for validation (`validations[{type}]`, optional
 * `dcv_method`; the token is then in Domain info), OV/EV SSL: Generate DCV token. What the pages do
 * not show (answer bodies, refusal codes) goes through `assumed()`.
 */
const { DAY_MS, assumed, errorAnswer, isoTime } = require('../common');
const { DCV_METHODS } = require('../orderDcv');

const VALIDATION_TYPES = ['ov', 'ev'];
/** [A] a new domain token lives 30 days, as the fake's domain tokens do. */
const TOKEN_DAYS = 30;

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => {
	let counter = 0;
	const unknownDomain = () =>
		assumed('404 code for an unknown domain', errorAnswer(404, 'not_found', 'Not found.'));
	const refuse = (
		/** @type {string} */ why,
		/** @type {string} */ code,
		/** @type {string} */ message,
	) => assumed(why, errorAnswer(400, code, message));

	/** A new token for the domain (pending until its DCV is checked). */
	function newToken(/** @type {any} */ domain) {
		counter++;
		domain.dcv_token = {
			token: `${domain.id.toString(36)}n${counter}${(domain.id * 104729 + counter).toString(36)}`,
			status: 'pending',
			expiration_date: isoTime(data.now() + TOKEN_DAYS * DAY_MS),
		};
		data.dcvInPlace.delete(domain.id);
		return domain.dcv_token;
	}

	/** The method a body names (optional), or the refusal; http-token cannot prove a wildcard. */
	function readMethod(/** @type {any} */ domain, /** @type {any} */ body, required = false) {
		const method = body?.dcv_method;
		if (method === undefined && !required) return { method: undefined };
		if (typeof method !== 'string' || !DCV_METHODS.includes(method))
			return {
				error: refuse(
					'bad dcv_method',
					'invalid_dcv_method',
					`dcv_method must be one of ${DCV_METHODS.join(', ')}.`,
				),
			};
		if (method.startsWith('http-token') && domain.name.startsWith('*.'))
			return {
				error: refuse(
					'http-token on a wildcard',
					'invalid_dcv_method',
					`${method} cannot validate wildcard domains.`,
				),
			};
		return { method };
	}

	const domainFor = (/** @type {string} */ id) => data.domains.get(Number(id));

	return [
		{
			// Submit for validation: the validations are pending again until DCV is done.
			method: 'POST',
			pattern: /^\/domain\/(\d+)\/validation$/,
			handle: (m, req) => {
				const domain = domainFor(m[1]);
				if (!domain) return unknownDomain();
				const validations = req.body?.validations;
				if (
					!Array.isArray(validations) ||
					validations.length === 0 ||
					!validations.every((/** @type {any} */ v) => VALIDATION_TYPES.includes(v?.type))
				)
					return refuse(
						'validations refused',
						'invalid_validations',
						'validations must be a list of {type} with types ov or ev.',
					);
				if (!domain.is_active)
					return refuse(
						'inactive domain',
						'domain_inactive',
						`Domain ${domain.id} is inactive: activate it first.`,
					);
				const read = readMethod(domain, req.body);
				if ('error' in read) return read.error;
				if (read.method) domain.dcv_method = read.method;
				for (const { type } of validations) {
					if (!domain.validations.some((/** @type {any} */ v) => v.type === type))
						domain.validations.push({
							type,
							name: type.toUpperCase(),
							description: type,
							status: 'pending',
						});
				}
				const token = newToken(domain);
				return assumed(
					'Submit for validation answer body',
					domain.dcv_method === 'email'
						? { status: 204 }
						: { status: 201, body: { dcv_token: token } },
				);
			},
		},
		{
			// Generate DCV token: a new random value for a domain validated with a token method.
			method: 'POST',
			pattern: /^\/domain\/(\d+)\/dcv\/token$/,
			handle: (m) => {
				const domain = domainFor(m[1]);
				if (!domain) return unknownDomain();
				if (domain.dcv_method === 'email')
					return refuse(
						'token for an email domain',
						'invalid_dcv_method',
						`Domain ${domain.id} is validated by email: change its DCV method first.`,
					);
				return assumed('Generate DCV token answer body', { status: 201, body: newToken(domain) });
			},
		},
		{
			// Change DCV method: the domain is to be validated another way; a token method gets a new token.
			method: 'PUT',
			pattern: /^\/domain\/(\d+)\/dcv\/method$/,
			handle: (m, req) => {
				const domain = domainFor(m[1]);
				if (!domain) return unknownDomain();
				const read = readMethod(domain, req.body, true);
				if ('error' in read) return read.error;
				domain.dcv_method = read.method;
				// DigiCert's page: 200 `{}` for email, else `{dcv_token}` (a CNAME's with its target).
				if (read.method === 'email') return { status: 200, body: {} };
				const token = newToken(domain);
				return {
					status: 200,
					body: {
						dcv_token:
							read.method === 'dns-cname-token'
								? { ...token, verification_value: 'dcv.digicert.com' }
								: token,
					},
				};
			},
		},
	];
};
