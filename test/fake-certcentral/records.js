// @ts-check
'use strict';
/**
 * DigiCert's shapes of orders and requests: the full objects (order info, request info) and the
 * short forms their lists show. The seed's generated data and the store's additions share them.
 */
const { DAY_MS, clone, daysUntil, isoDate, isoTime } = require('./common');
const { PEOPLE } = require('./seed');

/**
 * What an order is made from (`validTillMs` absent: never issued, no validity yet).
 * @typedef {{ id: number, certificateId: number, commonName: string, dnsNames: string[], createdMs: number, validTillMs?: number, status: string, organization: {id: number, name: string}, container: {id: number, name: string}, product: {name_id: string, name: string, type: string} }} OrderSpec
 */

/** A full order, shaped like DigiCert's order info. */
function makeOrder(/** @type {OrderSpec} */ o) {
	const validFromMs = o.validTillMs !== undefined ? o.validTillMs - 365 * DAY_MS : undefined;
	const hasValidity = o.validTillMs !== undefined;
	const certificate = {
		id: o.certificateId,
		common_name: o.commonName,
		dns_names: o.dnsNames,
		date_created: isoTime(o.createdMs),
		csr: '<csr>',
		organization: { id: o.organization.id },
		server_platform: { id: -1, name: 'OTHER' },
		signature_hash: 'sha256',
		key_size: 2048,
		ca_cert: { id: '1005', name: 'DigiCert SHA2 Secure Server CA' },
		...(hasValidity
			? {
					thumbprint: o.certificateId.toString(16).toUpperCase().padStart(40, '7'),
					serial_number: (o.certificateId * 7919).toString(16).toUpperCase().padStart(32, '0'),
					valid_from: isoDate(/** @type {number} */ (validFromMs)),
					valid_till: isoDate(/** @type {number} */ (o.validTillMs)),
				}
			: {}),
	};
	return {
		id: o.id,
		certificate,
		status: o.status,
		is_renewal: false,
		is_renewed: false,
		date_created: isoTime(o.createdMs),
		...(o.status === 'issued' || o.status === 'revoked'
			? { date_issued: isoTime(o.createdMs + DAY_MS) }
			: {}),
		organization: { ...o.organization, city: 'Minneapolis', state: 'mn', country: 'us' },
		validity_years: 1,
		// The plan's end (order info's order_valid_till) and auto-reissue (0/1), as DigiCert's Order info lists them.
		...(hasValidity ? { order_valid_till: isoDate(/** @type {number} */ (o.validTillMs)) } : {}),
		auto_reissue: 0,
		disable_renewal_notifications: false,
		auto_renew: 0,
		container: { ...o.container, is_active: true },
		product: { ...o.product, validation_type: 'ov', validation_name: 'OV' },
		user: PEOPLE[0],
		requests: /** @type {any[]} */ ([]),
		price: 175,
		is_out_of_contract: false,
		payment_method: 'balance',
		product_name_id: o.product.name_id,
		has_duplicates: false,
	};
}

/** The short form of an order in lists (GET /order/certificate); days_remaining counts from `now`. */
function orderSummary(/** @type {any} */ order, /** @type {number} */ now) {
	const c = order.certificate;
	return {
		id: order.id,
		certificate: {
			id: c.id,
			common_name: c.common_name,
			dns_names: c.dns_names,
			...(c.valid_till
				? { valid_till: c.valid_till, days_remaining: Math.max(0, daysUntil(c.valid_till, now)) }
				: {}),
			signature_hash: c.signature_hash,
		},
		status: order.status,
		is_renewed: order.is_renewed,
		date_created: order.date_created,
		organization: { id: order.organization.id, name: order.organization.name },
		container: { id: order.container.id, name: order.container.name },
		product: {
			name_id: order.product.name_id,
			name: order.product.name,
			type: order.product.type,
		},
		has_duplicates: order.has_duplicates,
		price: order.price,
		product_name_id: order.product_name_id,
	};
}

/**
 * A request shaped like DigiCert's request info, on an order of `orders` (a copy of it, as DigiCert
 * embeds it; just its ID when there is no such order).
 * @param {{ id: number, dateMs: number, type: string, status: string, orderId: number, requester: any, comments?: string }} r
 * @param {Map<number, any>} orders
 */
function makeRequest(r, orders) {
	const order = orders.get(r.orderId);
	const processed = r.status === 'approved' || r.status === 'rejected' || r.status === 'submitted';
	return {
		id: r.id,
		date: isoTime(r.dateMs),
		type: r.type,
		status: r.status,
		...(processed ? { date_processed: isoTime(r.dateMs + 3600_000) } : {}),
		requester: r.requester,
		...(processed ? { reviewer: PEOPLE[0], processor: PEOPLE[0] } : {}),
		order: order ? clone(order) : { id: r.orderId },
		comments: r.comments ?? '',
	};
}

/** The short form of a request in lists (GET /request). */
function requestSummary(/** @type {any} */ request) {
	const order = request.order ?? {};
	return {
		id: request.id,
		date: request.date,
		type: request.type,
		status: request.status,
		...(request.date_processed ? { date_processed: request.date_processed } : {}),
		requester: request.requester,
		order: {
			id: order.id,
			certificate: { common_name: order.certificate?.common_name },
			organization: order.organization
				? { id: order.organization.id, name: order.organization.name }
				: undefined,
			container: order.container
				? { id: order.container.id, name: order.container.name }
				: undefined,
			product: order.product
				? { name_id: order.product.name_id, name: order.product.name, type: order.product.type }
				: undefined,
		},
	};
}

module.exports = { makeOrder, orderSummary, makeRequest, requestSummary };
