// @ts-check
'use strict';
/**
 * The fake CertCentral's state and the mutators tests (and the routes) change it with:
 * `setRequestStatus`, `addRequest`, `setOrderStatus`, `addOrder`, `setNow`. It starts from the seed
 * (seed.js, generated.js); every order status change is recorded in `orderStatusChanges` for
 * `/order/certificate/status-changes`, and every request status change in `requestStatusChanges`.
 */
const { DAY_MS, isoDate, isoTime, startOfDay } = require('./common');
const {
	ORDER_STATUSES,
	OTHER_ORDER_STATUSES,
	REQUEST_STATUSES,
	PRODUCTS,
	CONTAINERS,
	ORGANIZATIONS,
	PEOPLE,
	user,
} = require('./seed');
const { makeOrder, makeRequest, orderSummary, requestSummary } = require('./records');
const { generateOrdersAndRequests } = require('./generated');

/**
 * @typedef {{ method: string, pattern: RegExp, handle: (m: RegExpExecArray, req: any, data: any) => any }} Route
 * @typedef {{event: string, endpoint: string, body: any, key?: string, status?: number, error?: string, time: number}} WebhookDelivery
 */

/**
 * @param {{ now?: number }} [options] `now`: the clock the generated dates are relative to (default: the real time).
 */
function createStore(options = {}) {
	let now = options.now ?? Date.now();
	const { orders, duplicates, reissues, requests } = generateOrdersAndRequests(now);
	/** @type {Array<{order_id: number, certificate_id: number, status: string, previous_status: string, time: number}>} */
	const orderStatusChanges = [];
	/** @type {Array<{request_id: number, status: string, previous_status: string, time: number}>} */
	const requestStatusChanges = [];
	/** @type {Map<number, (status: string) => void>} */
	const requestEffects = new Map();

	const store = {
		user: user(),
		orders,
		requests,
		duplicates,
		reissues,
		/** Every order status change, oldest first (`time` in ms): the source of `/order/certificate/status-changes`. */
		orderStatusChanges,
		/** Every request status change, oldest first. */
		requestStatusChanges,
		/** What approving or rejecting a request does, by request ID (set by the lifecycle's calls, lifecycle.js). */
		requestEffects,
		/** The account's products and containers (what an order may name); its organizations are `organizations` (domains.js). */
		products: PRODUCTS,
		/** The account's products with their info (GET /product, /product/{name_id}): what an order may name and for how long. */
		productCatalogue: require('./productCatalogue').seedProductCatalogue(),
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
			const orderId = fields.orderId ?? store.addOrder({ status: 'pending' }).id;
			const request = makeRequest(
				{
					id,
					dateMs: fields.time ?? now,
					type: fields.type ?? 'new_request',
					status: fields.status ?? 'pending',
					orderId,
					requester: PEOPLE[1],
					comments: fields.comments ?? 'Added by a test',
				},
				orders,
			);
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
			for (const listener of store.orderStatusListeners) listener(order, status);
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
		/** The short form of an order in lists (GET /order/certificate). */
		orderSummary: (/** @type {any} */ order) => orderSummary(order, now),
		/** The short form of a request in lists (GET /request). */
		requestSummary,
		/** Every order as DigiCert lists it (short form), by id. */
		orderSummaries: () =>
			[...orders.values()].sort((a, b) => a.id - b.id).map((order) => orderSummary(order, now)),
		/** Every request as DigiCert lists it (short form), by id. */
		requestSummaries: () => [...requests.values()].sort((a, b) => a.id - b.id).map(requestSummary),
		/** Called after each order status change (the webhook resource delivers its events from here). */
		/** @type {Array<(order: any, status: string) => void>} */
		orderStatusListeners: [],
		/**
		 * The account's webhook feature and the key's user: DigiCert documents no error for an account
		 * without webhooks or a user who is not an admin, so both answers are ASSUMED (routes/webhooks.js).
		 */
		webhookAccount: { enabled: true, admin: true, strictHttps: false, unreachable: false },
		/** @type {any} the account's one webhook (with `verified` and `challenge`, which DigiCert does not list) */
		webhook: undefined,
		/** Every event the fake POSTed, oldest first: what it sent and what the endpoint answered. */
		/** @type {WebhookDelivery[]} */
		webhookDeliveries: [],
		/**
		 * Sends `event` to the account's webhook when it is active and subscribed (set by routes/webhooks.js).
		 * @type {(event: string, eventData: any, options?: { key?: string | null }) => Promise<WebhookDelivery | undefined>}
		 */
		deliverWebhookEvent: async () => undefined,
		/** Resolves once every webhook delivery on its way has settled (set by routes/webhooks.js). */
		webhookSettled: async () => {},
		/** Every route of every resource (routes/), tried in order. */
		/** @type {Route[]} */
		routes: [],
	};
	return store;
}

module.exports = { createStore };
