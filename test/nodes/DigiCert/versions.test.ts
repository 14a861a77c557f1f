/**
 * The node's two versions through n8n's engine: typeVersion 1 (saved workflows: plain ID fields)
 * runs as before, and typeVersion 1.1 reads its resource locators in each mode, with expressions.
 */
import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { DigiCert } from '../../../nodes/DigiCert/DigiCert.node';
import { registerNodeType } from '../../helpers/engine';
import { fakeData } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../helpers/runOperation';

const server = useFakeCertCentral({ fresh: true });
const { SEED_ORDER_ID, PENDING_REQUEST_ID } = fakeData;
const rl = (mode: string, value: string | number): INodeParameterResourceLocator => ({
	__rl: true,
	mode,
	value,
});

async function run(
	parameters: INodeParameters,
	typeVersion: number,
	items: IDataObject[] = [{}],
	onError?: 'continueRegularOutput',
) {
	return await runDigiCert(server, parameters, {
		input: items,
		node: { typeVersion, ...(onError ? { onError } : {}) },
	});
}
const paths = () => server.requests.map((r) => `${r.method} ${r.path.replace('/services/v2', '')}`);

describe('typeVersion 1.1 resource locators', () => {
	it.each([
		['From List', rl('list', String(SEED_ORDER_ID))],
		['By ID', rl('id', String(SEED_ORDER_ID))],
		['By URL (US page)', rl('url', `https://www.digicert.com/secure/orders/#${SEED_ORDER_ID}`)],
		[
			'By URL (EU page)',
			rl('url', `https://certcentral.digicert.eu/secure/orders/${SEED_ORDER_ID}`),
		],
	])('Get Order %s', async (_mode, orderId) => {
		const result = await run({ resource: 'order', operation: 'get', orderId }, 1.1);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`GET /order/certificate/${SEED_ORDER_ID}`]);
		expect(result.items()[0].json).toMatchObject({ id: SEED_ORDER_ID });
	});

	it('reads expressions in each mode, per item', async () => {
		const items = [{ id: SEED_ORDER_ID }, { id: fakeData.ORDER_WITHOUT_DUPLICATES }];
		for (const orderId of [
			rl('id', '={{ $json.id }}'),
			rl('list', '={{ $json.id }}'),
			rl('url', '={{ "https://www.digicert.com/secure/orders/#" + $json.id }}'),
		]) {
			server.reset();
			const result = await run(
				{ resource: 'order', operation: 'listDuplicates', orderId, options: {} },
				1.1,
				items,
			);
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual(items.map((i) => `GET /order/certificate/${i.id}/duplicate`));
		}
	});

	it('approves a request given by its CertCentral page URL', async () => {
		const requestId = rl(
			'url',
			`https://www.digicert.com/secure/requests/?status=pending#${PENDING_REQUEST_ID}`,
		);
		const result = await run(
			{ resource: 'request', operation: 'approve', requestId, comment: 'ok' },
			1.1,
		);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`PUT /request/${PENDING_REQUEST_ID}/status`]);
	});

	it('downloads the certificate of an order picked from the list', async () => {
		const result = await run(
			{
				resource: 'certificate',
				operation: 'download',
				orderId: rl('list', String(SEED_ORDER_ID)),
			},
			1.1,
		);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`GET /certificate/download/order/${SEED_ORDER_ID}/format/pem_all`]);
	});

	it('a URL that is not a CertCentral page fails that item before anything is sent, saying what a URL looks like', async () => {
		const orderId = rl('url', '={{ $json.url }}');
		const result = await run(
			{ resource: 'order', operation: 'get', orderId },
			1.1,
			[
				{ url: 'https://example.com/orders/1' },
				{ url: `https://www.digicert.com/secure/orders/#${SEED_ORDER_ID}` },
			],
			'continueRegularOutput',
		);
		const [bad, good] = result.items();
		expect(bad.json.error).toBe(
			'Not a CertCentral order URL: use the address of the order\'s page, e.g. https://www.digicert.com/secure/orders/#12345678 (US) or https://certcentral.digicert.eu/secure/orders/#12345678 (EU); it is "https://example.com/orders/1"',
		);
		expect(good.json).toMatchObject({ id: SEED_ORDER_ID });
		expect(paths()).toEqual([`GET /order/certificate/${SEED_ORDER_ID}`]);
	});

	it("an ID that is not one: n8n's own check refuses a typed one, the node one an expression gives; nothing is sent", async () => {
		await expect(
			run({ resource: 'request', operation: 'get', requestId: rl('id', '12/../../user/me') }, 1.1),
		).rejects.toThrow(
			/The 'DigiCert' node has issues:\s+- Request ID is a whole number, e\.g\. 198/,
		);
		const computed = await run(
			{ resource: 'request', operation: 'get', requestId: rl('id', '={{ $json.id }}') },
			1.1,
			[{ id: '12/../../user/me' }],
		);
		expect(computed.error?.message).toBe(
			'Request ID must be a positive whole number, but it is "12/../../user/me"',
		);
		// Get Order's ID mode also takes a thumbprint or serial number, and still refuses a path.
		await expect(
			run({ resource: 'order', operation: 'get', orderId: rl('id', '12/../../user/me') }, 1.1),
		).rejects.toThrow(
			/The 'DigiCert' node has issues:\s+- An order ID \(a whole number\), or the thumbprint or serial number \(hex\) of its certificate/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it("accepts a plain ID where a model or an older workflow puts one (an AI agent's value, a whole-parameter expression)", async () => {
		// As a tool, the model's answer fills the locator's value in its current mode (From List by default).
		for (const requestId of [
			rl('list', PENDING_REQUEST_ID),
			String(PENDING_REQUEST_ID),
			`={{ ${PENDING_REQUEST_ID} }}`,
		]) {
			server.reset();
			const result = await run({ resource: 'request', operation: 'get', requestId }, 1.1);
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual([`GET /request/${PENDING_REQUEST_ID}`]);
		}
	});
});

describe('typeVersion 1 (workflows saved before 1.1) runs unchanged', () => {
	it('plain ID fields, with expressions', async () => {
		const result = await run(
			{ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' },
			1,
			[{ id: PENDING_REQUEST_ID }],
		);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`GET /request/${PENDING_REQUEST_ID}`]);
	});

	it('a node saved with only its Order ID (operation left at its default) still lists duplicates', async () => {
		// n8n saves only parameters that differ from their defaults; typeVersion 1 opened on List Order Duplicates.
		const result = await run({ orderId: String(SEED_ORDER_ID) }, 1);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`GET /order/certificate/${SEED_ORDER_ID}/duplicate`]);
	});
});

