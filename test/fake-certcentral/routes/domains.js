// @ts-check
'use strict';
/**
 * The fake's domains: List domains, Domain info, Check domain DCV (state in ../domains.js); Submit
 * for validation, Generate DCV token, Change DCV method.
 * Answers DigiCert's pages do not show go through `assumed()`; comments marked [A] are assumptions.
 */
const { DAY_MS, assumed, daysUntil, errorAnswer, isoTime } = require('../common');
const { listAnswer, matchesSearch, mountainDay, oneOf, readPage, sortBy } = require('../queries');
const { DCV_METHODS } = require('../orderDcv');

/** OV/EV prevalidation types a domain can be submitted for. */
const VALIDATION_TYPES = ['ov', 'ev'];
/** [A] a new domain token lives 30 days, as the fake's domain tokens do. */
const TOKEN_DAYS = 30;

/** The answer for an unknown domain: the errors page's generic 404 (no domain-specific code is documented). */
const unknownDomain = () =>
	assumed('404 code for an unknown domain', errorAnswer(404, 'not_found', 'Not found.'));

/** What DigiCert answers when the DCV check does not find the record or file, by DCV method (its Check domain DCV page). */
const DCV_NOT_FOUND = {
	'dns-txt-token': [
		'invalid_dns_txt',
		'Could not find a valid TXT record for one or more domains.',
	],
	// The leading space is in DigiCert's own example.
	'dns-cname-token': [' invalid_dns_cname', 'Requested domain does not have a valid cname.'],
	'http-token': [
		'file_random_value_not_found',
		'Could not find the random value at the expected file location for one or more domains.',
	],
};

/**
 * The `filters[validation]` buckets a domain is in (DigiCert's changelog names them; how each
 * bucket's days are counted is [A]): `<ov|ev>_expiring_within_7_days` and the like.
 * @param {any} domain @param {number} now
 */
function validationBuckets(domain, now) {
	const buckets = [];
	for (const [type, day] of Object.entries(domain.dcv_expiration ?? {})) {
		const days = daysUntil(String(day), now);
		if (days < 0 && days >= -7) buckets.push(`${type}_expired_in_last_7_days`);
		if (days >= 0 && days <= 7) buckets.push(`${type}_expiring_within_7_days`);
		if (days >= 0 && days <= 30) buckets.push(`${type}_expiring_within_30_days`);
		if (days >= 31 && days <= 60) buckets.push(`${type}_expiring_from_31_to_60_days`);
		if (days >= 61 && days <= 90) buckets.push(`${type}_expiring_from_61_to_90_days`);
	}
	return buckets;
}

/**
 * A domain as DigiCert lists it: no DCV token; `validations` whether or not `include_validation=true`
 * is sent (JupiterOne's recorded real answer has them for a request that sent only an unknown
 * `includeValidation`, and the new page's example request sends nothing), left out when empty;
 * `dcv_expiration` days in Mountain Time, or UTC timestamps with `include_dcv_expiration_time=true`
 * (List domains: it "changes the format and timezone of DCV expiration values"). Only with
 * `filters[include_validation_reuse_status]=true` (DigiCert's changelog: "these fields only return
 * if your request includes" it) `dcv_expiration` also has `ov_shortened` (when the reuse period was
 * cut; in the form of `ov`: ASSUMED), `ov_status` and `ev_status` (`active` or `expired`: ASSUMED
 * values) and `dcv_approval_date` (a day: ASSUMED).
 * @param {any} domain @param {Record<string, string>} q @param {number} now
 */
