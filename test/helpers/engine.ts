/**
 * Runs workflows through n8n's own engine (n8n-core's WorkflowExecute), in-process, with the
 * project's node and credential types: the same path a real n8n takes, minus the database.
 * The only thing replaced is the credential store (the test hands the decrypted credential).
 * Over 300 lines on purpose: the engine needs its node types, credential helper, additional data and
 * log capture set up together, and every engine test and the benchmark share this one setup.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	ILoadOptionsFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';

import { DigiCertApi } from '../../credentials/DigiCertApi.credentials';
import { DigiCert } from '../../nodes/DigiCert/DigiCert.node';

const nodeTypeClasses: Record<string, INodeType> = {
	'n8n-nodes-digicert.digiCert': new DigiCert(),
};

export function registerNodeType(name: string, type: INodeType) {
	nodeTypeClasses[name] = type;
}

const credentialTypes: Record<string, ICredentialType> = { digiCertApi: new DigiCertApi() };

export class TestNodeTypes implements INodeTypes {
	getByName(nodeType: string) {
		return this.lookup(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.lookup(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}

	private lookup(nodeType: string) {
		const type = nodeTypeClasses[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}
}

/** Log lines the engine wrote during a run (tests search them for the API key). */
export const capturedLogs: string[] = [];

function logLine(level: string, message: unknown, metadata: unknown): string {
	let meta: string;
	try {
		meta = JSON.stringify(metadata, (_key, value: unknown) =>
			value instanceof Error
				? { ...value, name: value.name, message: value.message, stack: value.stack }
				: value,
		);
	} catch {
		meta = String(metadata);
	}
	return `${level} ${String(message)} ${meta ?? ''}`;
}

/**
 * Records every log line, at every level (debug included, even when the logger would drop it):
 * what n8n's logger writes (its `log`) and what goes through LoggerProxy, which n8n-core uses.
 * The lines are kept, not printed: the engine logs every expected failure, and hundreds of those
 * would hide a real one. N8N_TEST_LOGS=1 prints them too.
 */
function captureLogs() {
	const print = process.env.N8N_TEST_LOGS === '1';
	const prototype = Logger.prototype as unknown as {
		log(level: string, message: string, metadata: object): void;
	};
	const write = prototype.log;
	prototype.log = function (level, message, metadata) {
		capturedLogs.push(logLine(level, message, metadata));
		if (print) write.call(this, level, message, metadata);
	};
	const logger = Container.get(Logger);
	const proxied =
		(level: 'error' | 'warn' | 'info' | 'debug') =>
		(message: string, meta?: Record<string, unknown>) => {
			capturedLogs.push(logLine(`proxy:${level}`, message, meta));
			logger[level](message, meta);
		};
	LoggerProxy.init({
		error: proxied('error'),
		warn: proxied('warn'),
		info: proxied('info'),
		debug: proxied('debug'),
	});
}
captureLogs();

/**
 * Like n8n's CredentialsHelper: hands out the decrypted credential, and applies the credential
 * type's `authenticate` (a function here) to each request.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	) {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate !== 'function')
			throw new Error(`No function authenticate on ${typeName}`);
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: unknown,
		type: string,
	) {
		const data = this.credentials[type];
		if (!data) throw new Error(`No credential of type ${type} in this test`);
		// A copy, as n8n decrypts anew each time: the node must not rely on mutating it.
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

/**
 * DigiCert's real hosts are not reachable from tests: requests to them are sent to the fake
 * CertCentral instead (like a hosts-file entry), and the URL the node asked for is recorded.
 */
export const regionRedirect: { target?: string; asked: string[]; extraHosts?: string[] } = {
	asked: [],
};
const REAL_HOSTS = ['https://www.digicert.com', 'https://certcentral.digicert.eu'];

/** Every URL n8n's HTTP client was asked for (redirected or not): proves what did, or did not, leave n8n. */
export const outboundUrls: string[] = [];