describe('Simplify (typeVersion 1.1) and Output (as an AI tool)', () => {
	it("Get Order gives the fields a workflow uses by default, all of DigiCert's with Simplify off, and typeVersion 1 the raw order", async () => {
		const orderId = rl('id', String(SEED_ORDER_ID));
		const simplified = (await run({ resource: 'order', operation: 'get', orderId }, 1.1)).items()[0]
			.json;
		const order = server.data.orders.get(SEED_ORDER_ID);
		expect(simplified).toEqual({
			id: SEED_ORDER_ID,
			common_name: 'example.com',
			dns_names: ['example.com', 'www.example.com'],
			status: 'issued',
			valid_till: order.certificate.valid_till,
			days_remaining: 200,
			// Added by the renewal fields (additive: a workflow's fields keep their values).
			order_valid_till: order.order_valid_till,
			is_renewed: order.is_renewed,
			auto_reissue: order.auto_reissue,
			serial_number: order.certificate.serial_number,
			certificate_id: order.certificate.id,
			product: order.product.name,
			organization: order.organization.display_name ?? order.organization.name,
			division: order.container.name,
		});
		const raw = (
			await run({ resource: 'order', operation: 'get', orderId, simplify: false }, 1.1)
		).items()[0].json;
		expect(raw).toMatchObject({
			id: SEED_ORDER_ID,
			certificate: expect.objectContaining({ common_name: 'example.com' }),
			container: expect.any(Object),
		});
		const version1 = (
			await run({ resource: 'order', operation: 'get', orderId: String(SEED_ORDER_ID) }, 1)
		).items()[0].json;
		expect(version1).toEqual(raw);
	});

	it('Get Many Requests simplifies each request: who asked, for what', async () => {
		const result = await run(
			{ resource: 'request', operation: 'getMany', limit: 3, filters: { status: 'pending' } },
			1.1,
		);
		const items = result.items().map((i) => i.json);
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(
				expect.arrayContaining([
					'id',
					'status',
					'type',
					'date',
					'order_id',
					'common_name',
					'requester',
					'requester_email',
				]),
			);
			expect(item.status).toBe('pending');
			expect(item).not.toHaveProperty('order');
		}
	});

	it("the tool's Output option: selected fields (dots reach into DigiCert's objects), or raw", async () => {
		// n8n shows `@tool` parameters to the node's tool variant, whose type name ends in "Tool".
		const tool = new DigiCert();
		tool.description = { ...tool.description, name: 'digiCertTool' };
		registerNodeType('n8n-nodes-digicert.digiCertTool', tool);
		const runTool = async (parameters: INodeParameters) =>
			await runDigiCert(server, parameters, {
				node: { typeVersion: 1.1, type: 'n8n-nodes-digicert.digiCertTool' },
			});
		const orderId = rl('id', String(SEED_ORDER_ID));
		const simplified = await runTool({ resource: 'order', operation: 'get', orderId });
		expect(simplified.items()[0].json).toMatchObject({
			id: SEED_ORDER_ID,
			common_name: 'example.com',
		});
		const picked = await runTool({
			resource: 'order',
			operation: 'get',
			orderId,
			output: 'fields',
			fields: 'id, certificate.common_name, nope',
		});
		expect(picked.items()[0].json).toEqual({
			id: SEED_ORDER_ID,
			'certificate.common_name': 'example.com',
		});
		const raw = await runTool({ resource: 'order', operation: 'get', orderId, output: 'raw' });
		expect(raw.items()[0].json).toHaveProperty('certificate.common_name', 'example.com');
	});

	it('Get Expiring keeps its soonest-first order and days remaining when simplified', async () => {
		const result = await run({ resource: 'order', operation: 'getExpiring', days: 30 }, 1.1);
		const days = result.items().map((i) => i.json.days_remaining as number);
		expect(days.length).toBeGreaterThan(10);
		expect(days).toEqual([...days].sort((a, b) => a - b));
		expect(result.items()[0].json).not.toHaveProperty('certificate');
	});

	it('a new Get Many Orders gives the orders expiring soonest; typeVersion 1 sends no sort unless one was set', async () => {
		// DigiCert documents no expiry sort: n8n reads every match, sorts, then applies the Limit.
		const newest = await run(
			{ resource: 'order', operation: 'getMany', limit: 5, filters: { status: 'issued' } },
			1.1,
		);
		expect(server.requests.every((r) => r.query.sort === undefined)).toBe(true);
		const tills = newest.items().map((i) => i.json.valid_till as string);
		expect(tills).toHaveLength(5);
		const soonest = [...server.data.orders.values()]
			.filter((o: { status: string }) => o.status === 'issued')
			.map((o: { certificate: { valid_till: string } }) => o.certificate.valid_till)
			.sort()
			.slice(0, 5);
		expect(tills).toEqual(soonest);
		server.reset();
		await run({ resource: 'order', operation: 'getMany', limit: 5 }, 1);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query.sort).toBeUndefined();
		server.reset();
		await run(
			{ resource: 'order', operation: 'getMany', limit: 5, sort: { by: '-date_created' } },
			1.1,
		);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query.sort).toBe('-date_created');
	});

	it('a new Order node opens on Get Many', async () => {
		await run({ resource: 'order', limit: 2, sort: { by: '-date_created' } }, 1.1);
		expect(paths()).toEqual(['GET /order/certificate']);
	});
});
