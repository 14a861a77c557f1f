/**
 * Builds the small workflows the end-to-end cases run: a Manual Trigger, optionally a Code node
 * that emits the case's input items, then one DigiCert node — with the published type name, as a
 * user's exported workflow has it.
 */
import { randomUUID } from 'node:crypto';

import type { ExecuteResult } from './n8n';
import { CREDENTIAL_TYPE, NODE_TYPE, PACKAGE_NAME } from './n8n';
import type { FakeCertCentral } from '../../helpers/fake';

/** The credentials every e2e home gets; a case names one by its key. */
export const WRONG_API_KEY = 'dc-wrong-key-e2e-4b8d1f6a';
export const credentialsFor = (fake: FakeCertCentral) => ({
	sandbox: {
		id: 'e2eSandboxCred01',
		name: 'DigiCert sandbox',
		data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
	},
	wrongKey: {
		id: 'e2eWrongKeyCred1',
		name: 'DigiCert wrong key',
		data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: WRONG_API_KEY },
	},
});
export type CredentialName = keyof ReturnType<typeof credentialsFor>;

/** The DigiCert node's name in every case workflow. */
export const DIGICERT = 'DigiCert';

export interface DigiCertCase {
	name: string;
	/** The DigiCert node's parameters (resource, operation, fields; expressions read the input items). */
	parameters: Record<string, unknown>;
	/** Items fed into the DigiCert node; one empty item (the trigger's) when absent. */
	input?: Array<Record<string, unknown>>;
	credential?: CredentialName;
	/** The DigiCert node's typeVersion; 1 (what saved workflows have) when absent. */
	typeVersion?: number;
	/** Extra environment for the n8n process that runs the case, e.g. its time zone (TZ, GENERIC_TIMEZONE). */
	env?: Record<string, string>;
	/** Sets the fake up just before the run (a fault, a DNS record in place …); the fake is reset after every case. */
	prepare?: (fake: FakeCertCentral) => void;
	/** The node's "On Error" setting. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Assertions on the run (`run.items(DIGICERT)`, `run.ok`, …) and on what reached the fake. */
	check: (run: ExecuteResult, fake: FakeCertCentral) => void;
}

/** Workflow IDs must be ≤ 21 characters and unique in the home. */
export const caseWorkflowId = (index: number) => `e2eCase${String(index).padStart(3, '0')}`;

export function caseWorkflow(
	id: string,
	testCase: DigiCertCase,
	credentialIds: Record<CredentialName, { id: string; name: string }>,
) {
	const credential = credentialIds[testCase.credential ?? 'sandbox'];
	const trigger = {
		id: `${id}-t`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const inputNode = testCase.input && {
		id: `${id}-i`,
		name: 'Input',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: `return ${JSON.stringify(testCase.input)}.map((json) => ({ json }));` },
	};
	const digiCert = {
		id: `${id}-d`,
		name: DIGICERT,
		type: NODE_TYPE,
		typeVersion: testCase.typeVersion ?? 1,
		position: [400, 0],
		parameters: testCase.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		...(testCase.onError ? { onError: testCase.onError } : {}),
	};
	const chain = inputNode ? [trigger, inputNode, digiCert] : [trigger, digiCert];
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((node, i) => [
				node.name,
				{ main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] },
			]),
	);
	return {
		id,
		name: `e2e: ${testCase.name}`.slice(0, 120),
		nodes: chain,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * DigiCert Trigger (polled every minute, with `triggerParameters`) → one DigiCert node named `nodeName`
 * with `nodeParameters`: what the trigger tests in a running n8n (e2e, queue mode) activate.
 */
export function triggerThenDigiCert(
	name: string,
	triggerParameters: Record<string, unknown>,
	nodeName: string,
	nodeParameters: Record<string, unknown>,
	credential: { id: string; name: string },
) {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'DigiCert Trigger',
				type: `${PACKAGE_NAME}.digiCertTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { ...triggerParameters, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { digiCertApi: credential },
			},
			{
				id: randomUUID(),
				name: nodeName,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: nodeParameters,
				credentials: { digiCertApi: credential },
			},
		],
		connections: { 'DigiCert Trigger': { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
