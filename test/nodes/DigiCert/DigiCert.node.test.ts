import { digiCertNode, inputNodes, runWorkflow } from '../../helpers/engine';
import type { FakeCertCentral } from '../../helpers/fake';
import { credentialFor, fakeData, startFakeCertCentral } from '../../helpers/fake';

let server: FakeCertCentral;
beforeAll(async () => {
	server = await startFakeCertCentral();
});
afterAll(async () => await server.close());
beforeEach(() => server.reset());

describe('Get Request', () => {
	it('sends GET /request/{id} with the key and outputs the request object', async () => {
		const result = await runWorkflow(
			[...inputNodes([{ id: 198 }]), digiCertNode({ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' })],
			{ credentials: credentialFor(server) },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/services/v2/request/198' });
		expect(server.requests[0].headers['x-dc-devkey']).toBe(server.apiKey);
		const items = result.items();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual(fakeData.seeds.requestApproved);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