function installRegionRedirect() {
	const outbound = Container.get(OutboundHttp);
	const original = outbound.requests.bind(outbound);
	outbound.requests = ((...args: Parameters<OutboundHttp['requests']>) => {
		const client = original(...args);
		const request = client.request.bind(client);
		client.request = (async (options: IHttpRequestOptions) => {
			// Declarative requests (the credential test) come as baseURL + relative url.
			const url =
				options.baseURL && !/^[a-z]+:\/\//i.test(options.url)
					? `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`
					: options.url;
			outboundUrls.push(url);
			const host = [...REAL_HOSTS, ...(regionRedirect.extraHosts ?? [])].find((h) =>
				url.startsWith(h + '/'),
			);
			if (host !== undefined && regionRedirect.target) {
				regionRedirect.asked.push(url);
				return await request({
					...options,
					baseURL: undefined,
					url: regionRedirect.target + url.slice(host.length),
				});
			}
			return await request(options);
		}) as typeof client.request;
		return client;
	}) as OutboundHttp['requests'];
}
installRegionRedirect();

/** Forgets what earlier tests recorded (logs, URLs asked for) and any region redirect they set. */
export function resetEngineRecords() {
	capturedLogs.length = 0;
	outboundUrls.length = 0;
	regionRedirect.asked.length = 0;
	regionRedirect.target = undefined;
	regionRedirect.extraHosts = undefined;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** The node's output items (first run, first output). */
	items(nodeName?: string): INodeExecutionData[];
	/** The error the run stopped with, if any. */
	error: IRun['data']['resultData']['error'];
	taskData(nodeName?: string): ITaskData | undefined;
}

/** What n8n hands the engine besides the workflow: the test credentials, hooks, and this instance's URLs. */
export function testAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/**
 * Runs `nodes` (connected in a chain, in the order given) and returns the run.
 * The first node is usually `manualTrigger(items)`, which feeds the given items.
 */
export async function runWorkflow(nodes: INode[], options: RunOptions = {}): Promise<RunResult> {
	const connections: Workflow['connectionsBySourceNode'] = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(),
		settings: {},
	});
	const executionId = String(++executionCounter);
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name ?? 'Test',
		nodes,
		connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = testAdditionalData(options.credentials ?? {}, hooks, executionId);

	const start = nodes[0];
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	const last = nodes[nodes.length - 1].name;
	const taskData = (name = last) => run.data.resultData.runData[name]?.[0];
	return {
		run,
		error: run.data.resultData.error,
		taskData,
		items: (name = last) => taskData(name)?.data?.main?.[0] ?? [],
	};
}

/** A Code-free source of items: a Manual Trigger followed by a node that emits `items`. */
export const ITEMS_NODE_TYPE = 'test.items';
registerNodeType(ITEMS_NODE_TYPE, {
	description: {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits the items in its parameter',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	},
	async execute() {
		const raw = this.getNodeParameter('items', 0) as string;
		return [(JSON.parse(raw) as IDataObject[]).map((json) => ({ json }))];
	},
} as INodeType);

registerNodeType('test.start', {
	description: {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Starts the test workflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [[{ json: {} }]];
	},
} as INodeType);

/** The output items' `pairedItem`s, in order: which input item each came from. */
export const pairsOf = (items: INodeExecutionData[]) => items.map((item) => item.pairedItem);
/** The output items' `json`s, in order. */
export const jsonsOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** The nodes that feed `items` into the node under test. */
export function inputNodes(items: IDataObject[]): INode[] {
	return [
		{
			id: 'start',
			name: 'Start',
			type: 'test.start',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'items',
			name: 'Items',
			type: ITEMS_NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(items) },
		},
	];
}

/** The DigiCert node under test, with its parameters and the test credential reference. */
export function digiCertNode(parameters: INode['parameters'], extra: Partial<INode> = {}): INode {
	return {
		id: 'digicert',
		name: 'DigiCert',
		type: 'n8n-nodes-digicert.digiCert',
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { digiCertApi: { id: 'cred-1', name: 'DigiCert test' } },
		...extra,
	};
}

/**
 * The context n8n gives a node's list search (`methods.listSearch`) while the editor shows `node`:
 * what n8n's DynamicNodeParametersService builds, with the node's current parameters.
 */
export function loadOptionsContext(
	node: INode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	path = 'parameters.orderId',
): ILoadOptionsFunctions {
	const workflow = new Workflow({
		id: 'test-load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'load-options', {} as never);
	const additionalData = testAdditionalData(credentials, hooks, 'load-options');
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, path);
}
