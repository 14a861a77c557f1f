// @ts-check
'use strict';
/** The fake's certificate orders: list, status changes, get, duplicates, reissues. */
const { daysUntil, errorAnswer, notFound } = require('../common');
const { dateFilter, listAnswer, matchesSearch, oneOf, readPage, sortBy, statusChangeWindow } = require('../queries');

const ORDER_SORT_KEYS = {
	id: (/** @type {any} */ o) => o.id,
	date_created: (/** @type {any} */ o) => o.date_created,
	valid_till: (/** @type {any} */ o) => o.certificate.valid_till ?? '',
	common_name: (/** @type {any} */ o) => o.certificate.common_name,
	status: (/** @type {any} */ o) => o.status,
	product_name_id: (/** @type {any} */ o) => o.product.name_id,
};

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
				['filters[search]', (o, v) => matchesSearch(v, [String(o.id), o.certificate.common_name, ...(o.certificate.dns_names ?? []), o.certificate.serial_number])],
			])) {
				if (q[key] !== undefined && q[key] !== '') list = list.filter((o) => test(o, q[key]));
			}
			for (const [key, field] of /** @type {Array<[string, (o: any) => string | undefined]>} */ ([
				['filters[valid_till]', (o) => o.certificate.valid_till],
				['filters[date_created]', (o) => o.date_created?.slice(0, 10)],
			])) {
				if (q[key] === undefined || q[key] === '') continue;
				const test = dateFilter(q[key]);
				if (!test) return errorAnswer(400, 'invalid_filter', `The filter ${key} has an invalid date: ${q[key]}.`);
				list = list.filter((o) => {
					const value = field(o);
					return value !== undefined && test(value);
				});
			}
			const sorted = sortBy(list, q.sort, ORDER_SORT_KEYS);
			if ('error' in sorted) return sorted.error;
			return listAnswer('orders', sorted.list, page, data.orderSummary);
		},
	},
	{
		// Orders whose status changed in a window ending now (the data's clock): `minutes` (≤ 10080),
		// `seconds` (≤ 604800) or `filters[status_last_updated]=a...b`; DigiCert refuses more than 7 days.
		method: 'GET',
		pattern: /^\/order\/certificate\/status-changes$/,
		handle: (_m, req) => {
			const window = statusChangeWindow(req.query, data.now());
			if ('error' in window) return window.error;
			/** @type {Map<number, any>} the latest change of each order in the window */
			const latest = new Map();
			for (const change of data.orderStatusChanges) {
				if (change.time >= window.from && change.time <= window.to) latest.set(change.order_id, change);
			}
			const list = [...latest.values()].map((c) => ({ order_id: c.order_id, certificate_id: c.certificate_id, status: c.status }));
			return { status: 200, body: list.length > 0 ? { orders: list } : {} };
		},
	},
	{
		method: 'GET',
		pattern: /^\/order\/certificate\/(\d+)$/,
		handle: (m) => {
			const order = data.orders.get(Number(m[1]));
			if (!order) return notFound('order');
			const c = order.certificate;
			return {
				status: 200,
				body: { ...order, certificate: { ...c, ...(c.valid_till ? { days_remaining: Math.max(0, daysUntil(c.valid_till, data.now())) } : {}) } },
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
			const shown = req.query.show_archived === 'true' ? certificates : certificates.filter((c) => c.archived !== '1');
			// Like DigiCert, an empty list leaves its array key out.
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
			return { status: 200, body: certificates.length > 0 ? { certificates } : {} };
		},
	},
];
