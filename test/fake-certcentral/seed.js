// @ts-check
'use strict';
/**
 * The fake CertCentral's seed: the fixed data every run starts from (pure data, no state). The
 * documentation's examples (seed-examples.json) are served as they are; generated.js fills the lists
 * from these, and store.js keeps and changes the state.
 */
const seeds = require('./seed-examples.json');
const { clone } = require('./common');

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

/** The API key's user (GET /user/me); a fresh copy for each store, which a test may change. */
const user = () => ({
	id: 14,
	username: 'john.smith',
	account_id: 5432,
	first_name: 'John',
	last_name: 'Smith',
	email: 'john.smith@digicert.com',
	status: 'active',
	container: { id: 5, name: 'History Department' },
	access_roles: [{ id: 1, name: 'Administrator' }],
});

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

module.exports = {
	seeds,
	SEED_ORDER_ID,
	APPROVED_REQUEST_ID,
	PENDING_REQUEST_ID,
	ORDER_WITHOUT_DUPLICATES,
	TOTAL_ORDERS,
	TOTAL_REQUESTS,
	FIRST_ORDER_ID,
	FIRST_CERTIFICATE_ID,
	FIRST_REQUEST_ID,
	ORDER_STATUSES,
	OTHER_ORDER_STATUSES,
	REQUEST_STATUSES,
	REQUEST_TYPES,
	PRODUCTS,
	CONTAINERS,
	ORGANIZATIONS,
	DOMAINS,
	HOSTS,
	PEOPLE,
	user,
	ARCHIVED_DUPLICATE,
};
