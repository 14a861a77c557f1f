// @ts-check
'use strict';
/**
 * The fake's certificate orders (/order/certificate...): list, status changes, get, duplicates,
 * reissues; order, reissue, duplicate, revoke, cancel (../lifecycle.js); DCV and auto-reissue.
 */
const { daysUntil, errorAnswer, notFound } = require('../common');
const {
	badDateFilter,
	dateFilter,
	listAnswer,
	matchesSearch,
	oneOf,
	readPage,
	sortBy,
	statusChangeWindow,
} = require('../queries');

/** Sortable order properties: only `date_created` is seen in a public client (DigiCert's list could not be read). */
const ORDER_SORTS = {
	keys: { date_created: (/** @type {any} */ o) => o.date_created },
	allowed: ['date_created'],
};

const sameText = (/** @type {string} */ a, /** @type {string | undefined} */ b) =>
	b !== undefined && a.toLowerCase() === b.toLowerCase();

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/order\/certificate$/,
		handle: (_m, req) => {
			const q = req.query;
			const page = readPage(q);
			if ('error' in page) return page.error;
			let list = [...data.orders.values()];
			for (const [key, test] of /** @type {Array<[string, (o: any, v: string) => boolean]>} */ ([
				['filters[id]', (o, v) => oneOf(v, String(o.id))],
				['filters[status]', (o, v) => oneOf(v, o.status)],
				['filters[common_name]', (o, v) => matchesSearch(v, [o.certificate.common_name])],
				['filters[product_name_id]', (o, v) => oneOf(v, o.product.name_id)],
				['filters[container_id]', (o, v) => oneOf(v, String(o.container.id))],
				['filters[organization_id]', (o, v) => oneOf(v, String(o.organization.id))],
				// "the common_name field or the dns_names array contains the given domain name" (an exact entry: ASSUMED).
				[
					'filters[domain_name]',
					(o, v) =>
						[o.certificate.common_name, ...(o.certificate.dns_names ?? [])].some((name) =>
							sameText(v, name),
						),
				],
				// "the order with the certificate that has the given serial number" (case-insensitive: ASSUMED).
				['filters[serial_number]', (o, v) => sameText(v, o.certificate.serial_number)],
				// The list's `is_renewed` as text, `true` or `false` (the form is ASSUMED: the page names the field only).
				['filters[is_renewed]', (o, v) => String(o.is_renewed === true) === v],
				// "the email or common_name property" (which email: the orderer's, or an S/MIME certificate's: ASSUMED).
				[
					'filters[search]',
					(o, v) =>
						matchesSearch(v, [
							o.certificate.common_name,
							o.user?.email,
							...(o.certificate.emails ?? []),
						]),
				],
			])) {
				if (q[key] !== undefined && q[key] !== '') list = list.filter((o) => test(o, q[key]));
			}
			for (const [key, field] of /** @type {Array<[string, (o: any) => string | undefined]>} */ ([
				// ASSUMED either way: DigiCert does not say whether this is the certificate's end or the
				// order's (they differ on multi-year plans); `data.validTillFilters` picks, so a test can
				// prove an audit right in both cases.
				[
					'filters[valid_till]',
					(o) =>
						data.validTillFilters === 'order'
							? (o.order_valid_till ?? o.certificate.valid_till)
							: o.certificate.valid_till,
				],
				['filters[date_created]', (o) => o.date_created?.slice(0, 10)],
			])) {
				if (q[key] === undefined || q[key] === '') continue;
				const test = dateFilter(q[key]);
				if (!test) return badDateFilter(key, q[key]);
				list = list.filter((o) => {
					const value = field(o);
					return value !== undefined && test(value);
				});
			}
			const sorted = sortBy(list, q.sort, ORDER_SORTS.keys, {
				allowed: ORDER_SORTS.allowed,
				order: data.listOrder,
			});
			if ('error' in sorted) return sorted.error;
			return listAnswer('orders', sorted.list, page, data.orderSummary);
		},
	},
	{
		// Orders whose status changed in a window (see statusChangeWindow), one entry per order (its latest
		// change). DigiCert: the list "supports filters, sorting, and pagination"; its example answer shows
		// no `page`, so the fake's `page` (like the other lists') is ASSUMED; `{}` when empty is documented.
		method: 'GET',
		pattern: /^\/order\/certificate\/status-changes$/,
		handle: (_m, req) => {
			const window = statusChangeWindow(req.query, data.now());
			if ('error' in window) return window.error;
			const page = readPage(req.query);
			if ('error' in page) return page.error;
			/** @type {Map<number, any>} the latest change of each order in the window */
			const latest = new Map();
			/** Orders that changed after the window's end. */
			const changedSince = new Set();
			for (const change of data.orderStatusChanges) {
				if (change.time >= window.from && change.time <= window.to)
					latest.set(change.order_id, change);
				if (change.time > window.to) changedSince.add(change.order_id);
			}
			// DigiCert: "When using the status_last_updated filter, the response omits orders that
			// changed status again after the end of the given time frame."
			if (window.ranged) for (const id of changedSince) latest.delete(id);
			const changes = [...latest.values()].map((c) => ({
				id: c.order_id,
				order_id: c.order_id,
				certificate_id: c.certificate_id,
				status: c.status,
			}));
			const sorted = sortBy(changes, undefined, {}, { allowed: [], order: data.listOrder });
			if ('error' in sorted) return sorted.error;
			const answer = listAnswer(
				'orders',
				sorted.list,
				page,
				({ order_id, certificate_id, status }) => ({ order_id, certificate_id, status }),
			);
			return sorted.list.length === 0 ? { status: 200, body: {} } : answer;
		},
	},
	{
		method: 'GET',
		// Order info: "You can replace {{order_id}} in the URL path with the thumbprint or serial number of
		// the primary certificate on the order" (not a duplicate's). Hex compared without regard to case: ASSUMED.
		pattern: /^\/order\/certificate\/([0-9A-Fa-f]+)$/,
		handle: (m) => {
			const key = m[1].toUpperCase();
			const byId = /^\d+$/.test(key) ? data.orders.get(Number(key)) : undefined;
			const order =
				byId ??
				[...data.orders.values()].find(
					(o) =>
						o.certificate.thumbprint?.toUpperCase() === key ||
						o.certificate.serial_number?.toUpperCase() === key,
				);
			if (!order) return notFound('order');
			const c = order.certificate;
			return {
				status: 200,
				body: {
					...order,
					certificate: {
						...c,
						...(c.valid_till
							? { days_remaining: Math.max(0, daysUntil(c.valid_till, data.now())) }
							: {}),
					},
				},
			};
		},
	},
	{
		method: 'GET',
		pattern: /^\/order\/certificate\/(\d+)\/duplicate$/,
		handle: (m, req) => {
			const id = Number(m[1]);
			if (!data.orders.has(id) && !data.duplicates.has(id)) return notFound('order');
			const certificates = data.duplicates.get(id) ?? [];
			const shown =
				req.query.show_archived === 'true'
					? certificates
					: certificates.filter((c) => c.archived !== '1');
			// ASSUMED: no duplicates is `{}` (the array key left out), as DigiCert's order list does when empty.
			return { status: 200, body: shown.length > 0 ? { certificates: shown } : {} };
		},
	},
	{
		method: 'GET',
		pattern: /^\/order\/certificate\/(\d+)\/reissue$/,
		handle: (m) => {
			const id = Number(m[1]);
			if (!data.orders.has(id)) return notFound('order');
			const certificates = data.reissues.get(id) ?? [];
			// ASSUMED: never reissued is `{}`, as for duplicates.
			return { status: 200, body: certificates.length > 0 ? { certificates } : {} };
		},
	},
	...lifecycleRoutes(data),
	...dcvRoutes(data),
];

