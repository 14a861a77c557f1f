import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../../../../helpers/fake';
import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

async function getMany(parameters: INodeParameters) {
	return await runDigiCert(server, { resource: 'order', operation: 'getMany', ...parameters });
}

const pages = () =>
	server.requests.map((r: RecordedRequest) => ({ offset: r.query.offset, limit: r.query.limit }));
const allOrders = (): any[] => server.data.orderSummaries();

describe('Get Many Orders', () => {
	it('Return All over 5,000 orders sends exactly 5 requests of 1000 and returns every order once, in order', async () => {
		const result = await getMany({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(fakeData.TOTAL_ORDERS).toBe(5000);
		expect(
			server.requests.every(
				(r) => r.method === 'GET' && r.path === '/services/v2/order/certificate',
			),
		).toBe(true);
		expect(pages()).toEqual(
			[0, 1000, 2000, 3000, 4000].map((offset) => ({ offset: String(offset), limit: '1000' })),
		);
		const items = result.items();
		expect(items.map((i) => i.json)).toEqual(allOrders());
		expect(new Set(items.map((i) => i.json.id)).size).toBe(5000);
	});

	it('Limit 1500 sends two requests, with limits 1000 and 500, and returns exactly the first 1500', async () => {
		const result = await getMany({ limit: 1500 });
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '500' },
		]);
		const ids = result.items().map((i) => i.json.id);
		expect(ids).toEqual(
			allOrders()
				.slice(0, 1500)
				.map((o) => o.id),
		);
	});

	it('items at the page edge (999, 1000, 1001) are each there once', async () => {
		const result = await getMany({ limit: 2001 });
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1000' },
			{ offset: '2000', limit: '1' },
		]);
		const ids = result.items().map((i) => i.json.id);
		const expected = allOrders()
			.slice(0, 2001)
			.map((o) => o.id);
		expect(ids.slice(998, 1002)).toEqual(expected.slice(998, 1002));
		expect(ids.slice(1998)).toEqual(expected.slice(1998));
		expect(ids).toEqual(expected);
	});

	it('does not repeat an order when the list shifts between pages', async () => {
		// DigiCert answers the second page shifted by one (an order was added at the front meanwhile).
		const all = allOrders();
		server.fail({
			match: (r) => r.query.offset === '1000',
			times: 1,
			respond: {
				status: 200,
				body: { orders: all.slice(999, 1999), page: { total: 5000, limit: 1000, offset: 1000 } },
			},
		});
		const result = await getMany({ limit: 2000 });
		const ids = result.items().map((i) => i.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.slice(0, 1999)).toEqual(all.slice(0, 1999).map((o) => o.id));
	});

	it('sends status, common name, product, container, dates and search as DigiCert filters, and sort', async () => {
		await getMany({
			filters: {
				status: 'issued',
				commonName: 'www.example.org',
				productNameId: 'ssl_plus',
				containerId: '5',
				validTillFrom: '2026-01-01T00:00:00',
				validTillTo: '2027-06-30',
				createdFrom: '2018-01-01',
				search: 'example',
			},
			options: { sort: '-date_created' },
		});
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'issued',
			'filters[common_name]': 'www.example.org',
			'filters[product_name_id]': 'ssl_plus',
			'filters[container_id]': '5',
			'filters[valid_till]': '2026-01-01...2027-06-30',
			'filters[date_created]': '2018-01-01...9999-12-31',
			'filters[search]': '%example',
			sort: '-date_created',
			offset: '0',
			limit: '50',
		});
	});

	it('returns exactly the orders a filter selects, across pages', async () => {
		const expected = allOrders().filter((o) => o.status === 'issued');
		expect(expected.length).toBeGreaterThan(2000);
		const result = await getMany({ returnAll: true, filters: { status: 'issued' } });
		expect(server.requests).toHaveLength(Math.ceil(expected.length / 1000));
		expect(result.items().map((i) => i.json.id)).toEqual(expected.map((o) => o.id));
	});

	it('finds one order by its common name', async () => {
		const result = await getMany({ returnAll: true, filters: { commonName: 'www.example.org' } });
		expect(result.items().map((i) => i.json.id)).toEqual([fakeData.ORDER_WITHOUT_DUPLICATES]);
	});

	it('an empty result is no items', async () => {
		const result = await getMany({ returnAll: true, filters: { commonName: 'nothing.invalid' } });
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses a backwards date range, before sending anything', async () => {
		const result = await getMany({
			filters: { validTillFrom: '2027-01-01', validTillTo: '2026-01-01' },
		});
		expect(result.error?.message).toBe(
			'The date range ends (2026-01-01) before it starts (2027-01-01)',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('one-sided date ranges are sent as ranges with a far end, which the fake (like DigiCert) takes', async () => {
		const today = fakeData.isoDate(server.data.now());
		const result = await getMany({
			returnAll: true,
			filters: { status: 'issued', validTillFrom: today },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].query['filters[valid_till]']).toBe(`${today}...9999-12-31`);
		const expected = allOrders().filter(
			(o) => o.status === 'issued' && o.certificate.valid_till >= today,
		);
		expect(result.items().map((i) => i.json.id)).toEqual(expected.map((o) => o.id));
		server.reset();
		const until = await getMany({ returnAll: true, filters: { createdTo: '2019-01-01' } });
		expect(server.requests[0].query['filters[date_created]']).toBe('1970-01-01...2019-01-01');
		expect(
			until
				.items()
				.map((i) => i.json.id)
				.sort(),
		).toEqual([fakeData.SEED_ORDER_ID, fakeData.ORDER_WITHOUT_DUPLICATES].sort());
	});

	it('the fake refuses date filters in forms no source documents (>=, <=), as a marked assumption', async () => {
		for (const form of ['>=2026-01-01', '<=2026-01-01', '2026-01-01']) {
			const res = await fetch(
				`${server.baseUrl}/order/certificate?filters[valid_till]=${encodeURIComponent(form)}`,
				{ headers: { 'X-DC-DEVKEY': server.apiKey } },
			);
			expect(res.status).toBe(400);
			expect(res.headers.get('x-fake-assumed')).toMatch(/undocumented form/);
		}
	});

	it('sends the documented filters for domain name, serial number and organization; each finds what DigiCert says it does', async () => {
		const order = allOrders().find(
			(o) => o.status === 'issued' && o.certificate.dns_names.length > 1,
		);
		const full = server.data.orders.get(order.id);
		const serial = full.certificate.serial_number as string;
		const spaced = serial.match(/../g)!.join(':').toLowerCase();
		const result = await getMany({
			returnAll: true,
			filters: {
				domainName: order.certificate.dns_names[1],
				serialNumber: spaced,
				organizationId: String(full.organization.id),
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].query).toMatchObject({
			'filters[domain_name]': order.certificate.dns_names[1],
			'filters[serial_number]': serial.toUpperCase(),
			'filters[organization_id]': String(full.organization.id),
		});
		expect(result.items().map((i) => i.json.id)).toEqual([order.id]);
	});

	it('refuses a serial number that is not hex, before sending anything', async () => {
		const result = await getMany({ filters: { serialNumber: '12/../x' } });
		expect(result.error?.message).toMatch(
			/^Serial Number must be a certificate serial number in hex/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it("Search matches what DigiCert's search matches (email or common name), not IDs or serial numbers", async () => {
		const order = server.data.orders.get(fakeData.SEED_ORDER_ID);
		const byId = await getMany({ returnAll: true, filters: { search: String(order.id) } });
		expect(byId.items()).toEqual([]);
		const bySerial = await getMany({
			returnAll: true,
			filters: { search: order.certificate.serial_number },
		});
		expect(bySerial.items()).toEqual([]);
		const byName = await getMany({ returnAll: true, filters: { search: 'www.example.org' } });
		expect(byName.items().map((i) => i.json.id)).toEqual([fakeData.ORDER_WITHOUT_DUPLICATES]);
	});

	it.each([
		[
			'valid_till',
			(a: any, b: any) =>
				(a.certificate.valid_till ?? '~').localeCompare(b.certificate.valid_till ?? '~') ||
				a.id - b.id,
		],
		[
			'-valid_till',
			(a: any, b: any) =>
				(b.certificate.valid_till ?? '').localeCompare(a.certificate.valid_till ?? '') ||
				a.id - b.id,
		],
		['-id', (a: any, b: any) => b.id - a.id],
	])(
		'sort %s (not documented by DigiCert) is done by n8n: no sort sent, every match read, then the Limit',
		async (sort, compare) => {
			server.data.listOrder = 'scrambled';
			try {
				const result = await getMany({
					limit: 25,
					filters: { status: 'issued' },
					options: { sort },
				});
				expect(result.error).toBeUndefined();
				expect(server.requests.every((r) => r.query.sort === undefined)).toBe(true);
				const issued = allOrders().filter((o) => o.status === 'issued');
				expect(server.requests).toHaveLength(Math.ceil(issued.length / 1000));
				expect(result.items().map((i) => i.json.id)).toEqual(
					[...issued]
						.sort(compare)
						.slice(0, 25)
						.map((o) => o.id),
				);
			} finally {
				server.data.listOrder = 'id';
			}
		},
	);

	it('sort by creation date is left to DigiCert, and the fake refuses the sorts no source documents', async () => {
		const result = await getMany({ limit: 5, options: { sort: 'date_created' } });
		expect(server.requests[0].query).toMatchObject({ sort: 'date_created', limit: '5' });
		const dates = result.items().map((i) => i.json.date_created as string);
		expect(dates).toEqual([...dates].sort());
		const refused = await fetch(`${server.baseUrl}/order/certificate?sort=valid_till`, {
			headers: { 'X-DC-DEVKEY': server.apiKey },
		});
		expect(refused.status).toBe(400);
		expect(refused.headers.get('x-fake-assumed')).toMatch(/undocumented sort/);
	});
});

describe('Get Many Orders with their duplicate and reissued certificates', () => {
	const listPath = '/services/v2/order/certificate';
	const shownDuplicates = (id: number) =>
		(server.data.duplicates.get(id) ?? []).filter((c: any) => c.archived !== '1');

	it('asks for duplicates only for the orders DigiCert marks has_duplicates: ceil(N / 1000) + D requests', async () => {
		const result = await getMany({ returnAll: true, options: { includeDuplicates: true } });
		expect(result.error).toBeUndefined();
		const orders = allOrders();
		const duplicated = orders.filter((o) => o.has_duplicates === true).map((o) => o.id);
		expect(duplicated.length).toBeGreaterThan(10);
		expect(duplicated.length).toBeLessThan(orders.length / 5);

		const asked = server.requests.filter((r) => r.path !== listPath).map((r) => r.path);
		expect(asked.sort()).toEqual(duplicated.map((id) => `${listPath}/${id}/duplicate`).sort());
		expect(server.requests).toHaveLength(5 + duplicated.length);

		const items = result.items();
		expect(items.map((i) => i.json.id)).toEqual(orders.map((o) => o.id));
		for (const { json } of items) {
			const { duplicate_certificates: certificates, ...order } = json;
			expect(order).toEqual(orders.find((o) => o.id === json.id));
			expect(certificates).toEqual(json.has_duplicates ? shownDuplicates(json.id as number) : []);
		}
		expect(
			items.find((i) => i.json.id === fakeData.SEED_ORDER_ID)?.json.duplicate_certificates,
		).toHaveLength(3);
	});

	it('reissued certificates: one request per order, since the list does not say which orders were reissued', async () => {
		const result = await getMany({ limit: 30, options: { includeReissues: true } });
		const orders = allOrders().slice(0, 30);
		expect(
			server.requests
				.filter((r) => r.path.endsWith('/reissue'))
				.map((r) => r.path)
				.sort(),
		).toEqual(orders.map((o) => `${listPath}/${o.id}/reissue`).sort());
		expect(server.requests.filter((r) => r.path.endsWith('/duplicate'))).toHaveLength(0);
		const items = result.items();
		expect(items.map((i) => i.json.reissued_certificates)).toEqual(
			orders.map((o) => server.data.reissues.get(o.id) ?? []),
		);
		expect(items.some((i) => (i.json.reissued_certificates as unknown[]).length > 0)).toBe(true);
		expect(items.every((i) => i.json.duplicate_certificates === undefined)).toBe(true);
	});

	it('typeVersion 1.1 with Simplify (its default): the certificates asked for stay on the simplified orders', async () => {
		const simplified = async (parameters: INodeParameters) =>
			await runDigiCert(
				server,
				{ resource: 'order', operation: 'getMany', ...parameters },
				{ node: { typeVersion: 1.1 } },
			);
		const withDuplicates = await simplified({
			returnAll: true,
			options: { includeDuplicates: true },
		});
		expect(withDuplicates.error).toBeUndefined();
		const seed = withDuplicates.items().find((i) => i.json.id === fakeData.SEED_ORDER_ID)?.json;
		expect(seed).toMatchObject({
			common_name: expect.any(String),
			certificate_id: expect.any(Number),
		});
		expect(seed?.certificate).toBeUndefined();
		expect(seed?.duplicate_certificates).toEqual(shownDuplicates(fakeData.SEED_ORDER_ID));
		expect(withDuplicates.items().every((i) => Array.isArray(i.json.duplicate_certificates))).toBe(
			true,
		);

		const withReissues = await simplified({ limit: 30, options: { includeReissues: true } });
		expect(withReissues.items()).toHaveLength(30);
		for (const { json } of withReissues.items())
			expect(json.reissued_certificates).toEqual(server.data.reissues.get(json.id as number) ?? []);
		expect(
			withReissues.items().some((i) => (i.json.reissued_certificates as unknown[]).length > 0),
		).toBe(true);
	});

	it('without the options, the order list alone: no other request', async () => {
		const result = await getMany({ limit: 50 });
		expect(server.requests).toHaveLength(1);
		expect(result.items().every((i) => !('duplicate_certificates' in i.json))).toBe(true);
	});

	it("an order ID in DigiCert's list that is not a number never becomes a path", async () => {
		server.fail({
			times: 1,
			match: (r) => r.path === listPath,
			respond: {
				status: 200,
				body: {
					orders: [{ id: '../../user/me', has_duplicates: true }],
					page: { total: 1, limit: 1000, offset: 0 },
				},
			},
		});
		const result = await getMany({ returnAll: true, options: { includeDuplicates: true } });
		expect(result.error?.message).toBe(
			'The order ID in DigiCert\'s list must be a positive whole number, but it is "../../user/me"',
		);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses an option that is not true or false, before sending anything', async () => {
		const result = await getMany({ options: { includeDuplicates: 'yes' } });
		expect(result.error?.message).toBe(
			'Include Duplicate Certificates must be true or false, but it is "yes"',
		);
		expect(server.requests).toHaveLength(0);
	});
});
