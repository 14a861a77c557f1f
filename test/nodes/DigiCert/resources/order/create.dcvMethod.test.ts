import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR } from '../../../../fixtures/csr';

// Create's DCV Method option: the order waits for DCV, and the answer says what to publish.
const server = useFakeCertCentral({ fresh: true });

describe('Create: DCV Method', () => {
	it('Create sends dcv_method and outputs the DNS record; the order is issued only after DCV', async () => {
		const result = await runOperation(server, 'order', 'create', {
			product: 'ssl_dv_geotrust',
			csr: NEW_CSR,
			options: { dcvMethod: 'dns-txt-token', skipApproval: true },
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({ dcv_method: 'dns-txt-token' });
		const item = result.items()[0].json;
		expect(item.dcvRecords).toEqual([
			expect.objectContaining({ type: 'TXT', name: '_dnsauth.new.example.com' }),
		]);
		expect(server.data.orders.get(item.orderId as number).status).toBe('pending');
	});
});