/**
 * Order, reissue, duplicate, revoke, cancel: the calls that change an order (handlers in ../lifecycle.js).
 * @param {import('./index').FakeData} data @returns {import('./index').Route[]}
 */
function lifecycleRoutes(data) {
	const { reissue, duplicate, revokeOrder, updateStatus, create } = data.lifecycle;
	return [
		{ method: 'POST', pattern: /^\/order\/certificate\/(\d+)\/reissue$/, handle: reissue },
		{ method: 'POST', pattern: /^\/order\/certificate\/(\d+)\/duplicate$/, handle: duplicate },
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/revoke$/, handle: revokeOrder },
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/status$/, handle: updateStatus },
		{ method: 'POST', pattern: /^\/order\/certificate\/([a-z0-9_]+)$/, handle: create },
	];
}

/**
 * The DCV calls on orders (state in ../orderDcv.js): Check DCV, Generate DCV token (the order's
 * random value) and Change DCV method, as DigiCert's DV SSL pages describe them; and auto-reissue.
 * @param {import('./index').FakeData} data @returns {import('./index').Route[]}
 */
function dcvRoutes(data) {
	const orderFor = (/** @type {string} */ id) => data.orders.get(Number(id));

	/**
	 * PUT /order/certificate/{id}/check-dcv, optional body `{dns_names_validations: [names]}`.
	 * DNS methods: 200 `{order_status, certificate_id?, dcv_status, dns_name_validations[]}` (a name
	 * not found yet has status `pending` [A]); http-token: 400 `file_random_value_not_found` when a
	 * file is missing (DigiCert's page).
	 */
	function checkDcv(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const only = req.body?.dns_names_validations;
		if (
			only !== undefined &&
			(!Array.isArray(only) || !only.every((/** @type {unknown} */ n) => typeof n === 'string'))
		)
			return errorAnswer(
				400,
				'bad_request_format',
				'dns_names_validations must be a list of names.',
			);
		const result = data.orderDcv.check(order, only);
		if ('error' in result) return result.error;
		if (result.method.startsWith('http-token') && !result.validated)
			return errorAnswer(
				400,
				'file_random_value_not_found',
				'Could not find the random value at the expected file location for one or more domains.',
			);
		return {
			status: 200,
			body: {
				order_status: order.status,
				...(order.status === 'issued' ? { certificate_id: order.certificate.id } : {}),
				dcv_status: result.validated ? 'valid' : 'pending',
				dns_name_validations: result.names,
			},
		};
	}

	/** PUT /order/certificate/{id}/dcv-random-value → 200 `{dcv_random_value, expiration_date}`. */
	function randomValue(/** @type {RegExpExecArray} */ m) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const result = data.orderDcv.randomValue(order);
		return 'error' in result ? result.error : { status: 200, body: result };
	}

	/** PUT /order/certificate/{id}/dcv-method `{dcv_method}` → 200 `{dcv_random_value}` (public clients read only that). */
	function changeMethod(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const result = data.orderDcv.changeMethod(order, req.body);
		return 'error' in result ? result.error : { status: 200, body: result };
	}

	/**
	 * PUT /order/certificate/{id}/auto-reissue `{auto_reissue: 1 | 0}` (required integer, DigiCert's
	 * page). "Not supported if the product does not support Multi-year Plans": the fake refuses orders
	 * of a one-year plan [A: code, status and that a 1-year order counts as no plan]. Answer 204 [A].
	 */
	function autoReissue(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const value = req.body?.auto_reissue;
		if (value !== 0 && value !== 1)
			return errorAnswer(400, 'invalid_auto_reissue', 'auto_reissue must be 1 or 0.');
		if (!(order.validity_years > 1))
			return errorAnswer(
				400,
				'auto_reissue_not_supported',
				`Order ${order.id} is not a Multi-year Plan: auto-reissue is not supported.`,
			);
		order.auto_reissue = value;
		return { status: 204 };
	}

	return [
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/auto-reissue$/, handle: autoReissue },
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/check-dcv$/, handle: checkDcv },
		{
			method: 'PUT',
			pattern: /^\/order\/certificate\/(\d+)\/dcv-random-value$/,
			handle: randomValue,
		},
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/dcv-method$/, handle: changeMethod },
	];
}
