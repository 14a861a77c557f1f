import type { INodeParameters } from 'n8n-workflow';

import { jsonsOf, pairsOf } from '../../../../helpers/engine';
import { fakeData, seenByServer } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import type { DigiCertRunOptions } from '../../../../helpers/runOperation';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

const { SEED_ORDER_ID, ORDER_WITHOUT_DUPLICATES, ARCHIVED_DUPLICATE } = fakeData;
const seedCertificates = fakeData.seeds.orderDuplicates.certificates;

const listDuplicates = (orderId: unknown, options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'listDuplicates',
	orderId: orderId as string,
	options,
});
/** Runs the node; the API key may appear nowhere in what the run left behind. */
const run = ({ parameters, ...options }: { parameters: INodeParameters } & DigiCertRunOptions) =>
	runDigiCert(server, parameters, { ...options, neverShown: [server.apiKey] });

describe('List Order Duplicates', () => {
	it('outputs one item per duplicate certificate, exactly as DigiCert returns it', async () => {
		const result = await run({
			parameters: listDuplicates('={{ $json.orderId }}'),
			input: [{ orderId: SEED_ORDER_ID }],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
				query: {},
				key: server.apiKey,
			},
		]);
		const items = result.items();
		expect(seedCertificates).toHaveLength(3);
		expect(jsonsOf(items)).toEqual(seedCertificates);
		expect(pairsOf(items)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('outputs no items and no error for an order without duplicates', async () => {
		const result = await run({
			parameters: listDuplicates(String(ORDER_WITHOUT_DUPLICATES)),
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/order/certificate/${ORDER_WITHOUT_DUPLICATES}/duplicate`,
				query: {},
				key: server.apiKey,
			},
		]);
		expect(result.items()).toEqual([]);
	});

	it('sends show_archived=true only when the option is on, and then lists archived duplicates too', async () => {
		const on = await run({
			parameters: listDuplicates(SEED_ORDER_ID, { show_archived: true }),
		});
		expect(on.error).toBeUndefined();
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
				query: { show_archived: 'true' },
				key: server.apiKey,
			},
		]);
		expect(jsonsOf(on.items())).toEqual([...seedCertificates, ARCHIVED_DUPLICATE]);
		expect(pairsOf(on.items())).toEqual(Array(4).fill({ item: 0 }));

		server.reset();
		const off = await run({
			parameters: listDuplicates(SEED_ORDER_ID, { show_archived: false }),
		});
		expect(off.error).toBeUndefined();
		expect(server.requests.map((r) => r.query)).toEqual([{}]);
		expect(jsonsOf(off.items())).toEqual(seedCertificates);
	});

	it('pairs each certificate with the input item of its order', async () => {
		const result = await run({
			parameters: listDuplicates('={{ $json.orderId }}'),
			input: [
				{ orderId: SEED_ORDER_ID },
				{ orderId: ORDER_WITHOUT_DUPLICATES },
				{ orderId: SEED_ORDER_ID },
			],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(3);
		expect(jsonsOf(result.items())).toEqual([...seedCertificates, ...seedCertificates]);
		expect(pairsOf(result.items())).toEqual([0, 0, 0, 2, 2, 2].map((item) => ({ item })));
	});
});
