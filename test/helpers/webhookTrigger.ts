/**
 * Drives the DigiCert Webhook Trigger the way n8n does, in-process, with n8n-core's own contexts:
 * HookContext for the webhookMethods (checkExists, then create when it answers false, as n8n's
 * WebhookService.createWebhookIfNotExists; delete on unpublishing) and WebhookContext for
 * webhook(). Requests reach webhook() over real HTTP on 127.0.0.1 (the URL n8n would give DigiCert),
 * and, as n8n's LiveWebhooks does, each one runs on a Workflow built from the static data as last
 * saved: n8n saves it only after an activation or an execution.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigiCertWebhookTrigger } from '../../nodes/DigiCertWebhookTrigger/DigiCertWebhookTrigger.node';
import { registerNodeType, testAdditionalData, TestNodeTypes } from './engine';

export const WEBHOOK_TRIGGER_TYPE = 'n8n-nodes-digicert.digiCertWebhookTrigger';
const nodeType = new DigiCertWebhookTrigger();
registerNodeType(WEBHOOK_TRIGGER_TYPE, nodeType);

export function webhookTriggerNode(
	parameters: INode['parameters'],
	name = 'DigiCert Webhook Trigger',
): INode {
	return {
		id: `node-${name}`,
		name,
		type: WEBHOOK_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: `hook-${name.replace(/\W/g, '')}`,
		parameters,
		credentials: { digiCertApi: { id: 'cred-1', name: 'DigiCert test' } },
	};
}

/** What the endpoint answered one request, and whether it started an execution. */
export interface Delivery {
	status: number;
	body: unknown;
	started?: INodeExecutionData[];
}

const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;
let counter = 0;

/** One workflow holding the trigger, its n8n "database" (saved static data) and its webhook endpoint. */
export class WebhookTriggerHarness {
	/** The static data as n8n last saved it. */
	saved: IDataObject = {};
	/** Every execution a request started (its items), in order. */
	readonly executions: INodeExecutionData[][] = [];
	/** Every request the endpoint got, with its answer. */
	readonly received: Array<{ path: string; headers: http.IncomingHttpHeaders; answer: Delivery }> =
		[];
	private server?: http.Server;
	private origin = '';
	/** The workflow of "Listen for test event", while it listens. */
	private listening?: Workflow;

	constructor(
		readonly node: INode,
		readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		readonly workflowId = `webhook-workflow-${++counter}`,
	) {}

