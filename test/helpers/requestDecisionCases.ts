import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeCertCentral } from './fake';
import { fakeData } from './fake';
import { runOperation } from './runOperation';

/**
 * The tests Approve and Reject share (both are DigiCert's Update request status): each operation's
 * test file, test/nodes/DigiCert/resources/request/<operation>.test.ts, runs them for itself.
 * `server` must be a fresh fake each test (`useFakeCertCentral({ fresh: true })`): they change its data.
 */
export function describeRequestDecision(server: FakeCertCentral, operation: 'approve' | 'reject') {
	const status = operation === 'approve' ? 'approved' : 'rejected';
	const run = async (parameters: INodeParameters, input: IDataObject[] = [{}], node = {}) =>
		await runOperation(server, 'request', operation, parameters, input, node);
	const pendingIds = (): number[] =>
		[...server.data.requests.values()]
			.filter((r: any) => r.status === 'pending')
			.map((r: any) => r.id);

	describe(`${operation}: what Approve and Reject share`, () => {
		it(`sends PUT /request/{id}/status with {status: "${status}", processor_comment}, handles the 204, and outputs {requestId, status}`, async () => {
			const id = fakeData.PENDING_REQUEST_ID;
			const result = await run(
				{ requestId: '={{ $json.id }}', comment: '={{ "by " + $json.who }}' },
				[{ id, who: 'alice' }],
			);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			const sent = server.requests[0];
			expect(sent).toMatchObject({ method: 'PUT', path: `/services/v2/request/${id}/status` });
			expect(sent.body).toEqual({ status, processor_comment: 'by alice' });
			expect(sent.headers['content-type']).toMatch(/^application\/json/);
			expect(result.items()).toEqual([
				{ json: { requestId: id, status }, pairedItem: { item: 0 } },
			]);
			// DigiCert now shows it processed.
			expect(server.data.requests.get(id)).toMatchObject({
				status,
				processor_comment: 'by alice',
				date_processed: expect.any(String),
			});
		});

		it('sends an empty comment when none is given', async () => {
			await run({ requestId: fakeData.PENDING_REQUEST_ID });
			expect(server.requests[0].body).toEqual({ status, processor_comment: '' });
		});

		it('processes many items, each output paired with its own input', async () => {
			const ids = pendingIds().slice(0, 25);
			const result = await run(
				{ requestId: '={{ $json.id }}', comment: 'bulk' },
				ids.map((id) => ({ id })),
			);
			expect(result.error).toBeUndefined();
			expect(server.requests.map((r) => r.path).sort()).toEqual(
				ids.map((id) => `/services/v2/request/${id}/status`).sort(),
			);
			expect(result.items()).toEqual(
				ids.map((id, item) => ({ json: { requestId: id, status }, pairedItem: { item } })),
			);
		});

		it("fails with DigiCert's message when the request is not pending", async () => {
			const result = await run({ requestId: fakeData.APPROVED_REQUEST_ID });
			expect(result.error?.message).toBe(
				`Request ${fakeData.APPROVED_REQUEST_ID} cannot be ${status}: its status is approved, and only pending requests can be approved or rejected.`,
			);
			expect((result.error as { httpCode?: string }).httpCode).toBe('400');
			expect(server.data.requests.get(fakeData.APPROVED_REQUEST_ID).status).toBe('approved');
		});

		it('keeps the API key out of the run, its items and its errors', async () => {
			const ok = await run({ requestId: fakeData.PENDING_REQUEST_ID, comment: 'fine' });
			const failed = await run({ requestId: fakeData.APPROVED_REQUEST_ID });
			expect(failed.error).toBeDefined();
			for (const result of [ok, failed])
				expect(JSON.stringify(result.run)).not.toContain(server.apiKey);
		});

		it('says an unknown request was not found', async () => {
			const result = await run({ requestId: 424242 });
			expect(result.error?.message).toBe('Request 424242 was not found in DigiCert');
		});

		it('with Continue On Fail, a non-pending request is an error item and the others are processed', async () => {
			const result = await run(
				{ requestId: '={{ $json.id }}' },
				[{ id: fakeData.PENDING_REQUEST_ID }, { id: fakeData.APPROVED_REQUEST_ID }],
				{ onError: 'continueRegularOutput' },
			);
			const items = result.items();
			expect(items[0]).toEqual({
				json: { requestId: fakeData.PENDING_REQUEST_ID, status },
				pairedItem: { item: 0 },
			});
			expect(items[1].json.error).toMatch(/only pending requests/);
			expect(items[1].pairedItem).toEqual({ item: 1 });
		});

		it('refuses a request ID that is not a number before sending anything', async () => {
			const result = await run({ requestId: '199/../../user/me' });
			expect(result.error?.message).toBe(
				'Request ID must be a positive whole number, but it is "199/../../user/me"',
			);
			expect(server.requests).toHaveLength(0);
		});
	});
}
