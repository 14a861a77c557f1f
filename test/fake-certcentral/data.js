// @ts-check
'use strict';
/**
 * The fake CertCentral's data (its routes are in routes/, one file per resource). The documentation's examples (seed-examples.json) are
 * served as they are; generated orders and requests (deterministic: the same every run, with dates
 * relative to the data's clock) fill lists large enough to page through.
 *
 * The state is mutable through helpers on the data object (`setRequestStatus`, `addRequest`,
 * `setOrderStatus`, `addOrder`, `setNow`), so tests can change things between polls; every order
 * status change is recorded in `orderStatusChanges` for `/order/certificate/status-changes`.
 *
 * Over 300 lines on purpose: every resource's data hangs on one clock and one seeded random sequence
 * (requests point at orders), so it is generated in one place; the routes are apart, in routes/.
 */
const seeds = require('./seed-examples.json');
const { DAY_MS, clone, daysUntil, isoDate, isoTime, startOfDay } = require('./common');
const { MAX_LIMIT, dateFilter, matchesSearch } = require('./queries');
const { routesFor } = require('./routes');
const { buildDomainsAndOrganizations } = require('./domains');
const { buildOrderDcv } = require('./orderDcv');

/** Order 12345678 is the order of the seed requests; its duplicates are the seed's certificates. */
const SEED_ORDER_ID = 12345678;
const APPROVED_REQUEST_ID = 198;
const PENDING_REQUEST_ID = 199;
/** An order that exists and has no duplicates: DigiCert omits the array. */
const ORDER_WITHOUT_DUPLICATES = 12345679;

/** Sizes: with the two seed orders and the two seed requests the lists hold exactly these. */
const TOTAL_ORDERS = 5000;
const TOTAL_REQUESTS = 2500;
/** Generated IDs start here (orders, certificates, requests). */
const FIRST_ORDER_ID = 20000001;
const FIRST_CERTIFICATE_ID = 30000001;
const FIRST_REQUEST_ID = 1001;
/** DigiCert's largest page [U]; larger limits are refused, so a client asking for more is caught. */

const ORDER_STATUSES = [
	'pending',
	'issued',
	'rejected',
	'revoked',
	'waiting_pickup',
	'reissue_pending',
	'canceled',
];
/**
 * Statuses an order can reach besides those the list filters on (DigiCert's glossary shows
 * needs_approval; public clients also see processing, needs_csr and expired): status-changes and
 * order info report them.
 */
const OTHER_ORDER_STATUSES = ['needs_approval', 'processing', 'needs_csr', 'expired'];
const REQUEST_STATUSES = ['submitted', 'pending', 'approved', 'rejected'];
const REQUEST_TYPES = ['new_request', 'revoke', 'duplicate', 'reissue'];
const PRODUCTS = [
	{ name_id: 'ssl_basic', name: 'Basic OV', type: 'ssl_certificate' },
	{ name_id: 'ssl_plus', name: 'Standard SSL', type: 'ssl_certificate' },
	{ name_id: 'ssl_ev_basic', name: 'Basic EV', type: 'ssl_certificate' },
	{ name_id: 'ssl_securesite_pro', name: 'Secure Site Pro SSL', type: 'ssl_certificate' },
	{ name_id: 'ssl_dv_geotrust', name: 'GeoTrust Standard DV', type: 'ssl_certificate' },
	{ name_id: 'ssl_cloud_wildcard', name: 'Wildcard SSL', type: 'ssl_certificate' },
];
const CONTAINERS = [
	{ id: 5, name: 'History Department' },
	{ id: 6, name: 'Engineering' },
	{ id: 7, name: 'Finance' },
	{ id: 8, name: 'Marketing' },
];
const ORGANIZATIONS = [
	{ id: 112233, name: 'Epigyne Unwieldiness llcasdf' },
	{ id: 112234, name: 'Example Holdings Inc.' },
	{ id: 112235, name: 'Contoso Ltd' },
];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'contoso.com', 'fabrikam.io'];
const HOSTS = ['www', 'api', 'mail', 'vpn', 'shop', 'auth', 'cdn', 'portal', 'intranet', 'git'];
const PEOPLE = [
	{ id: 14, first_name: 'John', last_name: 'Smith', email: 'john.smith@digicert.com' },
	{ id: 15, first_name: 'Jill', last_name: 'Valentine', email: 'jill.valentine@example.com' },
	{ id: 16, first_name: 'Jan', last_name: 'Sport', email: 'jan.sport@example.com' },
	{ id: 17, first_name: 'Gia', last_name: 'Booth', email: 'gia.booth@example.com' },
];

