/**
 * The end-to-end suite for one n8n major: the built package installed in a real n8n, the shared
 * fake CertCentral, every case of ../cases.ts imported as a workflow and run with `n8n execute`.
 */
import * as path from 'node:path';

import type { N8nHome, N8nMajor } from './n8n';
import { REPO_ROOT, createN8nHome, setupOwner } from './n8n';
import type { FakeCertCentral } from '../../helpers/fake';
import { startFakeCertCentral } from '../../helpers/fake';
import type { HostileServer } from '../../helpers/hostileServer';
import { startHostileServer } from '../../helpers/hostileServer';
import { expectNoKey } from '../../helpers/secrets';
import { MISSING_PERMISSION_403 } from '../../helpers/digiCertAnswers';
import { digiCertCases, exampleCases } from '../cases';
import { WRONG_API_KEY, caseWorkflow, caseWorkflowId, credentialsFor } from './workflows';
import { describeValidationTriggersInRealN8n } from '../validationTriggerCases';
import { describeWebhookTriggerInRealN8n } from '../webhookTriggerCases';

const EXPECTED_VERSION: Record<N8nMajor, RegExp> = { 2: /^2\.41\.1$/, 1: /^1\.123\.\d+$/ };

/** A failed check says how n8n exited and what it printed last, so a failure in CI can be understood from its log. */
function withN8nOutput(
	run: { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string },
	check: () => void,
) {
	try {
		check();
	} catch (error) {
		const tail = (text: string) =>
			text
				.split('\n')
				.filter((line) => line && !line.startsWith(' '))
				.slice(-15)
				.join('\n');
		(error as Error).message +=
			`\n\nn8n execute exited ${run.signal ?? run.code}; its last lines:\n${tail(run.stderr)}\n${tail(run.stdout)}`;
		throw error;
	}
}

export function describeInRealN8n(major: N8nMajor) {
	describe(`in a real n8n ${major}.x`, () => {
		let fake: FakeCertCentral;
		let home: N8nHome;
		let initialRequestStatuses = new Map<number, string>();

		beforeAll(async () => {
			fake = await startFakeCertCentral();
			initialRequestStatuses = new Map(
				[...fake.data.requests].map(([id, request]) => [id, request.status as string]),
			);
			home = await createN8nHome({ major });
			const credentials = credentialsFor(fake);
			await home.importCredential(Object.values(credentials));
			await home.importWorkflow([
				...digiCertCases.map((testCase, index) =>
					caseWorkflow(caseWorkflowId(index), testCase, credentials),
				),
				// An example that runs in several variants is imported once.
				...[...new Set(exampleCases.map((example) => example.file))].map((file) =>
					path.join(REPO_ROOT, 'examples', file),
				),
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

		it.each(digiCertCases.map((testCase, index) => [testCase.name, index] as const))(
			'%s',
			async (_name, index) => {
				digiCertCases[index].prepare?.(fake);
				const run = await home.executeWorkflow(caseWorkflowId(index), {
					env: digiCertCases[index].env,
				});
				withN8nOutput(run, () => {
					expect(run.run).toBeDefined();
					digiCertCases[index].check(run, fake);
				});
				// Whatever a run printed, no API key may be in it.
				expectNoKey(run.stdout + run.stderr, [fake.apiKey, WRONG_API_KEY]);
			},
		);

		const exampleTitle = (example: (typeof exampleCases)[number]) =>
			example.variant ? `${example.file} (${example.variant})` : example.file;
		it.each(exampleCases.map((example) => [exampleTitle(example), example] as const))(
			'example %s, imported unchanged',
			async (_title, example) => {
				// Each example starts from the fake's first state: an example that approves a request must find it
				// pending, even after another (e.g. its typeVersion 1 original) approved it.
				for (const [id, status] of initialRequestStatuses) {
					if (fake.data.requests.get(id)?.status !== status) fake.data.setRequestStatus(id, status);
				}
				example.prepare?.(fake);
				const run = await home.executeWorkflow(example.id);
				withN8nOutput(run, () => {
					expect(run.run).toBeDefined();
					example.check(run, fake);
				});
				expectNoKey(run.stdout + run.stderr, [fake.apiKey, WRONG_API_KEY]);
			},
		);

		// "Test connection" as the editor runs it: POST /rest/credentials/test on a running n8n.
		describe('Test connection', () => {
			const owner = { email: 'owner@example.com', password: 'E2e-test-connection-1' };
			const credential = {
				id: 'testConnection01',
				name: 'DigiCert (Test connection)',
				type: 'digiCertApi',
			};
			let n8n: Awaited<ReturnType<N8nHome['startN8n']>>;
			let cookie: string;
			let thief: HostileServer;

			beforeAll(async () => {
				thief = await startHostileServer((_request, res) => {
					res
						.writeHead(200, { 'content-type': 'application/json' })
						.end('{"id":1,"username":"john.smith"}');
				});
				await home.importCredential({
					...credential,
					data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
				});
				n8n = await home.startN8n();
				({ cookie } = await setupOwner(n8n.url, owner));
			}, 5 * 60_000);

			afterAll(async () => {
				await n8n?.stop();
				await thief?.close();
			});

			async function testConnection(
				apiKey = fake.apiKey,
			): Promise<{ status: string; message: string }> {
				const response = await fetch(`${n8n.url}/rest/credentials/test`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie },
					body: JSON.stringify({
						credentials: {
							...credential,
							data: { region: 'custom', baseUrl: fake.baseUrl, apiKey },
						},
					}),
				});
				expect(response.status).toBe(200);
				return ((await response.json()) as { data: { status: string; message: string } }).data;
			}

			it('succeeds with a good key', async () => {
				await expect(testConnection()).resolves.toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
				expect(fake.requests.map((r) => [r.path, r.headers['x-dc-devkey']])).toEqual([
					['/services/v2/user/me', fake.apiKey],
				]);
			});

			it("tells a key DigiCert rejects from a key whose role does not allow the call (DigiCert's 403 codes)", async () => {
				const rejected = await testConnection(WRONG_API_KEY);
				expect(rejected).toEqual({
					status: 'Error',
					message: expect.stringMatching(/^DigiCert rejected the API key \(HTTP 403\)/),
				});
				fake.fail({
					times: 1,
					respond: MISSING_PERMISSION_403,
				});
				const limited = await testConnection();
				expect(limited).toEqual({
					status: 'Error',
					message: expect.stringMatching(
						/^DigiCert accepted the API key, but the key's user role or the key's restriction/,
					),
				});
				expectNoKey(n8n.log(), [fake.apiKey, WRONG_API_KEY]);
			});

			it('fails on a base URL that redirects, and the key never reaches the redirect target', async () => {
				fake.fail({
					respond: { status: 302, headers: { location: `${thief.origin}/services/v2/user/me` } },
				});
				const result = await testConnection();

				expect(result.status).toBe('Error');
				// n8n 1.x passes every status to the credential's answer rules (it ignores the list of statuses
				// that still fail, which the 403 rules need): the "no user came back" rule names the redirect there.
				expect(result.message).toMatch(
					major === 2
						? /^The base URL redirects \(HTTP 302\)/
						: /a redirect, which Test connection does not follow/,
				);
				expect(fake.requests).toHaveLength(1);
				expect(thief.requests).toEqual([]);
				expectNoKey(n8n.log(), [fake.apiKey, WRONG_API_KEY]);
			});
		});

		describeValidationTriggersInRealN8n(() => ({ fake, home }));
		describeWebhookTriggerInRealN8n(() => ({ fake, home }));
	});
}
