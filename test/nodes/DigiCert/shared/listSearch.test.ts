/**
 * The resource locators' list searches, called as n8n's editor calls them (a LoadOptionsContext for
 * the node being edited) against the fake CertCentral: one request per search, n8n's pagination
 * token, readable names, links to CertCentral, and the client's redaction and errors.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { SEARCH_PAGE_SIZE } from '../../../../nodes/DigiCert/shared/listSearch';
import {
	digiCertNode,
	loadOptionsContext,
	outboundUrls,
	regionRedirect,
	resetEngineRecords,
} from '../../../helpers/engine';
import { credentialFor, fakeData } from '../../../helpers/fake';
import { startHostileServer } from '../../../helpers/hostileServer';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();
beforeEach(() => resetEngineRecords());

const { listSearch } = new DigiCert().methods;
type SearchName = keyof typeof listSearch;

async function search(
	method: SearchName,
	filter?: string,
	token?: string,
	parameters: INodeParameters = {},
	credentialOverrides = {},
) {
	const node = digiCertNode(
		{ resource: 'order', operation: 'get', ...parameters },
		{ typeVersion: 1.1 },
	);
	const context = loadOptionsContext(node, credentialFor(server, credentialOverrides));
	return await listSearch[method].call(context, filter, token);
}

const orders = (): any[] => server.data.orderSummaries();
const newestFirst = () =>
	[...orders()].sort((a, b) => b.date_created.localeCompare(a.date_created) || a.id - b.id);

describe('Order list search', () => {
	it('one request for one page of orders, newest first, named readably', async () => {
		const result = await search('searchOrders');
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].path).toBe('/services/v2/order/certificate');
		expect(server.requests[0].query).toEqual({
			sort: '-date_created',
			offset: '0',
			limit: String(SEARCH_PAGE_SIZE),
		});
		expect(result.results.map((r) => r.value)).toEqual(
			newestFirst()
				.slice(0, SEARCH_PAGE_SIZE)
				.map((o) => String(o.id)),
		);
		const first = newestFirst()[0];
		expect(result.results[0].name).toBe(
			`${first.certificate.common_name} — order ${first.id}, ${first.status.replace(/_/g, ' ')}` +
				(first.certificate.valid_till ? `, expires ${first.certificate.valid_till}` : ''),
		);
		expect(result.paginationToken).toBe(`orders:${SEARCH_PAGE_SIZE}`);
	});

	it("the next page starts where n8n's token says, and the last page has no token", async () => {
		const second = await search('searchOrders', undefined, `orders:${SEARCH_PAGE_SIZE}`);
		expect(server.requests.map((r) => r.query.offset)).toEqual([String(SEARCH_PAGE_SIZE)]);
		expect(second.results.map((r) => r.value)).toEqual(
			newestFirst()
				.slice(SEARCH_PAGE_SIZE, 2 * SEARCH_PAGE_SIZE)
				.map((o) => String(o.id)),
		);
		const last = await search('searchOrders', undefined, `orders:${orders().length - 3}`);
		expect(last.results).toHaveLength(3);
		expect(last.paginationToken).toBeUndefined();
	});

	it('a token it did not hand out starts from the beginning', async () => {
		await search('searchOrders', undefined, '../../x');
		expect(server.requests[0].query.offset).toBe('0');
	});

	it('searches common names with DigiCert\'s "contains" search, and order numbers by ID', async () => {
		const byName = await search('searchOrders', ' www.example.org ');
		expect(server.requests[0].query['filters[search]']).toBe('%www.example.org');
		expect(byName.results.map((r) => r.value)).toContain(String(fakeData.ORDER_WITHOUT_DUPLICATES));
		server.reset();
		const byId = await search('searchOrders', String(fakeData.SEED_ORDER_ID));
		expect(server.requests[0].query['filters[id]']).toBe(String(fakeData.SEED_ORDER_ID));
		expect(byId.results.map((r) => r.value)).toEqual([String(fakeData.SEED_ORDER_ID)]);
		expect(byId.paginationToken).toBeUndefined();
	});

	it.each([
		['us', 'https://www.digicert.com/secure/orders/#'],
		['eu', 'https://certcentral.digicert.eu/secure/orders/#'],
	])('links each order to its CertCentral page on the %s host', async (region, prefix) => {
		regionRedirect.target = server.baseUrl.replace(/\/services\/v2$/, '');
		const result = await search(
			'searchOrders',
			String(fakeData.SEED_ORDER_ID),
			undefined,
			{},
			{ region, baseUrl: '' },
		);
		expect(result.results[0].url).toBe(`${prefix}${fakeData.SEED_ORDER_ID}`);
	});

	it('gives no link for a custom base URL (a proxy or test server has no CertCentral pages)', async () => {
		const result = await search('searchOrders', String(fakeData.SEED_ORDER_ID));
		expect(result.results[0].url).toBeUndefined();
	});

	it("uses the node's rate-limit and retry settings: a 503 is retried, then the page comes", async () => {
		server.fail({
			times: 1,
			respond: { status: 503, body: { errors: [{ code: 'unavailable', message: 'busy' }] } },
		});
		const result = await search('searchOrders', undefined, undefined, {
			requestOptions: { retryDelay: 0 },
		});
		expect(server.requests).toHaveLength(2);
		expect(result.results).toHaveLength(SEARCH_PAGE_SIZE);
	});

	it("fails with the client's explained, redacted error, and sends the key only to the credential's host", async () => {
		server.fail({
			respond: (r) => ({
				status: 400,
				body: { errors: [{ code: 'bad', message: `echo ${String(r.headers['x-dc-devkey'])}` }] },
			}),
		});
		const failure = await search('searchOrders', 'x', undefined, {
			requestOptions: { maxRetries: 0 },
		}).catch((e: Error) => e);
		expect(failure).toBeInstanceOf(Error);
		expect(JSON.stringify(failure) + String((failure as Error).message)).not.toContain(
			server.apiKey,
		);
		expect(outboundUrls.every((url) => url.startsWith(server.baseUrl))).toBe(true);
	});

	it('does not follow a redirect: the key never reaches the other host, and the message says why', async () => {
		const elsewhere = await startHostileServer();
		try {
			const target = `${elsewhere.origin}/services/v2/order/certificate`;
			server.fail({ respond: { status: 301, headers: { location: target } } });
			const failure = await search('searchOrders', undefined, undefined, {
				requestOptions: { maxRetries: 2, retryDelay: 0 },
			}).catch((e: Error) => e);
			expect(server.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
			expect((failure as Error).message).toBe(
				`DigiCert answered unexpectedly: HTTP 301 with a redirect to ${target}, which is not followed so the API key stays with DigiCert`,
			);
		} finally {
			await elsewhere.close();
		}
	});

	it('refuses invalid node settings before sending anything', async () => {
		await expect(
			search('searchOrders', undefined, undefined, { requestOptions: { rateLimit: 'fast' } }),
		).rejects.toThrow(/Rate Limit/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Certificate list search', () => {
	it("offers each order's certificate by certificate ID, linked to its order's page", async () => {
		const result = await search(
			'searchCertificates',
			String(fakeData.SEED_ORDER_ID),
			undefined,
			{},
			{},
		);
		const order = server.data.orders.get(fakeData.SEED_ORDER_ID) as IDataObject & {
			certificate: IDataObject;
		};
		expect(result.results).toEqual([
			{
				name: `example.com — certificate ${String(order.certificate.id)} of order ${fakeData.SEED_ORDER_ID}, issued, expires ${String(order.certificate.valid_till)}`,
				value: String(order.certificate.id),
			},
		]);
	});
});

describe('Request list search', () => {
	const requests = (): any[] => server.data.requestSummaries();

	it('lists requests waiting for approval first, with common name, type, status and requester', async () => {
		const result = await search('searchRequests');
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'pending',
			offset: '0',
			limit: String(SEARCH_PAGE_SIZE),
		});
		const pending = requests().filter((r) => r.status === 'pending');
		expect(result.results.map((r) => r.value)).toEqual(
			pending.slice(0, SEARCH_PAGE_SIZE).map((r) => String(r.id)),
		);
		const seed = requests().find((r) => r.id === fakeData.PENDING_REQUEST_ID);
		const entry = result.results.find((r) => r.value === String(fakeData.PENDING_REQUEST_ID));
		expect(entry?.name).toBe(
			`${seed.order.certificate.common_name} — request ${seed.id}, new request, pending, by ${seed.requester.first_name} ${seed.requester.last_name}`,
		);
	});

	it('after the last pending page, goes on with the others, leaving out the pending ones already shown', async () => {
		const pendingCount = requests().filter((r) => r.status === 'pending').length;
		const lastPending = await search('searchRequests', undefined, `pending:${pendingCount - 2}`);
		expect(lastPending.results).toHaveLength(2);
		expect(lastPending.paginationToken).toBe('others:0');
		server.reset();
		const others = await search('searchRequests', undefined, 'others:0');
		expect(server.requests[0].query).toEqual({ offset: '0', limit: String(SEARCH_PAGE_SIZE) });
		const firstPage = requests()
			.slice(0, SEARCH_PAGE_SIZE)
			.filter((r) => r.status !== 'pending');
		expect(others.results.map((r) => r.value)).toEqual(firstPage.map((r) => String(r.id)));
		expect(others.paginationToken).toBe(`others:${SEARCH_PAGE_SIZE}`);
	});

	it('searches the common name; with nothing pending it shows the others at once', async () => {
		const result = await search('searchRequests', 'www.example.org');
		expect(server.requests.map((r) => r.query)).toEqual([
			{
				'filters[search]': '%www.example.org',
				'filters[status]': 'pending',
				offset: '0',
				limit: String(SEARCH_PAGE_SIZE),
			},
			{ 'filters[search]': '%www.example.org', offset: '0', limit: String(SEARCH_PAGE_SIZE) },
		]);
		expect(
			result.results.every(
				(r) => r.name.startsWith('www.example.org') || /www\.example\.org/.test(String(r.name)),
			),
		).toBe(true);
	});
});

describe('Domain list search', () => {
	it("lists DigiCert's domains by name (answer shaped like DigiCert's documented one)", async () => {
		server.fail({
			match: (r) => r.path === '/services/v2/domain',
			respond: {
				status: 200,
				body: {
					domains: [
						{
							id: 2345,
							is_active: true,
							name: 'example.com',
							date_created: '2021-03-01T18:32:10+00:00',
							dcv_method: 'dns-txt-token',
						},
						{
							id: 2346,
							is_active: false,
							name: 'example.net',
							date_created: '2021-03-02T18:32:10+00:00',
						},
					],
					page: { total: 2, limit: 50, offset: 0 },
				},
			},
		});
		const result = await search('searchDomains', 'example');
		expect(server.requests[0].query).toEqual({
			'filters[search]': '%example',
			offset: '0',
			limit: String(SEARCH_PAGE_SIZE),
		});
		expect(result).toEqual({
			results: [
				{ name: 'example.com — domain 2345, active', value: '2345' },
				{ name: 'example.net — domain 2346, inactive', value: '2346' },
			],
			paginationToken: undefined,
		});
	});
});

describe("Product list search (Create's Product, typeVersion 1.2)", () => {
	it("one GET /product; the account's TLS products by name, without replaced or non-TLS ones, each with the plans it allows", async () => {
		const result = await search('searchProducts');
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /services/v2/product',
		]);
		expect(result).toEqual({
			results: [
				{
					name: 'Basic EV — ssl_ev_basic, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_ev_basic',
				},
				{
					name: 'Basic OV — ssl_basic, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_basic',
				},
				{
					name: 'GeoTrust DV SSL — ssl_dv_geotrust_flex, plans of 1 year',
					value: 'ssl_dv_geotrust_flex',
				},
				{
					name: 'RapidSSL Standard DV — ssl_dv_rapidssl, plans of 1 year',
					value: 'ssl_dv_rapidssl',
				},
				{
					name: 'RapidSSL Wildcard DV — wildcard_dv_rapidssl, plans of 1 year',
					value: 'wildcard_dv_rapidssl',
				},
				{
					name: 'Secure Site EV — ssl_ev_securesite_flex, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_ev_securesite_flex',
				},
				{
					name: 'Secure Site OV — ssl_securesite_flex, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_securesite_flex',
				},
				{
					name: 'Secure Site Pro EV — ssl_ev_securesite_pro, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_ev_securesite_pro',
				},
				{
					name: 'Secure Site Pro OV — ssl_securesite_pro, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_securesite_pro',
				},
				// ssl_plus, ssl_dv_geotrust (replaced) and code_signing (not TLS) are on the account, not offered.
				{
					name: 'Wildcard SSL — ssl_cloud_wildcard, plans of 1, 2 or 3 years, or until a date',
					value: 'ssl_cloud_wildcard',
				},
			],
		});
	});

	it('the search text matches the name or the ID, in any case', async () => {
		const byName = await search('searchProducts', 'site pro');
		expect(byName.results.map((r) => r.value)).toEqual([
			'ssl_ev_securesite_pro',
			'ssl_securesite_pro',
		]);
		const byId = await search('searchProducts', 'DV_GEOTRUST');
		expect(byId.results.map((r) => r.value)).toEqual(['ssl_dv_geotrust_flex']);
	});

	it("an unreadable product list is a clear error in the editor's list, pointing to By ID", async () => {
		server.fail({
			match: (r) => r.path === '/services/v2/product',
			respond: {
				status: 403,
				body: {
					errors: [{ code: 'access_denied|missing_permission', message: 'Missing permission' }],
				},
			},
		});
		const failure = (await search('searchProducts').catch((e: unknown) => e)) as {
			message: string;
			description: string;
		};
		expect(failure.message).toMatch(/^Could not load the account's products from DigiCert: .+/);
		expect(failure.description).toBe(
			"Switch Product to By ID and type DigiCert's product ID (e.g. ssl_basic), or check that the API key may read products.",
		);
		expect(server.requests).toHaveLength(1);
	});

	it('an answer without a product list says so', async () => {
		server.fail({
			match: (r) => r.path === '/services/v2/product',
			respond: { status: 200, body: { products: 'none' } },
		});
		await expect(search('searchProducts')).rejects.toThrow(
			"Could not load the account's products from DigiCert: DigiCert answered without a product list",
		);
	});
});
