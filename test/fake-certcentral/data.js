// @ts-check
'use strict';
/**
 * The fake CertCentral's data, put together: the store (store.js: state and mutators, started from
 * the seed in seed.js and generated.js), domains and organizations (domains.js), DCV on orders
 * (orderDcv.js), the lifecycle calls (lifecycle.js) and the routes (routes/, one file per resource).
 * Every part hangs on the store's one clock.
 */
const { daysUntil, isoDate } = require('./common');
const { MAX_LIMIT, dateFilter, matchesSearch } = require('./queries');
const {
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
	ORDER_STATUSES,
	REQUEST_STATUSES,
	REQUEST_TYPES,
	PRODUCTS,
	CONTAINERS,
	ORGANIZATIONS,
} = require('./seed');
const { createStore } = require('./store');
const { seededRandom } = require('./generated');
const { buildDomainsAndOrganizations } = require('./domains');
const { buildOrderDcv } = require('./orderDcv');
const { buildLifecycle } = require('./lifecycle');
const { routesFor } = require('./routes');

/**
 * @param {{ now?: number }} [options] `now`: the clock the generated dates are relative to (default: the real time).
 */
function buildData(options = {}) {
	const store = createStore(options);
	// Domains and organizations with their validations (see domains.js).
	const data = Object.assign(
		store,
		buildDomainsAndOrganizations(store.now, {
			organizations: ORGANIZATIONS,
			containers: CONTAINERS,
			random: seededRandom(20261125),
		}),
	);
	/** DCV on orders: random values, validated names, the DNS the checks look in (orderDcv.js). */
	const withDcv = Object.assign(data, { orderDcv: buildOrderDcv(data) });
	/** Order, reissue, duplicate, revoke, cancel: the calls that change orders (lifecycle.js). */
	const withLifecycle = Object.assign(withDcv, { lifecycle: buildLifecycle(withDcv) });
	withLifecycle.routes.push(...routesFor(withLifecycle));
	return withLifecycle;
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
