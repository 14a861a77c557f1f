/**
 * The end-to-end suite for one n8n major: the built package installed in a real n8n, the shared
 * fake CertCentral, every case of ../cases.ts imported as a workflow and run with `n8n execute`.
 */
import * as path from 'node:path';

import type { N8nHome, N8nMajor } from './n8n';
import { REPO_ROOT, createN8nHome } from './n8n';
import type { FakeCertCentral } from '../../helpers/fake';
import { startFakeCertCentral } from '../../helpers/fake';
import { digiCertCases, exampleCases } from '../cases';
import { WRONG_API_KEY, caseWorkflow, caseWorkflowId, credentialsFor } from './workflows';

const EXPECTED_VERSION: Record<N8nMajor, RegExp> = { 2: /^2\.41\.1$/, 1: /^1\.123\.\d+$/ };

export function describeInRealN8n(major: N8nMajor) {
	describe(`in a real n8n ${major}.x`, () => {
		let fake: FakeCertCentral;
		let home: N8nHome;
		let initialRequestStatuses = new Map<number, string>();

		beforeAll(async () => {
			fake = await startFakeCertCentral();
			initialRequestStatuses = new Map([...fake.data.requests].map(([id, request]) => [id, request.status as string]));
			home = await createN8nHome({ major });
			const credentials = credentialsFor(fake);
			await home.importCredential(Object.values(credentials));
			await home.importWorkflow([
				...digiCertCases.map((testCase, index) => caseWorkflow(caseWorkflowId(index), testCase, credentials)),
				...exampleCases.map((example) => path.join(REPO_ROOT, 'examples', example.file)),
			]);
		}, 20 * 60_000);

		afterAll(async () => {
			await fake?.close();
			await home?.cleanup();
		});

		beforeEach(() => fake.reset());

		it('is the pinned n8n version', () => {
			expect(home.n8n.version).toMatch(EXPECTED_VERSION[major]);
		});

		/** Whatever a run printed, no API key may be in it. */
		function expectNoKeyIn(output: string) {
			expect(output).not.toContain(fake.apiKey);
			expect(output).not.toContain(WRONG_API_KEY);
		}

		it.each(digiCertCases.map((testCase, index) => [testCase.name, index] as const))('%s', async (_name, index) => {
			const run = await home.executeWorkflow(caseWorkflowId(index), { env: digiCertCases[index].env });
			expect(run.run).toBeDefined();
			digiCertCases[index].check(run, fake);
			expectNoKeyIn(run.stdout + run.stderr);
		});

		it.each(exampleCases.map((example) => [example.file, example] as const))('example %s, imported unchanged', async (_file, example) => {
			// Each example starts from the fake's first state: an example that approves a request must find it
			// pending, even after another (e.g. its typeVersion 1 original) approved it.
			for (const [id, status] of initialRequestStatuses) {
				if (fake.data.requests.get(id)?.status !== status) fake.data.setRequestStatus(id, status);
			}
			const run = await home.executeWorkflow(example.id);
			expect(run.run).toBeDefined();
			example.check(run, fake);
			expectNoKeyIn(run.stdout + run.stderr);
		});
	});
}