	async start() {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				void this.handle(req, Buffer.concat(chunks)).then((answer) => {
					this.received.push({ path: req.url ?? '', headers: req.headers, answer });
					res.writeHead(answer.status, { 'content-type': 'application/json' });
					res.end(JSON.stringify(answer.body ?? {}));
				});
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close() {
		this.server?.closeAllConnections();
		await new Promise((resolve) => this.server?.close(resolve));
	}

	get productionUrl() {
		return `${this.origin}/webhook/${this.node.webhookId}/webhook`;
	}

	get testUrl() {
		return `${this.origin}/webhook-test/${this.node.webhookId}/webhook`;
	}

	/** Publishing: checkExists, then create when it said no; the static data saved after, as n8n does. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<{ created: boolean }> {
		const workflow = this.workflow(true);
		const context = this.hookContext(workflow, 'trigger', activation);
		const methods = nodeType.webhookMethods.default;
		let created = false;
		if (!(await methods.checkExists.call(context))) {
			await methods.create.call(context);
			created = true;
		}
		this.save(workflow);
		return { created };
	}

	/** Unpublishing: delete, then the static data saved. */
	async deactivate(): Promise<boolean> {
		const workflow = this.workflow(true);
		const done = await nodeType.webhookMethods.default.delete.call(
			this.hookContext(workflow, 'internal', 'update'),
		);
		this.save(workflow);
		return done;
	}

	/** "Listen for test event": the test webhook registered in manual mode. */
	async listen(): Promise<void> {
		const workflow = this.workflow(false);
		const context = this.hookContext(workflow, 'manual', 'manual');
		this.listening = workflow;
		const methods = nodeType.webhookMethods.default;
		if (!(await methods.checkExists.call(context))) await methods.create.call(context);
	}

	/**
	 * The test webhook removed (the listen ended or timed out): n8n's TestWebhooks calls delete in
	 * mode 'internal' with the test webhook's data, on the workflow's static data as stored.
	 */
	async stopListening(): Promise<boolean> {
		const workflow = this.workflow(false);
		const data = { ...this.webhookData('internal'), isTest: true };
		const context = new HookContext(
			workflow,
			this.node,
			data.workflowExecuteAdditionalData,
			'internal',
			'update',
			data,
		);
		this.listening = undefined;
		return await nodeType.webhookMethods.default.delete.call(context);
	}

	private workflow(active: boolean) {
		return new Workflow({
			id: this.workflowId,
			name: 'Webhook trigger test',
			nodes: [this.node],
			connections: {},
			active,
			nodeTypes: new TestNodeTypes(),
			staticData: copy(this.saved),
			settings: {},
		});
	}

	private additionalData(mode: WorkflowExecuteMode, extra: IDataObject = {}) {
		const hooks = new ExecutionLifecycleHooks(mode, `webhook-${++counter}`, {
			id: this.workflowId,
			name: 'Webhook trigger test',
			nodes: [],
			connections: {},
		} as never);
		return Object.assign(testAdditionalData(this.credentials, hooks, `webhook-${counter}`), {
			webhookBaseUrl: `${this.origin}/webhook`,
			webhookTestBaseUrl: `${this.origin}/webhook-test`,
			...extra,
		});
	}

	private webhookData(mode: WorkflowExecuteMode, extra: IDataObject = {}): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: this.additionalData(mode, extra),
			webhookId: this.node.webhookId,
			isTest: mode === 'manual',
		};
	}

	private hookContext(
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	) {
		const data = this.webhookData(mode);
		return new HookContext(
			workflow,
			this.node,
			data.workflowExecuteAdditionalData,
			mode,
			activation,
			data,
		);
	}

	private save(workflow: Workflow) {
		if (workflow.staticData.__dataChanged === true) {
			workflow.staticData.__dataChanged = false;
			this.saved = copy(workflow.staticData);
		}
	}

	/** As n8n's webhook routes: the production URL on a Workflow from the saved static data, the test URL while listening. */
	private async handle(req: http.IncomingMessage, raw: Buffer): Promise<Delivery> {
		const test = req.url === `/webhook-test/${this.node.webhookId}/webhook`;
		if (!test && req.url !== `/webhook/${this.node.webhookId}/webhook`)
			return { status: 404, body: { message: 'webhook not registered' } };
		if (test && this.listening === undefined)
			return { status: 404, body: { message: 'test webhook not registered' } };
		let body: unknown;
		try {
			body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
		} catch {
			return { status: 400, body: { message: 'invalid JSON' } };
		}
		const answer: Delivery = { status: 200, body: undefined };
		const response = {
			headersSent: false,
			status(code: number) {
				answer.status = code;
				return response;
			},
			json(value: unknown) {
				answer.body = value;
				response.headersSent = true;
				return response;
			},
			send(value: unknown) {
				return response.json(value);
			},
			end() {
				response.headersSent = true;
				return response;
			},
		};
		const request = { body, headers: req.headers, params: {}, query: {}, rawBody: raw };
		const workflow = test ? this.listening! : this.workflow(true);
		const mode = test ? 'manual' : 'webhook';
		const data = this.webhookData(mode, { httpRequest: request, httpResponse: response });
		const context = new WebhookContext(
			workflow,
			this.node,
			data.workflowExecuteAdditionalData,
			mode,
			data,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			return { status: 500, body: { message: (error as Error).message } };
		}
		// A test webhook listens for one request (n8n removes it after).
		if (test) this.listening = undefined;
		if (result.noWebhookResponse) return answer;
		const started = result.workflowData?.[0];
		if (started) {
			this.executions.push(started);
			if (!test) this.save(workflow);
			return { status: 200, body: { message: 'Workflow was started' }, started };
		}
		return { status: 200, body: {} };
	}
}
