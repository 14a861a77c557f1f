/**
 * "Test connection" as n8n does it for a credential with a `test.request` (n8n's CredentialsTester,
 * packages/cli/src/services/credentials-tester.service.ts, request branch): a throw-away node type
 * whose only property routes the credential's test request, run by n8n-core's RoutingNode with an
 * ExecuteContext and the decrypted credential, and the same mapping of the outcome to OK / Error.
 * What differs from a real n8n: the credential comes straight from the test (no database, no
 * defaults/overwrites step: pass every field), the base node type is a stand-in for
 * n8n-nodes-base.noOp, and additionalData holds only what RoutingNode reads. Checked against a real
 * n8n 2.41.1 (POST /rest/credentials/test): the same verdicts and messages.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { DigiCertApi } from '../../credentials/DigiCertApi.credentials';
import { TestCredentialsHelper, TestNodeTypes, registerNodeType } from './engine';

const CREDENTIAL_TYPE = 'digiCertApi';

/** Stands in for n8n-nodes-base.noOp, which n8n uses when the test request names no node type. */
const noOpDescription: INodeType['description'] = {
	displayName: 'No Operation, do nothing',
	name: 'credentialTestNoOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

interface CauseWithResponse {
	cause?: { response?: { status?: number; statusText?: string }; code?: string };
	message: string;
}

/** Runs the credential's test request the way n8n's "Test connection" does and returns its verdict. */
export async function testConnection(
	data: ICredentialDataDecryptedObject,
	testRequest: ICredentialTestRequest = new DigiCertApi().test,
): Promise<INodeCredentialTestResult & { response?: INodeExecutionData[][] | null }> {
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'cred-1',
		name: 'DigiCert test',
		type: CREDENTIAL_TYPE,
		data,
	};

	const nodeTypeCopy: INodeType = {
		description: {
			...noOpDescription,
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	registerNodeType(nodeTypeCopy.description.name, nodeTypeCopy);

	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeTypeCopy.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: {
			[CREDENTIAL_TYPE]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { runData: {} },
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: data }),
		variables: {},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	} as unknown as IWorkflowExecuteAdditionalData;
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		// n8n's mapping: responseCode rules, then any non-2xx (its status text), then a network code.
		const error = caught as CauseWithResponse;
		if (error.cause?.response) {
			const statusCode = error.cause.response.status ?? 0;
			const statusMessage = error.cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusMessage || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>(
				(at, key) => (at as Record<string, unknown> | undefined)?.[key],
				response?.[0][0].json,
			);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!', response };
}