/** An archived duplicate of the seed order: listed only with show_archived=true. */
const ARCHIVED_DUPLICATE = {
	...clone(seeds.orderDuplicates.certificates[0]),
	id: 45678,
	common_name: 'old.example.com',
	dns_names: ['old.example.com'],
	status: 'issued',
	sub_id: '114',
	archived: '1',
};

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
 * @param {{ now?: number }} [options] `now`: the clock the generated dates are relative to (default: the real time).
 */
function buildData(options = {}) {
	let now = options.now ?? Date.now();
	const random = seededRandom(20240601);

	const user = {
		id: 14,
		username: 'john.smith',
		account_id: 5432,
		first_name: 'John',
		last_name: 'Smith',
		email: 'john.smith@digicert.com',
		status: 'active',
		container: { id: 5, name: 'History Department' },
		access_roles: [{ id: 1, name: 'Administrator' }],
	};

	// ---- Orders: full order objects by id (what GET /order/certificate/{id} returns) ----
	/** @type {Map<number, any>} */
	const orders = new Map();
	/** @type {Map<number, any[]>} certificates of each order's duplicates */
	const duplicates = new Map();
	/** @type {Map<number, any[]>} certificates of each order's reissues */
	const reissues = new Map();
	/** @type {Array<{order_id: number, certificate_id: number, status: string, previous_status: string, time: number}>} */
	const orderStatusChanges = [];

	/** A full order, shaped like DigiCert's order info. */
	function makeOrder(/** @type {any} */ o) {
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
						valid_till: isoDate(o.validTillMs),
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
			...(hasValidity ? { order_valid_till: isoDate(o.validTillMs) } : {}),
			auto_reissue: 0,
			disable_renewal_notifications: false,
			auto_renew: 0,
			container: { ...o.container, is_active: true },
			product: { ...o.product, validation_type: 'ov', validation_name: 'OV' },
			user: PEOPLE[0],
			requests: [],
			price: 175,
			is_out_of_contract: false,
			payment_method: 'balance',
			product_name_id: o.product.name_id,
			has_duplicates: false,
		};
	}

	/** The short form of an order in lists (GET /order/certificate). */
	function orderSummary(/** @type {any} */ order) {
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

	// The seed orders: 12345678 (the seed requests' order, with the seed's duplicates) and 12345679.
	for (const [id, validDays] of /** @type {Array<[number, number]>} */ ([
		[SEED_ORDER_ID, 200],
		[ORDER_WITHOUT_DUPLICATES, 20],
	])) {
		const order = makeOrder({
			id,
			certificateId: id - 12000000,
			commonName: id === SEED_ORDER_ID ? 'example.com' : 'www.example.org',
			dnsNames: id === SEED_ORDER_ID ? ['example.com', 'www.example.com'] : ['www.example.org'],
			createdMs: Date.parse('2018-10-16T20:05:28Z'),
			validTillMs: startOfDay(now) + validDays * DAY_MS,
			status: 'issued',
			organization: ORGANIZATIONS[0],
			container: CONTAINERS[0],
			product: PRODUCTS[1],
		});
		orders.set(id, order);
	}
	orders.get(SEED_ORDER_ID).has_duplicates = true;
	duplicates.set(SEED_ORDER_ID, [
		...clone(seeds.orderDuplicates.certificates),
		clone(ARCHIVED_DUPLICATE),
	]);
	duplicates.set(ORDER_WITHOUT_DUPLICATES, []);

	const generatedOrders = TOTAL_ORDERS - orders.size;
	for (let i = 0; i < generatedOrders; i++) {
		const id = FIRST_ORDER_ID + i;
		const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)];
		const domain = DOMAINS[i % DOMAINS.length];
		const host = HOSTS[Math.floor(random() * HOSTS.length)];
		const wildcard = product.name_id === 'ssl_cloud_wildcard';
		const commonName = wildcard ? `*.svc${i}.${domain}` : `${host}${i}.${domain}`;
		const status = orderStatus(random);
		const offset = expiryOffsetDays(random);
		// Orders never issued have no validity yet.
		const hasValidity = !['pending', 'rejected', 'canceled'].includes(status);
		const order = makeOrder({
			id,
			certificateId: FIRST_CERTIFICATE_ID + i,
			commonName,
			dnsNames: wildcard ? [commonName, `svc${i}.${domain}`] : [commonName],
			createdMs: startOfDay(now) - Math.floor(random() * 700) * DAY_MS - (i % 86400) * 1000,
			validTillMs: hasValidity ? startOfDay(now) + offset * DAY_MS : undefined,
			status,
			organization: ORGANIZATIONS[i % ORGANIZATIONS.length],
			container: CONTAINERS[Math.floor(random() * CONTAINERS.length)],
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

	// ---- Requests: full request objects by id (what GET /request/{id} returns) ----
	/** @type {Map<number, any>} */
	const requests = new Map();
	requests.set(APPROVED_REQUEST_ID, clone(seeds.requestApproved));
	requests.set(PENDING_REQUEST_ID, { ...clone(seeds.requestPending), id: PENDING_REQUEST_ID });
	/** @type {Array<{request_id: number, status: string, previous_status: string, time: number}>} */
	const requestStatusChanges = [];
	/** @type {Map<number, (status: string) => void>} */
	const requestEffects = new Map();

	/** A request shaped like DigiCert's request info, on an existing order. */
	function makeRequest(/** @type {any} */ r) {
		const order = orders.get(r.orderId);
		const processed =
			r.status === 'approved' || r.status === 'rejected' || r.status === 'submitted';
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

	const generatedRequests = TOTAL_REQUESTS - requests.size;
	const orderIds = [...orders.keys()];
	for (let i = 0; i < generatedRequests; i++) {
		const r = random();
		const status =
			r < 0.2 ? 'submitted' : r < 0.45 ? 'pending' : r < 0.85 ? 'approved' : 'rejected';
		const t = random();
		const type = t < 0.55 ? 'new_request' : t < 0.7 ? 'revoke' : t < 0.85 ? 'duplicate' : 'reissue';
		const orderId = orderIds[2 + ((i * 2) % generatedOrders)];
		const request = makeRequest({
			id: FIRST_REQUEST_ID + i,
			dateMs: now - Math.floor(random() * 365) * DAY_MS - (i % 86400) * 1000,
			type,
			status,
			orderId,
			requester: PEOPLE[i % PEOPLE.length],
			comments: `Request ${i} for ${orders.get(orderId).certificate.common_name}`,
		});
		requests.set(request.id, request);
		orders.get(orderId).requests.push({
			id: request.id,
			date: request.date,
			type,
			status,
			comments: request.comments,
		});
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

	// ---- Mutations (for tests and the trigger's polls) ----
	const data = {
		// Domains and organizations with their validations (see domains.js).
		...buildDomainsAndOrganizations(() => now, {
			organizations: ORGANIZATIONS,
			containers: CONTAINERS,
			random: seededRandom(20261125),
		}),
		user,
		orders,
		requests,
		duplicates,
		reissues,
		/** Every order status change, oldest first (`time` in ms): the source of `/order/certificate/status-changes`. */
		orderStatusChanges,
		/** Every request status change, oldest first. */
		requestStatusChanges,
		/** What approving or rejecting a request does, by request ID (set by the lifecycle routes). */
		requestEffects,
		/** The account's products and containers (what an order may name); its organizations are `organizations` (domains.js). */
		products: PRODUCTS,
		/** The account's products with their info (GET /product, /product/{name_id}): what an order may name and for how long. */
		productCatalogue: require('./routes/products').seedProductCatalogue(),
		containers: CONTAINERS,
		/**
		 * The certificate with this ID: an order's current certificate, a duplicate or a reissue, and
		 * whether it can be downloaded (issued; a duplicate's "approved" counts as issued, ASSUMED).
		 * @param {number} id @returns {{ certificate: any, issued: boolean } | undefined}
		 */
		certificateById(id) {
			for (const order of orders.values()) {
				if (order.certificate.id === id)
					return { certificate: order.certificate, issued: order.status === 'issued' };
			}
			for (const list of [...duplicates.values(), ...reissues.values()]) {
				const certificate = list.find((c) => c.id === id);
				if (certificate)
					return {
						certificate,
						issued: certificate.status === 'issued' || certificate.status === 'approved',
					};
			}
			return undefined;
		},
		/**
		 * The order of unsorted lists: by ID, or `scrambled` (neither by ID nor by date), to prove that
		 * nothing relies on an order DigiCert does not document.
		 * @type {'id' | 'scrambled'}
		 */
		listOrder: /** @type {'id' | 'scrambled'} */ ('id'),
		/**
		 * What the order list's `filters[valid_till]` compares: the current certificate's valid_till, or
		 * the order's end (`order_valid_till`, later on a multi-year plan). DigiCert does not say.
		 * @type {'certificate' | 'order'}
		 */
		validTillFilters: /** @type {'certificate' | 'order'} */ ('certificate'),
		/** The CertCentral preference that revokes an order with its last certificate (off: DigiCert's default). */
		revokeOrderWithLastCertificate: false,
		/** The data's clock (ms): dates and days_remaining are relative to it. */
		now: () => now,
		/** Moves the clock (e.g. to simulate days passing between polls). */
		setNow(/** @type {number} */ ms) {
			now = ms;
		},
		/**
		 * Sets a request's status as an approver would (date_processed, processor, comment).
		 * @param {number} id @param {string} status @param {{comment?: string, processor?: any, time?: number}} [details]
		 */
		setRequestStatus(id, status, details = {}) {
			const request = requests.get(id);
			if (!request) throw new Error(`fake: no request ${id}`);
			if (!REQUEST_STATUSES.includes(status)) throw new Error(`fake: bad request status ${status}`);
			const time = details.time ?? now;
			requestStatusChanges.push({ request_id: id, status, previous_status: request.status, time });
			request.status = status;
			if (status === 'pending') {
				delete request.date_processed;
				delete request.processor;
				delete request.reviewer;
			} else {
				request.date_processed = isoTime(time);
				request.processor = details.processor ?? PEOPLE[0];
				request.reviewer = request.processor;
				if (details.comment !== undefined) request.processor_comment = details.comment;
			}
			const summary = orders
				.get(request.order?.id)
				?.requests.find((/** @type {any} */ r) => r.id === id);
			if (summary) summary.status = status;
			// What approving or rejecting it does to its order (a reissue, duplicate, revoke or new order).
			const effect =
				status === 'approved' || status === 'rejected' ? requestEffects.get(id) : undefined;
			if (effect) {
				requestEffects.delete(id);
				effect(status);
			}
			return request;
		},
		/**
		 * Adds a request (default: a pending new_request on a new pending order) and returns it.
		 * @param {{id?: number, type?: string, status?: string, orderId?: number, comments?: string, time?: number}} [fields]
		 */
		addRequest(fields = {}) {
			const id = fields.id ?? Math.max(...requests.keys()) + 1;
			const orderId = fields.orderId ?? data.addOrder({ status: 'pending' }).id;
			const request = makeRequest({
				id,
				dateMs: fields.time ?? now,
				type: fields.type ?? 'new_request',
				status: fields.status ?? 'pending',
				orderId,
				requester: PEOPLE[1],
				comments: fields.comments ?? 'Added by a test',
			});
			requests.set(id, request);
			orders.get(orderId)?.requests.push({
				id,
				date: request.date,
				type: request.type,
				status: request.status,
				comments: request.comments,
			});
			return request;
		},
		/**
		 * Sets an order's status and records the change (for status-changes). Issuing gives the
		 * certificate a validity of `validDays` (default 365) from now.
		 * @param {number} id @param {string} status @param {{time?: number, validDays?: number}} [details]
		 */
		setOrderStatus(id, status, details = {}) {
			const order = orders.get(id);
			if (!order) throw new Error(`fake: no order ${id}`);
			if (!ORDER_STATUSES.includes(status) && !OTHER_ORDER_STATUSES.includes(status))
				throw new Error(`fake: bad order status ${status}`);
			const time = details.time ?? now;
			orderStatusChanges.push({
				order_id: id,
				certificate_id: order.certificate.id,
				status,
				previous_status: order.status,
				time,
			});
			order.status = status;
			if (
				status === 'issued' &&
				(details.validDays !== undefined || !order.certificate.valid_till)
			) {
				const c = order.certificate;
				c.valid_from = isoDate(startOfDay(time));
				c.valid_till = isoDate(startOfDay(time) + (details.validDays ?? 365) * DAY_MS);
				c.thumbprint ??= c.id.toString(16).toUpperCase().padStart(40, '7');
				c.serial_number ??= (c.id * 7919).toString(16).toUpperCase().padStart(32, '0');
				order.date_issued = isoTime(time);
			}
			for (const listener of data.orderStatusListeners) listener(order, status);
			return order;
		},
		/**
		 * Adds an order (default: pending, no validity) and returns it. `validDays` sets valid_till.
		 * @param {{id?: number, status?: string, commonName?: string, validDays?: number, productNameId?: string, containerId?: number, time?: number}} [fields]
		 */
		addOrder(fields = {}) {
			const id = fields.id ?? Math.max(...orders.keys()) + 1;
			const commonName = fields.commonName ?? `new${id}.example.com`;
			const order = makeOrder({
				id,
				certificateId: id + 10000000,
				commonName,
				dnsNames: [commonName],
				createdMs: fields.time ?? now,
				validTillMs:
					fields.validDays !== undefined ? startOfDay(now) + fields.validDays * DAY_MS : undefined,
				status: fields.status ?? 'pending',
				organization: ORGANIZATIONS[0],
				container: CONTAINERS.find((c) => c.id === fields.containerId) ?? CONTAINERS[0],
				product: PRODUCTS.find((p) => p.name_id === fields.productNameId) ?? PRODUCTS[0],
			});
			orders.set(id, order);
			return order;
		},
		/** Every order as DigiCert lists it (short form), by id. */
		/** The short form of an order in lists (GET /order/certificate). */
		orderSummary,
		/** The short form of a request in lists (GET /request). */
		requestSummary,
		orderSummaries: () => [...orders.values()].sort((a, b) => a.id - b.id).map(orderSummary),
		/** Every request as DigiCert lists it (short form), by id. */
		requestSummaries: () => [...requests.values()].sort((a, b) => a.id - b.id).map(requestSummary),
		/** Called after each order status change (the webhook resource delivers its events from here). */
		/** @type {Array<(order: any, status: string) => void>} */
		orderStatusListeners: [],
		/** @type {Array<{method: string, pattern: RegExp, handle: (m: RegExpExecArray, req: any, data: any) => any}>} */
		routes: [],
	};

	/** DCV on orders: random values, validated names, the DNS the checks look in (orderDcv.js). */
	const withDcv = Object.assign(data, { orderDcv: buildOrderDcv(data) });
	withDcv.routes.push(...routesFor(withDcv));

	return withDcv;
}

module.exports = {
	buildData,
	seeds,
	ARCHIVED_DUPLICATE,
	SEED_ORDER_ID,
	ORDER_WITHOUT_DUPLICATES,
	APPROVED_REQUEST_ID,
	PENDING_REQUEST_ID,
	TOTAL_ORDERS,
	TOTAL_REQUESTS,
	FIRST_ORDER_ID,
	FIRST_REQUEST_ID,
	MAX_LIMIT,
	ORDER_STATUSES,
	REQUEST_STATUSES,
	REQUEST_TYPES,
	PRODUCTS,
	CONTAINERS,
	daysUntil,
	isoDate,
	dateFilter,
	matchesSearch,
};
