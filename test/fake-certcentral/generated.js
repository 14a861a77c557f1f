// @ts-check
'use strict';
/**
 * The fake's starting orders and requests: the seed's (see seed.js) and generated ones, enough to page
 * through. Deterministic: one seeded random sequence, so every run gets the same data, with dates
 * relative to the clock it is given.
 */
const { DAY_MS, clone, isoTime, startOfDay } = require('./common');
const seed = require('./seed');
const { makeOrder, makeRequest } = require('./records');

/** mulberry32: a small seeded generator, so generated data is identical on every run. */
function seededRandom(/** @type {number} */ seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Days until expiry for generated order `i`: ~18% already expired, ~15% within 30 days, ~12% in
 * 31–60, ~10% in 61–90, the rest later (up to ~2 years).
 */
function expiryOffsetDays(/** @type {() => number} */ random) {
	const r = random();
	if (r < 0.18) return -1 - Math.floor(random() * 120);
	if (r < 0.33) return Math.floor(random() * 31);
	if (r < 0.45) return 31 + Math.floor(random() * 30);
	if (r < 0.55) return 61 + Math.floor(random() * 30);
	return 91 + Math.floor(random() * 640);
}

/** Order status for generated order `i`: mostly issued, every other status well represented. */
function orderStatus(/** @type {() => number} */ random) {
	const r = random();
	if (r < 0.55) return 'issued';
	if (r < 0.63) return 'pending';
	if (r < 0.68) return 'rejected';
	if (r < 0.76) return 'revoked';
	if (r < 0.83) return 'waiting_pickup';
	if (r < 0.91) return 'reissue_pending';
	return 'canceled';
}

/**
 * The orders (full order info by ID), their duplicates' and reissues' certificates, and the requests
 * (full request info by ID) every store starts with, dated relative to `now`.
 * @param {number} now
 */
function generateOrdersAndRequests(now) {
	const random = seededRandom(20240601);

	/** @type {Map<number, any>} */
	const orders = new Map();
	/** @type {Map<number, any[]>} certificates of each order's duplicates */
	const duplicates = new Map();
	/** @type {Map<number, any[]>} certificates of each order's reissues */
	const reissues = new Map();

	// The seed orders: 12345678 (the seed requests' order, with the seed's duplicates) and 12345679.
	for (const [id, validDays] of /** @type {Array<[number, number]>} */ ([
		[seed.SEED_ORDER_ID, 200],
		[seed.ORDER_WITHOUT_DUPLICATES, 20],
	])) {
		const order = makeOrder({
			id,
			certificateId: id - 12000000,
			commonName: id === seed.SEED_ORDER_ID ? 'example.com' : 'www.example.org',
			dnsNames:
				id === seed.SEED_ORDER_ID ? ['example.com', 'www.example.com'] : ['www.example.org'],
			createdMs: Date.parse('2018-10-16T20:05:28Z'),
			validTillMs: startOfDay(now) + validDays * DAY_MS,
			status: 'issued',
			organization: seed.ORGANIZATIONS[0],
			container: seed.CONTAINERS[0],
			product: seed.PRODUCTS[1],
		});
		orders.set(id, order);
	}
	orders.get(seed.SEED_ORDER_ID).has_duplicates = true;
	duplicates.set(seed.SEED_ORDER_ID, [
		...clone(seed.seeds.orderDuplicates.certificates),
		clone(seed.ARCHIVED_DUPLICATE),
	]);
	duplicates.set(seed.ORDER_WITHOUT_DUPLICATES, []);

	const generatedOrders = seed.TOTAL_ORDERS - orders.size;
	for (let i = 0; i < generatedOrders; i++) {
		const id = seed.FIRST_ORDER_ID + i;
		const product = seed.PRODUCTS[Math.floor(random() * seed.PRODUCTS.length)];
		const domain = seed.DOMAINS[i % seed.DOMAINS.length];
		const host = seed.HOSTS[Math.floor(random() * seed.HOSTS.length)];
		const wildcard = product.name_id === 'ssl_cloud_wildcard';
		const commonName = wildcard ? `*.svc${i}.${domain}` : `${host}${i}.${domain}`;
		const status = orderStatus(random);
		const offset = expiryOffsetDays(random);
		// Orders never issued have no validity yet.
		const hasValidity = !['pending', 'rejected', 'canceled'].includes(status);
		const order = makeOrder({
			id,
			certificateId: seed.FIRST_CERTIFICATE_ID + i,
			commonName,
			dnsNames: wildcard ? [commonName, `svc${i}.${domain}`] : [commonName],
			createdMs: startOfDay(now) - Math.floor(random() * 700) * DAY_MS - (i % 86400) * 1000,
			validTillMs: hasValidity ? startOfDay(now) + offset * DAY_MS : undefined,
			status,
			organization: seed.ORGANIZATIONS[i % seed.ORGANIZATIONS.length],
			container: seed.CONTAINERS[Math.floor(random() * seed.CONTAINERS.length)],
			product,
		});
		orders.set(id, order);
		// Every 7th issued order was reissued once; reissue_pending orders have a pending reissue.
		if ((status === 'issued' && i % 7 === 0) || status === 'reissue_pending') {
			const cert = order.certificate;
			reissues.set(id, [
				{
					id: cert.id + 500000,
					thumbprint: (cert.id + 500000).toString(16).toUpperCase().padStart(40, '5'),
					serial_number: ((cert.id + 500000) * 7919).toString(16).toUpperCase().padStart(32, '0'),
					common_name: cert.common_name,
					dns_names: cert.dns_names,
					status: status === 'issued' ? 'issued' : 'pending',
					date_created: isoTime(Date.parse(order.date_created) + 30 * DAY_MS),
					...(status === 'issued'
						? { date_issued: isoTime(Date.parse(order.date_created) + 31 * DAY_MS) }
						: {}),
					valid_from: cert.valid_from,
					valid_till: cert.valid_till,
					csr: '<csr>',
					server_platform: { id: -1, name: 'OTHER' },
					signature_hash: 'sha256',
					key_size: 2048,
					ca_cert_id: '1005',
					receipt_id: 900000 + i,
					user_id: 14,
					firstname: 'John',
					lastname: 'Smith',
				},
			]);
		}
		// Every 11th issued order has one duplicate.
		if (status === 'issued' && i % 11 === 0) {
			order.has_duplicates = true;
			duplicates.set(id, [
				{
					id: order.certificate.id + 700000,
					common_name: order.certificate.common_name,
					dns_names: order.certificate.dns_names,
					status: 'issued',
					date_created: order.date_created,
					valid_from: order.certificate.valid_from,
					valid_till: order.certificate.valid_till,
					archived: '0',
					user_id: 14,
					firstname: 'John',
					lastname: 'Smith',
				},
			]);
		}
	}

	/** @type {Map<number, any>} */
	const requests = new Map();
	requests.set(seed.APPROVED_REQUEST_ID, clone(seed.seeds.requestApproved));
	requests.set(seed.PENDING_REQUEST_ID, {
		...clone(seed.seeds.requestPending),
		id: seed.PENDING_REQUEST_ID,
	});

	const generatedRequests = seed.TOTAL_REQUESTS - requests.size;
	const orderIds = [...orders.keys()];
	for (let i = 0; i < generatedRequests; i++) {
		const r = random();
		const status =
			r < 0.2 ? 'submitted' : r < 0.45 ? 'pending' : r < 0.85 ? 'approved' : 'rejected';
		const t = random();
		const type = t < 0.55 ? 'new_request' : t < 0.7 ? 'revoke' : t < 0.85 ? 'duplicate' : 'reissue';
		const orderId = orderIds[2 + ((i * 2) % generatedOrders)];
		const request = makeRequest(
			{
				id: seed.FIRST_REQUEST_ID + i,
				dateMs: now - Math.floor(random() * 365) * DAY_MS - (i % 86400) * 1000,
				type,
				status,
				orderId,
				requester: seed.PEOPLE[i % seed.PEOPLE.length],
				comments: `Request ${i} for ${orders.get(orderId).certificate.common_name}`,
			},
			orders,
		);
		requests.set(request.id, request);
		orders.get(orderId).requests.push({
			id: request.id,
			date: request.date,
			type,
			status,
			comments: request.comments,
		});
	}

	return { orders, duplicates, reissues, requests };
}

module.exports = { seededRandom, generateOrdersAndRequests };
