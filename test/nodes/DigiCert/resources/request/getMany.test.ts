import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../../../../helpers/fake';
import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

async function getMany(parameters: INodeParameters, input: IDataObject[] = [{}]) {
	return await runDigiCert(
		server,
		{ resource: 'request', operation: 'getMany', ...parameters },
		{ input },
	);
}

const pages = () =>
	server.requests.map((r: RecordedRequest) => ({ offset: r.query.offset, limit: r.query.limit }));
const allRequests = (): any[] => server.data.requestSummaries();

describe('Get Many Requests', () => {
	it('Return All pages through all 2,500 requests 1000 at a time: 3 requests, every request once, in order', async () => {
		const result = await getMany({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(
			server.requests.every((r) => r.method === 'GET' && r.path === '/services/v2/request'),
		).toBe(true);
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1000' },
			{ offset: '2000', limit: '1000' },
		]);
		const items = result.items();
		expect(items).toHaveLength(fakeData.TOTAL_REQUESTS);
		expect(items.map((i) => i.json)).toEqual(allRequests());
		expect(new Set(items.map((i) => i.json.id)).size).toBe(fakeData.TOTAL_REQUESTS);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 50 (the default) sends one request for 50', async () => {
		const result = await getMany({});
		expect(pages()).toEqual([{ offset: '0', limit: '50' }]);
		expect(result.items().map((i) => i.json)).toEqual(allRequests().slice(0, 50));
	});

	it('Limit 1500 sends pages of 1000 and 500 and returns exactly the first 1500', async () => {
		const result = await getMany({ limit: 1500 });
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '500' },
		]);
		expect(result.items().map((i) => i.json.id)).toEqual(
			allRequests()
				.slice(0, 1500)
				.map((r) => r.id),
		);
	});

	it('Limit 1000 is one page; Limit 1001 is a second page of 1, nothing lost or repeated at the edge', async () => {
		await getMany({ limit: 1000 });
		expect(pages()).toEqual([{ offset: '0', limit: '1000' }]);
		server.reset();
		const result = await getMany({ limit: 1001 });
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1' },
		]);
		const ids = result.items().map((i) => i.json.id);
		expect(ids).toEqual(
			allRequests()
				.slice(0, 1001)
				.map((r) => r.id),
		);
		expect(ids[999]).not.toBe(ids[1000]);
	});

	it('a limit above the total returns everything and stops at page.total', async () => {
		const result = await getMany({ limit: 5000 });
		expect(pages()).toEqual([
			{ offset: '0', limit: '1000' },
			{ offset: '1000', limit: '1000' },
			{ offset: '2000', limit: '1000' },
		]);
		expect(result.items()).toHaveLength(fakeData.TOTAL_REQUESTS);
	});

	it('sends the status and type filters as DigiCert query keys and returns exactly the matching requests', async () => {
		const result = await getMany({
			returnAll: true,
			filters: { status: 'pending', type: 'revoke' },
		});
		const expected = allRequests().filter((r) => r.status === 'pending' && r.type === 'revoke');
		expect(expected.length).toBeGreaterThan(10);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'pending',
			'filters[type]': 'revoke',
			offset: '0',
			limit: '1000',
		});
		expect(result.items().map((i) => i.json)).toEqual(expected);
	});

	it('pages through a filtered list larger than a page (pending, ~600) with nothing lost', async () => {
		const expected = allRequests().filter((r) => r.status === 'approved');
		expect(expected.length).toBeGreaterThan(1000);
		const result = await getMany({ returnAll: true, filters: { status: 'approved' } });
		expect(server.requests).toHaveLength(Math.ceil(expected.length / 1000));
		expect(result.items().map((i) => i.json.id)).toEqual(expected.map((r) => r.id));
	});

	it('sends container and search filters (search as "contains")', async () => {
		await getMany({ filters: { containerId: '7', search: 'example.org' } });
		expect(server.requests[0].query).toMatchObject({
			'filters[container_id]': '7',
			'filters[search]': '%example.org',
		});
	});

	it('an empty result (DigiCert leaves the array out) is no items, not an error', async () => {
		server.fail({
			times: 1,
			respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } },
		});
		const result = await getMany({ returnAll: true, filters: { status: 'pending' } });
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses a bad limit or filter before sending anything', async () => {
		let result = await getMany({ limit: '={{ 0 }}' });
		expect(result.error?.message).toMatch(/^Limit must be a whole number from 1, but it is 0/);
		result = await getMany({ filters: { status: '={{ "waiting" }}' } });
		expect(result.error?.message).toBe(
			'Status must be one of approved, pending, rejected, submitted, but it is "waiting"',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('runs once per input item, each item paired with its input', async () => {
		const result = await getMany({ limit: 2, filters: { status: '={{ $json.status }}' } }, [
			{ status: 'pending' },
			{ status: 'rejected' },
		]);
		const items = result.items();
		expect(items.map((i) => [i.json.status, i.pairedItem])).toEqual([
			['pending', { item: 0 }],
			['pending', { item: 0 }],
			['rejected', { item: 1 }],
			['rejected', { item: 1 }],
		]);
	});

	it("Search matches what DigiCert's search matches: the order's common name, not request or order IDs", async () => {
		const request: any = server.data.requests.get(fakeData.APPROVED_REQUEST_ID);
		const run = async (search: string) =>
			(
				await runDigiCert(server, {
					resource: 'request',
					operation: 'getMany',
					returnAll: true,
					filters: { search },
				})
			)
				.items()
				.map((i) => i.json.id);
		expect(await run(String(request.order.id))).toEqual([]);
		expect(await run(String(request.id))).not.toContain(request.id);
		expect(await run(request.order.certificate.common_name)).toContain(request.id);
	});
});
