// @ts-check
'use strict';
/**
 * The fake CertCentral's data and routes. The documentation's examples (seed-examples.json) are
 * served as they are; generated orders and requests fill lists large enough to page through.
 */
const seeds = require('./seed-examples.json');

/** Order 12345678 is the order of the seed requests; its duplicates are the seed's certificates. */
const SEED_ORDER_ID = 12345678;
const APPROVED_REQUEST_ID = 198;
const PENDING_REQUEST_ID = 199;
/** An order that exists and has no duplicates: DigiCert omits the array. */
const ORDER_WITHOUT_DUPLICATES = 12345679;

const clone = (/** @type {any} */ value) => JSON.parse(JSON.stringify(value));

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

function buildData() {
	/** @type {Map<number, any>} */
	const requests = new Map();
	requests.set(APPROVED_REQUEST_ID, clone(seeds.requestApproved));
	requests.set(PENDING_REQUEST_ID, { ...clone(seeds.requestPending), id: PENDING_REQUEST_ID });

	/** @type {Map<number, any[]>} certificates of each order's duplicates */
	const duplicates = new Map();
	duplicates.set(SEED_ORDER_ID, [...clone(seeds.orderDuplicates.certificates), clone(ARCHIVED_DUPLICATE)]);
	duplicates.set(ORDER_WITHOUT_DUPLICATES, []);

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

	/** @type {Array<{method: string, pattern: RegExp, handle: (m: RegExpExecArray, req: any, data: any) => any}>} */
	const routes = [
		{ method: 'GET', pattern: /^\/user\/me$/, handle: () => ({ status: 200, body: user }) },
		{
			method: 'GET',
			pattern: /^\/order\/certificate\/(\d+)\/duplicate$/,
			handle: (m, req) => {
				const certificates = duplicates.get(Number(m[1]));
				if (certificates === undefined) return notFound('order');
				const shown = req.query.show_archived === 'true' ? certificates : certificates.filter((c) => c.archived !== '1');
				// Like DigiCert, an empty list leaves its array key out.
				return { status: 200, body: shown.length > 0 ? { certificates: shown } : {} };
			},
		},
		{
			method: 'GET',
			pattern: /^\/request\/(\d+)$/,
			handle: (m) => {
				const request = requests.get(Number(m[1]));
				return request ? { status: 200, body: request } : notFound('request');
			},
		},
	];

	return { user, requests, duplicates, routes };
}

function notFound(/** @type {string} */ what) {
	return { status: 404, body: { errors: [{ code: `not_found|${what}`, message: `${what[0].toUpperCase()}${what.slice(1)} not found.` }] } };
}

module.exports = {
	buildData,
	seeds,
	ARCHIVED_DUPLICATE,
	SEED_ORDER_ID,
	ORDER_WITHOUT_DUPLICATES,
	APPROVED_REQUEST_ID,
	PENDING_REQUEST_ID,
};
