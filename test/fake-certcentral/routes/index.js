// @ts-check
'use strict';
/**
 * The fake's routes, one file per CertCentral resource. Each file exports `(data) => Route[]`; the
 * routes read and change the state in `data` (see ../data.js). To add a resource: write its file
 * next to these and add it to RESOURCES. Routes are tried in this order; the first match answers.
 *
 * @typedef {ReturnType<typeof import('../data').buildData>} FakeData
 * @typedef {import('../store').Route} Route
 */
const RESOURCES = [
	require('./user'),
	require('./requests'),
	require('./orders'),
	require('./certificates'),
	require('./domains'),
	require('./organizations'),
	require('./products'),
	require('./webhooks'),
];

/** Every route of every resource, for `data`. */
const routesFor = (/** @type {FakeData} */ data) => RESOURCES.flatMap((routes) => routes(data));

module.exports = { routesFor };