function domainSummary(domain, q, now) {
	const {
		dcv_token: _token,
		shortened = {},
		validations,
		dcv_expiration: dcvExpiration,
		...rest
	} = domain;
	const utc = q.include_dcv_expiration_time === 'true';
	const reuseStatus = q['filters[include_validation_reuse_status]'] === 'true';
	/** @param {string} time */
	const asAnswered = (time) => (utc ? time : mountainDay(Date.parse(time)));
	/** @type {Record<string, string>} */
	const dates = {};
	/** @type {Record<string, string>} */
	const status = {};
	for (const type of Object.keys(dcvExpiration ?? {})) {
		const until = validations.find((/** @type {any} */ v) => v.type === type).validated_until;
		dates[type] = utc ? until : dcvExpiration[type];
		const lapses = Date.parse(shortened[type] ?? until);
		status[`${type}_status`] = lapses < now ? 'expired' : 'active';
	}
	const reuse = reuseStatus
		? {
				...Object.fromEntries(
					Object.entries(shortened).map(([type, time]) => [
						`${type}_shortened`,
						asAnswered(/** @type {string} */ (time)),
					]),
				),
				...status,
				...(domain.dcv_approval_datetime
					? { dcv_approval_date: String(domain.dcv_approval_datetime).slice(0, 10) }
					: {}),
			}
		: {};
	return {
		...rest,
		...(validations.length > 0 ? { validations } : {}),
		...(dcvExpiration ? { dcv_expiration: { ...dates, ...reuse } } : {}),
	};
}

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/domain$/,
		handle: (_m, req) => {
			const q = req.query;
			const page = readPage(q);
			if ('error' in page) return page.error;
			let list = [...data.domains.values()];
			for (const [key, test] of /** @type {Array<[string, (d: any, v: string) => boolean]>} */ ([
				['filters[status]', (d, v) => oneOf(v, d.is_active ? 'active' : 'inactive')],
				['filters[search]', (d, v) => matchesSearch(v, [d.name])],
				['filters[dcv_method]', (d, v) => oneOf(v, d.dcv_method)],
				[
					'filters[validation]',
					(d, v) => validationBuckets(d, data.now()).some((bucket) => oneOf(v, bucket)),
				],
				['container_id', (d, v) => oneOf(v, String(d.container.id))],
			])) {
				if (q[key] !== undefined && q[key] !== '') list = list.filter((d) => test(d, q[key]));
			}
			// DigiCert's page names no sort keys for domains that could be read: none is taken.
			const sorted = sortBy(list, q.sort, {}, { allowed: [], order: data.listOrder });
			if ('error' in sorted) return sorted.error;
			return listAnswer('domains', sorted.list, page, (d) => domainSummary(d, q, data.now()));
		},
	},
	{
		method: 'GET',
		pattern: /^\/domain\/(\d+)$/,
		handle: (m, req) => {
			const domain = data.domains.get(Number(m[1]));
			if (!domain) return unknownDomain();
			const { dcv_token: token, shortened: _shortened, validations, ...rest } = domain;
			const pending = !domain.dcv_expiration;
			return {
				status: 200,
				body: {
					...rest,
					// Deprecated by DigiCert in favour of validations[], still returned.
					status: pending ? 'pending' : 'active',
					is_pending_validation: pending,
					...(req.query.include_validation === 'true'
						? {
								validations: validations.map((/** @type {any} */ v) => ({
									...v,
									dcv_status: v.validated_until ? 'complete' : 'pending',
								})),
							}
						: {}),
					...(req.query.include_dcv === 'true' ? { dcv_token: token } : {}),
				},
			};
		},
	},
	{
		method: 'PUT',
		pattern: /^\/domain\/(\d+)\/dcv\/validate-token$/,
		handle: (m) => {
			const domain = data.domains.get(Number(m[1]));
			if (!domain) return unknownDomain();
			const notFound = DCV_NOT_FOUND[/** @type {keyof typeof DCV_NOT_FOUND} */ (domain.dcv_method)];
			// DigiCert's page says the method must be a token method; what it answers for email is not shown.
			if (!notFound) {
				return assumed(
					'Check DCV of an email-validated domain',
					errorAnswer(
						400,
						'invalid_dcv_method',
						`Domain ${domain.id} is validated by email: there is no token to check.`,
					),
				);
			}
			if (domain.dcv_token.status !== 'active') {
				if (!data.dcvInPlace.has(domain.id)) return errorAnswer(400, notFound[0], notFound[1]);
				data.completeDcv(domain);
			}
			// `status` is the domain's, active or inactive (the page's pt-br copy lists both), not the check's.
			return {
				status: 200,
				body: { token: domain.dcv_token.token, status: domain.is_active ? 'active' : 'inactive' },
			};
		},
	},
	...dcvRoutes(data),
];

/**
 * The DCV calls on domains (OV/EV prevalidation): Submit for validation, Generate DCV token,
 * Change DCV method. DigiCert's pages: Submit for validation (`validations[{type}]`, optional
 * `dcv_method`; the token is then in Domain info), OV/EV SSL: Generate DCV token.
 * @param {import('./index').FakeData} data @returns {import('./index').Route[]}
 */
function dcvRoutes(data) {
	let counter = 0;
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
}
