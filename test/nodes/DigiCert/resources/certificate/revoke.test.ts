import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { SUBMITTED_MESSAGE } from '../../../../../nodes/DigiCert/shared/revocationOperation';

// A fresh fake each test: revocations change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const order = (id = ORDER) => server.data.orders.get(id);

describe('Revoke Certificate', () => {
	it('a duplicate by its ID: only it is revoked, the order stays issued', async () => {
		const [orderId, list] = [...server.data.duplicates].find(([, certificates]: [number, any[]]) =>
			certificates.some((c) => c.status === 'issued'),
		)!;
		const duplicate = list.find((c: any) => c.status === 'issued');
		const result = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'certificateId',
			certificateId: String(duplicate.id),
			revocationReason: 'cessation_of_operation',
			skipApproval: true,
		});
		expect(server.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/services/v2/certificate/${duplicate.id}/revoke`,
			body: { revocation_reason: 'cessation_of_operation', skip_approval: true },
		});
		expect(result.items()[0].json).toEqual({
			certificateId: duplicate.id,
			revocationReason: 'cessation_of_operation',
			status: 'revoked',
			waitingForApproval: false,
			submittedForRevocation: true,
			message: SUBMITTED_MESSAGE,
			requestId: null,
		});
		expect(duplicate.status).toBe('revoked');
		expect(order(orderId).status).toBe('issued');
	});

	it("the order's certificate by serial number (with colons), waiting for approval", async () => {
		const serial: string = order().certificate.serial_number;
		const withColons = serial.toLowerCase().match(/../g)!.join(':');
		const result = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'serialNumber',
			serialNumber: withColons,
			revocationReason: 'key_compromise',
			comment: 'leaked',
		});
		expect(server.requests[0].path).toBe(`/services/v2/certificate/${serial}/revoke`);
		expect(result.items()[0].json).toMatchObject({
			serialNumber: serial,
			status: 'pending',
			waitingForApproval: true,
			requestId: expect.any(Number),
		});
		expect(server.data.requests.get(result.items()[0].json.requestId as number)).toMatchObject({
			type: 'revoke',
			comments: 'leaked',
		});
	});

	it('refuses an ID or serial that could change the path, before sending anything', async () => {
		const byId = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'certificateId',
			certificateId: '1/../../order/certificate/1',
			revocationReason: 'superseded',
		});
		expect(byId.error?.message).toMatch(/^Certificate ID must be a positive whole number/);
		const bySerial = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'serialNumber',
			serialNumber: '06?x=1',
			revocationReason: 'superseded',
		});
		expect(bySerial.error?.message).toMatch(/^Serial Number must be a hexadecimal serial number/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a reason or serial number of the wrong type from an expression (object, number), before sending anything', async () => {
		const reason = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'certificateId',
			certificateId: '1',
			revocationReason: '={{ { a: 1 } }}',
		});
		expect(reason.error?.message).toBe(
			'Reason must be one of unspecified, key_compromise, affiliation_changed, superseded, cessation_of_operation, but it is an object {"a":1}',
		);
		const serialObject = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'serialNumber',
			serialNumber: '={{ { a: 1 } }}',
			revocationReason: 'superseded',
		});
		expect(serialObject.error?.message).toBe(
			'Serial Number must be a hexadecimal serial number like 0669D46CAE79EF684A69777490602485, but it is an object {"a":1}',
		);
		const serialNumber = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'serialNumber',
			serialNumber: '={{ 12345 }}',
			revocationReason: 'superseded',
		});
		expect(serialNumber.error?.message).toBe(
			'Serial Number must be a hexadecimal serial number like 0669D46CAE79EF684A69777490602485, but it is 12345',
		);
		expect(server.requests).toHaveLength(0);
	});

	it("a certificate with a pending reissue cannot be revoked (DigiCert's rule), and an unknown one is not found", async () => {
		server.data.setOrderStatus(ORDER, 'reissue_pending');
		const blocked = await runOperation(server, 'certificate', 'revoke', {
			certificateId: order().certificate.id,
			revocationReason: 'superseded',
		});
		expect(blocked.error?.message).toMatch(/pending reissue cannot be revoked/);
		const unknown = await runOperation(server, 'certificate', 'revoke', {
			certificateId: 999999999,
			revocationReason: 'superseded',
		});
		expect(unknown.error?.message).toBe('Certificate 999999999 was not found in DigiCert');
	});
});

describe("Revoke Certificate: DigiCert's 204 means submitted for revocation", () => {
	it("revoking an order's only certificate leaves the order active (DigiCert's default); a typeVersion 1.2 node says submitted", async () => {
		const certificateId = order().certificate.id;
		const result = await runOperation(
			server,
			'certificate',
			'revoke',
			{
				identifyBy: 'certificateId',
				certificateId: String(certificateId),
				revocationReason: 'key_compromise',
				skipApproval: true,
			},
			[{}],
			{ typeVersion: 1.2 },
		);
		expect(result.error).toBeUndefined();
		expect(result.items()[0].json).toMatchObject({
			status: 'submitted',
			submittedForRevocation: true,
			message: SUBMITTED_MESSAGE,
			waitingForApproval: false,
		});
		expect(order().status).toBe('issued');
		expect(order().certificate.status).toBe('revoked');
		// Revoked once is refused the second time.
		const again = await runOperation(server, 'certificate', 'revoke', {
			identifyBy: 'certificateId',
			certificateId: String(certificateId),
			revocationReason: 'key_compromise',
			skipApproval: true,
		});
		expect(again.error?.message).toMatch(/cannot be revoked: its status is revoked/);
	});
});
