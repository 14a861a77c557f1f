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
const seed = require('./seed');
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
			organizations: seed.ORGANIZATIONS,
			containers: seed.CONTAINERS,
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

// The seed's IDs, sizes and lists, and the helpers tests compute expectations with.
module.exports = {
	buildData,
	...seed,
	MAX_LIMIT,
	daysUntil,
	isoDate,
	dateFilter,
	matchesSearch,
};
