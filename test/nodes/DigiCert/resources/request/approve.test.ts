import { describeRequestDecision } from '../../../../helpers/requestDecisionCases';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

// A fresh fake each test: approving changes its data.
const server = useFakeCertCentral({ fresh: true });

describeRequestDecision(server, 'approve');

describe('Approve', () => {
	it('a request added and approved between runs shows as approved in Get Request', async () => {
		const added = server.data.addRequest();
		await runOperation(server, 'request', 'approve', { requestId: added.id, comment: 'ok' });
		const result = await runOperation(server, 'request', 'get', { requestId: added.id });
		expect(result.items()[0].json).toMatchObject({
			id: added.id,
			status: 'approved',
			processor_comment: 'ok',
		});
	});
});
