/**
 * The node's two versions through n8n's engine: typeVersion 1 (saved workflows: plain ID fields)
 * runs as before, and typeVersion 1.1 reads its resource locators in each mode, with expressions.
 */
import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from '../../helpers/engine';
import { credentialFor, fakeData } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';

const server = useFakeCertCentral({ fresh: true });
const { SEED_ORDER_ID, PENDING_REQUEST_ID } = fakeData;
const rl = (mode: string, value: string | number): INodeParameterResourceLocator => ({ __rl: true, mode, value });

async function run(parameters: INodeParameters, typeVersion: number, items: IDataObject[] = [{}], onError?: 'continueRegularOutput') {
	return await runWorkflow([...inputNodes(items), digiCertNode(parameters, { typeVersion, ...(onError ? { onError } : {}) })], {
		credentials: credentialFor(server),
	});
}
const paths = () => server.requests.map((r) => `${r.method} ${r.path.replace('/services/v2', '')}`);

describe('typeVersion 1.1 resource locators', () => {
	it.each([
		['From List', rl('list', String(SEED_ORDER_ID))],
		['By ID', rl('id', String(SEED_ORDER_ID))],
		['By URL (US page)', rl('url', `https://www.digicert.com/secure/orders/#${SEED_ORDER_ID}`)],
		['By URL (EU page)', rl('url', `https://certcentral.digicert.eu/secure/orders/${SEED_ORDER_ID}`)],
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
			const result = await run({ resource: 'order', operation: 'listDuplicates', orderId, options: {} }, 1.1, items);
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual(items.map((i) => `GET /order/certificate/${i.id}/duplicate`));
		}
	});

	it('approves a request given by its CertCentral page URL', async () => {
		const requestId = rl('url', `https://www.digicert.com/secure/requests/?status=pending#${PENDING_REQUEST_ID}`);
		const result = await run({ resource: 'request', operation: 'approve', requestId, comment: 'ok' }, 1.1);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`PUT /request/${PENDING_REQUEST_ID}/status`]);
	});

	it("downloads the certificate of an order picked from the list", async () => {
		const result = await run({ resource: 'certificate', operation: 'download', orderId: rl('list', String(SEED_ORDER_ID)) }, 1.1);
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`GET /certificate/download/order/${SEED_ORDER_ID}/format/pem_all`]);
	});

	it('a URL that is not a CertCentral page fails that item before anything is sent, saying what a URL looks like', async () => {
		const orderId = rl('url', '={{ $json.url }}');
		const result = await run(
			{ resource: 'order', operation: 'get', orderId },
			1.1,
			[{ url: 'https://example.com/orders/1' }, { url: `https://www.digicert.com/secure/orders/#${SEED_ORDER_ID}` }],
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
		await expect(run({ resource: 'request', operation: 'get', requestId: rl('id', '12/../../user/me') }, 1.1)).rejects.toThrow(
			/The 'DigiCert' node has issues:\s+- Request ID is a whole number, e\.g\. 198/,
		);
		const computed = await run({ resource: 'request', operation: 'get', requestId: rl('id', '={{ $json.id }}') }, 1.1, [{ id: '12/../../user/me' }]);
		expect(computed.error?.message).toBe('Request ID must be a positive whole number, but it is "12/../../user/me"');
		// Get Order's ID mode also takes a thumbprint or serial number, and still refuses a path.
		await expect(run({ resource: 'order', operation: 'get', orderId: rl('id', '12/../../user/me') }, 1.1)).rejects.toThrow(
			/The 'DigiCert' node has issues:\s+- An order ID \(a whole number\), or the thumbprint or serial number \(hex\) of its certificate/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it("accepts a plain ID where a model or an older workflow puts one (an AI agent's value, a whole-parameter expression)", async () => {
		// As a tool, the model's answer fills the locator's value in its current mode (From List by default).
		for (const requestId of [rl('list', PENDING_REQUEST_ID), String(PENDING_REQUEST_ID), `={{ ${PENDING_REQUEST_ID} }}`]) {
			server.reset();
			const result = await run({ resource: 'request', operation: 'get', requestId }, 1.1);
			expect(result.error).toBeUndefined();
			expect(paths()).toEqual([`GET /request/${PENDING_REQUEST_ID}`]);
		}
	});
});

describe('typeVersion 1 (workflows saved before 1.1) runs unchanged', () => {
	it('plain ID fields, with expressions', async () => {
		const result = await run({ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' }, 1, [{ id: PENDING_REQUEST_ID }]);
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
