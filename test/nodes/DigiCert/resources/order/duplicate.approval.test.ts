import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { API_RSA_CSR } from '../../../../fixtures/csr';

// A fresh fake each test: duplicates change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const order = (id = ORDER) => server.data.orders.get(id);

describe('a duplicate, through approval, in the other operations', () => {
	it("a duplicate, once approved, is issued in List Order Duplicates with the order's end date", async () => {
		const duplicated = await runOperation(server, 'order', 'duplicate', {
			orderId: ORDER,
			csr: API_RSA_CSR,
		});
		await runOperation(server, 'request', 'approve', {
			requestId: duplicated.items()[0].json.requestId as number,
		});
		const list = await runOperation(server, 'order', 'listDuplicates', { orderId: ORDER });
		expect(list.items().at(-1)!.json).toMatchObject({
			common_name: 'api.example.com',
			status: 'issued',
			valid_till: order().certificate.valid_till,
		});
		expect(order().status).toBe('issued');
	});
});
