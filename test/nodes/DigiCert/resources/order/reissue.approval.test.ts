import type { IDataObject } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { API_RSA_CSR, WWW_CSR, oneLineCsr } from '../../../../fixtures/csr';

// A fresh fake each test: reissues change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const order = (id = ORDER) => server.data.orders.get(id);

describe('a reissue, through approval, in the other operations', () => {
	it('is pending in List Order Reissues, then approved it gives the order a new certificate ID that Get Order and Download see', async () => {
		const before = structuredClone(order().certificate);
		const reissued = await runOperation(server, 'order', 'reissue', {
			orderId: ORDER,
			csr: WWW_CSR,
		});
		const { requestId } = reissued.items()[0].json as { requestId: number };
		expect(order().status).toBe('reissue_pending');

		const pending = await runOperation(server, 'order', 'listReissues', { orderId: ORDER });
		const newCertificate = pending.items().at(-1)!.json;
		expect(newCertificate).toMatchObject({
			status: 'pending',
			common_name: 'www.example.com',
			csr: oneLineCsr(WWW_CSR),
		});
		expect(newCertificate.id).not.toBe(before.id);

		await runOperation(server, 'request', 'approve', { requestId, comment: 'ok' });
		const issued = await runOperation(server, 'order', 'listReissues', { orderId: ORDER });
		expect(issued.items().at(-1)!.json).toMatchObject({
			id: newCertificate.id,
			status: 'issued',
			serial_number: expect.any(String),
		});
		const got = await runOperation(server, 'order', 'get', { orderId: ORDER });
		expect(got.items()[0].json).toMatchObject({
			status: 'issued',
			certificate: { id: newCertificate.id, common_name: 'www.example.com' },
		});
		expect((got.items()[0].json.certificate as IDataObject).serial_number).not.toBe(
			before.serial_number,
		);
	});

	it('with Skip Approval is issued at once and the answer carries the new certificate ID', async () => {
		const result = await runOperation(server, 'order', 'reissue', {
			orderId: ORDER,
			csr: WWW_CSR,
			options: { skipApproval: true },
		});
		expect(server.requests[0].body).toMatchObject({ skip_approval: true });
		const item = result.items()[0].json;
		expect(item).toMatchObject({
			orderId: ORDER,
			status: 'approved',
			certificateId: expect.any(Number),
		});
		expect(order().certificate.id).toBe(item.certificateId);
	});

	it('a second reissue while one is pending is refused by DigiCert', async () => {
		await runOperation(server, 'order', 'reissue', { orderId: ORDER, csr: WWW_CSR });
		const second = await runOperation(server, 'order', 'reissue', {
			orderId: ORDER,
			csr: API_RSA_CSR,
		});
		expect(second.error?.message).toBe(`Order ${ORDER} already has a pending reissue.`);
	});
});
