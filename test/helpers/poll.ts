/**
 * Drives a polling trigger the way n8n does, in-process: n8n-core's PollContext (the `this` of
 * `poll()`), run by n8n-core's PollTriggerExecutor (the code n8n's active-workflow machinery calls on
 * activation and on every scheduled poll), with the node type loaded as n8n's DirectoryLoader loads
 * it (which adds the Poll Times parameter). The workflow's static data is "saved" when n8n would
 * save it (after the activation poll, and when a poll emits), so `restart()` starts a new Workflow
 * from exactly what a real n8n would have in its database.
 */
import { Container } from '@n8n/di';
import {
	DirectoryLoader,
	ExecutionLifecycleHooks,
	PollContext,
	PollTriggerExecutor,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigiCertTrigger } from '../../nodes/DigiCertTrigger/DigiCertTrigger.node';
import { registerNodeType, testAdditionalData, TestNodeTypes } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-digicert.digiCertTrigger';

/** The trigger type as n8n loads it: DirectoryLoader adds the common polling parameters (Poll Times). */
function loadedTriggerType(): INodeType {
	const type = new DigiCertTrigger();
	(
		DirectoryLoader.prototype as unknown as { applySpecialNodeParameters(t: INodeType): void }
	).applySpecialNodeParameters.call(undefined, type);
	return type;
}
registerNodeType(TRIGGER_TYPE, loadedTriggerType());

/** The DigiCert Trigger node with these parameters and the test credential reference. */
export function triggerNode(parameters: INode['parameters'], typeVersion = 1): INode {
	return {
		id: 'digicert-trigger',
		name: 'DigiCert Trigger',
		type: TRIGGER_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { digiCertApi: { id: 'cred-1', name: 'DigiCert test' } },
	};
}

export interface PollResult {
	/** The items the poll emitted (the data a workflow run would start with), or undefined when it emitted nothing. */
	emitted?: INodeExecutionData[];
	/** The error the poll reported to n8n (a failed poll), if any. */
	error?: Error;
}

let executionCounter = 0;

function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	workflow: Workflow,
	mode: WorkflowExecuteMode,
) {
	const executionId = `poll-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: [],
		connections: {},
	} as never);
	return testAdditionalData(credentials, hooks, executionId);
}

/** A deep, plain copy of the workflow's static data, as n8n stores it (JSON). */
function serialize(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/**
 * One active workflow holding the trigger node. `activate()` runs the activation poll, `poll()` a
 * scheduled one; `restart()` is n8n starting again: a new Workflow from the saved static data.
 */
export class ActiveTrigger {
	readonly workflow: Workflow;

	/** The static data as last saved to n8n's "database". */
	saved: IDataObject;

	constructor(
		readonly node: INode,
		readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		staticData: IDataObject = {},
	) {
		this.saved = serialize(staticData);
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes(),
			staticData: serialize(staticData),
			settings: {},
		});
	}

	/** The activation poll (n8n runs one when a workflow is activated, or started again with n8n). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollResult> {
		const result = await this.run(true, activation);
		this.save();
		return result;
	}

	/** A scheduled poll (what the Poll Times schedule runs). */
	async poll(): Promise<PollResult> {
		return await this.run(false, 'activate');
	}

	/**
	 * A manual test run ("Fetch Test Event"), as n8n-core's WorkflowExecute.executePollNode does it:
	 * a PollContext in manual mode, then `poll()` directly. Returns what the node returned.
	 */
	async manual(): Promise<INodeExecutionData[][] | null> {
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalDataFor(this.credentials, this.workflow, 'manual'),
			'manual',
			'manual',
		);
		const type = this.workflow.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		return await type.poll!.call(context);
	}

	/** Another worker (or n8n's durable poll cursors) picks up: a new Workflow from the static data in memory now. */
	handOver(): ActiveTrigger {
		return new ActiveTrigger(this.node, this.credentials, serialize(this.workflow.staticData));
	}

	/** n8n started again: a new Workflow from the saved static data (what was not saved is lost). */
	restart(): ActiveTrigger {
		return new ActiveTrigger(this.node, this.credentials, this.saved);
	}

	/** The node's part of the workflow's static data, now (in memory). */
	nodeStaticData(): IDataObject {
		return serialize(this.workflow.getStaticData('node', this.node));
	}

	/** Like WorkflowStaticDataService.saveStaticData: writes only when something changed. */
	private save() {
		if (this.workflow.staticData.__dataChanged === true) {
			this.saved = serialize(this.workflow.staticData);
			this.workflow.staticData.__dataChanged = false;
		}
	}

	private async run(
		testingTrigger: boolean,
		activation: WorkflowActivateMode,
	): Promise<PollResult> {
		const result: PollResult = {};
		const additionalData = additionalDataFor(this.credentials, this.workflow, 'trigger');
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			'trigger',
			activation,
			(data: INodeExecutionData[][]) => {
				// n8n saves the static data, then starts a run with the emitted items.
				this.save();
				result.emitted = data[0];
			},
			(error: Error) => {
				result.error = error;
			},
		);
		const executePoll = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			context,
			() => true,
		);
		try {
			await executePoll(testingTrigger);
		} catch (error) {
			// The activation poll's errors are thrown (they fail the activation), later ones are emitted.
			result.error = error as Error;
		}
		return result;
	}
}
