import type { INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { describeRequestDecision } from '../../../../helpers/requestDecisionCases';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

// A fresh fake each test: rejecting changes its data.
const server = useFakeCertCentral({ fresh: true });

async function reject(parameters: INodeParameters, typeVersion: number) {
	return await runDigiCert(
		server,
		{
			resource: 'request',
			operation: 'reject',
			requestId: fakeData.PENDING_REQUEST_ID,
			...parameters,
		},
		{ node: { typeVersion } },
	);
}

describeRequestDecision(server, 'reject');

describe('Reject', () => {
	// DigiCert's Update request status takes processor_comment as optional; from typeVersion 1.1 the
	// node asks for the reason. n8n refuses an empty field itself; an expression that gives nothing
	// or blanks passes n8n's check, and must not reach DigiCert.
	it.each([1.1, 1.2])(
		'typeVersion %s refuses a comment expression that gives nothing or blanks, before sending anything',
		async (typeVersion) => {
			for (const comment of ['={{ "  " }}', '={{ $json.missing }}', '={{ null }}']) {
				const result = await reject({ comment }, typeVersion);
				expect(result.error?.message).toBe(
					'Comment is required to reject: give the reason the requester will see (an expression that gives nothing counts as none)',
				);
				expect(result.error?.description).toContain('no request was sent');
			}
			expect(server.requests).toHaveLength(0);
		},
	);

	it('typeVersion 1 still rejects without a comment, as saved workflows did', async () => {
		const result = await reject({}, 1);
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toEqual({ status: 'rejected', processor_comment: '' });
	});

	it('typeVersion 1.1 sends the reason given', async () => {
		const result = await reject({ comment: 'Not our domain' }, 1.1);
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toEqual({
			status: 'rejected',
			processor_comment: 'Not our domain',
		});
	});

	it('a batch that DigiCert refuses at one item names the requests already rejected', async () => {
		const ids = [...server.data.requests.values()]
			.filter((r: { status: string }) => r.status === 'pending')
			.slice(0, 3)
			.map((r: { id: number }) => r.id);
		server.fail({
			match: (r) => r.path.endsWith(`/request/${ids[1]}/status`),
			respond: { status: 400, body: { errors: [{ code: 'invalid_request', message: 'No.' }] } },
		});
		const result = await runDigiCert(
			server,
			{ resource: 'request', operation: 'reject', requestId: '={{ $json.id }}', comment: 'No' },
			{ input: ids.map((id) => ({ id })), node: { typeVersion: 1.1 } },
		);
		expect(server.requests).toHaveLength(3);
		expect(result.error?.message).toBe('No.');
		expect(result.error?.description).toContain(
			`DigiCert made the changes of 2 other items: item 0 (requestId ${ids[0]}); item 2 (requestId ${ids[2]}).`,
		);
		expect(server.data.requests.get(ids[0]).status).toBe('rejected');
	});
});
