import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapBounded } from '../../common/concurrency';
import { CDN_ADVICE } from '../../common/errors';
import { isChange } from '../../common/retry';
import { DigiCertClient, provesNotActed } from '../../common/transport';
import type { DigiCertRequest, ParameterReader } from '../../common/types';
import { isObject } from '../../common/types';
import { locatorId } from './locators';
import type { DigiCertOperation, DigiCertResource, OperationTools, RunMemo } from './operation';
import type { OutputChoice } from './output';
import { readOutputChoice, shapeOutput } from './output';
import { UnexpectedAnswerError } from './operation';
import { readTransportOptions } from './requestOptions';

/** Requests in flight at once: enough to hide latency, few enough to be polite to DigiCert. */
export const CONCURRENCY = 10;

export function findOperation(
	resources: DigiCertResource[],
	resource: string,
	operation: string,
): DigiCertOperation {
	const found = resources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.value === operation);
	if (found === undefined)
		throw new Error(`The operation "${operation}" is not known for resource "${resource}"`);
	return found;
}

function unexpectedShape(node: INode, itemIndex: number): NodeApiError {
	return new NodeApiError(node, {} as JsonObject, {
		message: 'DigiCert answered with data of an unexpected shape',
		description: `The answer was not the JSON object this operation expects. ${CDN_ADVICE}`,
		itemIndex,
	});
}

/**
 * The operation's output as items paired with the input item. Only a file download builds whole
 * items (json and binary) itself; any other output is DigiCert's data, wrapped as `json` even when it
 * has `json` or `binary` keys of its own, so an answer can never choose an item's json or binary.
 */
function toExecutionData(
	output: IDataObject[] | INodeExecutionData[],
	itemIndex: number,
	buildsItems: boolean,
): INodeExecutionData[] {
	// An answer of the wrong shape (empty, a bare string, a list of numbers) must not become a broken item.
	if (!Array.isArray(output) || !output.every(isObject)) throw new UnexpectedAnswerError();
	return buildsItems
		? output.map((entry) => ({
				...(entry as INodeExecutionData),
				pairedItem: { item: itemIndex },
			}))
		: output.map((entry) => ({ json: entry as IDataObject, pairedItem: { item: itemIndex } }));
}

/**
 * What leaves the node is one of n8n's own errors, which keep the HTTP details and the item for the
 * UI. A message of our own may quote what an expression produced, even the key itself: redacted.
 */
function asNodeError(
	node: INode,
	error: unknown,
	redact: (text: string) => string,
	options: { itemIndex: number; description?: string },
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof UnexpectedAnswerError) return unexpectedShape(node, options.itemIndex);
	return new NodeOperationError(
		node,
		redact(error instanceof Error ? error.message : String(error)),
		options,
	);
}

/** One item's parameters, read and checked, and the request they make. */
interface Prepared {
	parameters: IDataObject;
	outputChoice: OutputChoice | undefined;
	request: DigiCertRequest;
}

type NodeError = NodeApiError | NodeOperationError;

/** What became of one item of a batch of changes, for the report when the batch stops. */
type ChangeOutcome =
	| { kind: 'made'; output: INodeExecutionData[] }
	/** The change may have been made (a 5xx, a cut connection, an unreadable answer to a done change). */
	| { kind: 'unsure'; error: NodeError }
	/** DigiCert refused it, or it never reached DigiCert: nothing changed. */
	| { kind: 'refused'; error: NodeError };

/** A value that cannot be changed by whoever reads it (so one copy may serve every item). */
const isPlain = (value: unknown) => value === null || typeof value !== 'object';

/** Whether a raw parameter value (or anything in it) is an n8n expression, resolved per item. */
function holdsExpression(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (raw === null || typeof raw !== 'object') return false;
	return Object.values(raw).some(holdsExpression);
}

/**
 * The changes each run of a node made or may have made, by item, for n8n's Retry On Fail: n8n
 * calls `execute` again with the same execute data, and a change must not be sent twice. Kept
 * only while the run's execute data lives (the execution), and only when Retry On Fail is on.
 */
const changesOfRun = new WeakMap<object, Map<number, EarlierChange>>();

/** A change an earlier try made (its output), or may have made (what its error said). */
type EarlierChange =
	| { kind: 'made'; output: INodeExecutionData[] }
	| { kind: 'unsure'; message: string; description: string };

function rememberedChanges(context: IExecuteFunctions): Map<number, EarlierChange> | undefined {
	if (context.getNode().retryOnFail !== true) return undefined;
	const run = context.getExecuteData?.();
	if (typeof run !== 'object' || run === null) return undefined;
	let changes = changesOfRun.get(run);
	if (changes === undefined) changesOfRun.set(run, (changes = new Map()));
	return changes;
}

/** An earlier try's change that may have been made: not sent again, and the message says why. */
function notSentAgain(
	node: INode,
	itemIndex: number,
	earlier: { message: string; description: string },
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Retry On Fail is on: this change was not sent again, as the node's earlier try may have made it (${earlier.message})`,
		{
			itemIndex,
			description:
				`n8n ran the node again after a failure; this item's change was sent on the earlier try and may have been made, so it was not sent a second time. ${earlier.description} Check CertCentral before running this item again. Turn off the node's Settings > Retry On Fail so a change is tried once.`.replace(
					/ {2,}/g,
					' ',
				),
		},
	);
}

/** The most items a batch report names in each list: enough to act on, bounded for the error. */
const MAX_LISTED = 50;

/** "item 0 (orderId 101, requestId 201)": an item and the IDs in its output, for a user to find it. */
function describeMade(itemIndex: number, output: INodeExecutionData[]): string {
	const ids = output.flatMap(({ json }) =>
		Object.entries(json)
			.filter(
				([key, value]) =>
					/Id$/.test(key) && (typeof value === 'number' || typeof value === 'string'),
			)
			.map(([key, value]) => `${key} ${String(value)}`),
	);
	return ids.length > 0 ? `item ${itemIndex} (${ids.join(', ')})` : `item ${itemIndex}`;
}

function listed(entries: string[], separator = '; '): string {
	const shown = entries.slice(0, MAX_LISTED).join(separator);
	return entries.length > MAX_LISTED ? `${shown}; and ${entries.length - MAX_LISTED} more` : shown;
}

/**
 * The error a batch of changes stops with: the failing item's, with what became of every other
 * item, so the user knows which changes DigiCert made before running the items again.
 */
function batchError(
	failed: { itemIndex: number; error: NodeError },
	outcomes: Array<ChangeOutcome | undefined>,
	redact: (text: string) => string,
): NodeError {
	if (outcomes.length <= 1) return failed.error;
	const made: string[] = [];
	const unsure: string[] = [];
	const refused: number[] = [];
	const unsent: number[] = [];
	// A loop, not forEach: the items never sent are holes in `outcomes`.
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (itemIndex === failed.itemIndex) continue;
		if (outcome === undefined) unsent.push(itemIndex);
		else if (outcome.kind === 'made') made.push(describeMade(itemIndex, outcome.output));
		else if (outcome.kind === 'unsure') unsure.push(`item ${itemIndex} (${outcome.error.message})`);
		else refused.push(itemIndex);
	}
	const items = (indexes: number[]) => listed(indexes.map(String), ', ');
	const report = [
		`The node stopped at item ${failed.itemIndex}; no item's result is output.`,
		made.length > 0
			? `DigiCert made the changes of ${made.length} other item${made.length === 1 ? '' : 's'}: ${listed(made)}.`
			: unsure.length > 0
				? ''
				: "No other item's change was made.",
		unsure.length > 0 ? `These may have been made (check CertCentral): ${listed(unsure)}.` : '',
		refused.length > 0 ? `Refused, nothing changed: items ${items(refused)}.` : '',
		unsent.length > 0 ? `Not sent: items ${items(unsent)}.` : '',
		made.length + unsure.length > 0
			? "Before running again, take the items DigiCert changed out of the input (and check those that may have been changed), so nothing is done twice; or set the node's Settings > On Error to Continue, so every item gets its own result."
			: '',
	]
		.filter(Boolean)
		.join(' ');
	const description = redact(`${failed.error.description ?? ''} ${report}`.trim());
	failed.error.description = description;
	return failed.error;
}

/**
 * The one executor behind every operation: reads the credential once, reads and checks every
 * item's parameters before anything is sent, keeps a bounded number of requests in flight, and
 * writes each item's results back at its input position, paired with it. With "On Error: Continue"
 * a failing item becomes an error item. Changes (any request but a GET) are never sent twice: a
 * batch that fails stops sending and names every change it made, and a change an earlier try of
 * n8n's Retry On Fail may have made is not sent again.
 */
export async function executeOperation(
	this: IExecuteFunctions,
	resources: DigiCertResource[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	let operation: DigiCertOperation;
	try {
		operation = findOperation(resources, resource, operationName);
	} catch (error) {
		throw new NodeOperationError(node, error as Error);
	}
	const client = await DigiCertClient.connect(this, readTransportOptions(this));
	const continueOnFail = this.continueOnFail();
	const redact = (text: string) => client.redact(text);
	const tools = (itemIndex: number): OperationTools => ({
		send: async (next) =>
			next.paginate
				? await client.sendPaginated(next, itemIndex)
				: await client.send(next, itemIndex),
		containsSecret: (text) => client.containsSecret(text),
	});
	// A resource locator's value ({mode, value}) is read as the ID it names, so operations see an ID in both versions.
	const locators = new Map(
		operation.properties.filter((p) => p.type === 'resourceLocator').map((p) => [p.name, p]),
	);

	// A parameter without an expression is the same for every item: n8n resolves and checks it once.
	const sameForAll = new Map<string, unknown>();
	// Parameters set by an expression, read for every item (looked up once, not walked per item).
	const perItem = new Set<string>();
	// n8n's check of a value against the node's properties finds nothing to check in this node (no
	// property declares a validateType) but walks them all: the operation checks every value itself.
	const asRead = { skipValidation: true };
	const readAt = <T>(name: string, itemIndex: number, fallback?: T): T => {
		const value = this.getNodeParameter(name, itemIndex, fallback, asRead);
		const locator = locators.get(name);
		return (locator === undefined ? value : locatorId(value, locator)) as T;
	};

	const prepare = (itemIndex: number): Prepared | NodeError => {
		try {
			const read: ParameterReader = <T>(name: string, fallback?: T) => {
				if (perItem.has(name)) return readAt<T>(name, itemIndex, fallback);
				const key = `${name}\u0000${String(fallback)}`;
				if (sameForAll.has(key)) return sameForAll.get(key) as T;
				const resolved = readAt<T>(name, itemIndex, fallback);
				// A path into a collection ("options.x") is not looked at here: read per item.
				if (name.includes('.') || holdsExpression(node.parameters[name])) perItem.add(name);
				else if (isPlain(resolved)) sameForAll.set(key, resolved);
				return resolved;
			};
			const parameters = operation.readParameters(read, { typeVersion: node.typeVersion });
			const outputChoice = operation.output ? readOutputChoice(read) : undefined;
			return { parameters, outputChoice, request: operation.request(parameters) };
		} catch (error) {
			return asNodeError(node, error, redact, {
				itemIndex,
				description: `Fix the parameter (or the expression that sets it) and run again; no request was sent${continueOnFail ? ' for this item' : ''}.`,
			});
		}
	};
	const prepared = items.map((_item, itemIndex) => prepare(itemIndex));
	const isError = (entry: Prepared | NodeError): entry is NodeError =>
		entry instanceof NodeApiError || entry instanceof NodeOperationError;
	if (!continueOnFail) {
		const invalid = prepared.find(isError);
		if (invalid !== undefined) throw invalid;
	}
	const changes = prepared.some((entry) => !isError(entry) && isChange(entry.request.method));
	const earlierTries = changes ? rememberedChanges(this) : undefined;
	const outcomes: Array<ChangeOutcome | undefined> = new Array(items.length);
	let stopped = false;
	const remembered = new Map<string, Promise<unknown>>();
	const runMemo: RunMemo = {
		once: <T>(key: string, read: () => Promise<T>) => {
			if (!remembered.has(key)) remembered.set(key, read());
			return remembered.get(key) as Promise<T>;
		},
	};

	const run = async (
		{ parameters: checked, outputChoice, request: planned }: Prepared,
		itemIndex: number,
		sending: () => void,
		sent: () => void,
	): Promise<INodeExecutionData[]> => {
		const itemTools = tools(itemIndex);
		const { send } = itemTools;
		// Completing the parameters (read-only GETs) may change the request; nothing is changed yet.
		const parameters = operation.prepare
			? await operation.prepare(checked, send, runMemo).catch((error: unknown) => {
					// Items preparing alongside see the batch stopped before they send (see NOT_STARTED).
					if (isChange(planned.method) && !continueOnFail) stopped = true;
					return Promise.reject(error);
				})
			: checked;
		const request = operation.prepare ? operation.request(parameters) : planned;
		// Another item failed while this one was preparing: a failed batch starts no more changes.
		if (stopped) throw NOT_STARTED;
		sending();
		const response = request.paginate
			? await client.sendPaginated(request, itemIndex)
			: await client.send(request, itemIndex);
		sent();
		// An answer to a change that cannot be read means the change was probably made: the client says so.
		const output = await client.readAnswer(request, response, itemIndex, async () =>
			toExecutionData(
				await operation.toItems(response, parameters, this, itemTools),
				itemIndex,
				request.binary === true,
			),
		);
		const { simplify } = operation.output ?? {};
		// Raw output is the answer as it came: no second item per element (Return All makes thousands).
		return outputChoice === undefined || simplify === undefined || outputChoice.mode === 'raw'
			? output
			: output.map((item) => ({
					...item,
					json: shapeOutput(item.json, outputChoice, simplify, Date.now()),
				}));
	};

	const results = await mapBounded(items, CONCURRENCY, async (_item, itemIndex) => {
		const entry = prepared[itemIndex];
		if (isError(entry)) return errorItems(entry, itemIndex);
		// A batch of changes that failed starts no more (its error names what was made).
		if (stopped) return [];
		const earlier = earlierTries?.get(itemIndex);
		if (earlier?.kind === 'made') {
			outcomes[itemIndex] = earlier;
			return earlier.output;
		}
		const change = isChange(entry.request.method);
		let reachedSend = false;
		let made = false;
		try {
			if (earlier?.kind === 'unsure') throw notSentAgain(node, itemIndex, earlier);
			const output = await run(
				entry,
				itemIndex,
				() => (reachedSend = true),
				() => (made = true),
			);
			if (change) outcomes[itemIndex] = { kind: 'made', output };
			return output;
		} catch (caught) {
			if (caught === NOT_STARTED) return [];
			const error = asNodeError(node, caught, redact, { itemIndex });
			if (change) {
				// Sent and answered yes (then its answer failed), or failed in a way DigiCert may have acted on.
				const unsure = made || earlier !== undefined || (reachedSend && !provesNotActed(caught));
				outcomes[itemIndex] = { kind: unsure ? 'unsure' : 'refused', error };
			}
			if (continueOnFail) return errorItems(error, itemIndex);
			if (!changes) throw error;
			stopped = true;
			return [];
		} finally {
			// Remembered for a later try as they are now (the first try's words), before any batch report.
			const outcome = outcomes[itemIndex];
			if (earlier === undefined && outcome?.kind === 'made') earlierTries?.set(itemIndex, outcome);
			if (earlier === undefined && outcome?.kind === 'unsure')
				earlierTries?.set(itemIndex, {
					kind: 'unsure',
					message: outcome.error.message,
					description: outcome.error.description ?? '',
				});
		}
	});
	if (stopped) {
		// The earliest failure leads, as a sequential run would have stopped there.
		const itemIndex = outcomes.findIndex(
			(outcome) => outcome !== undefined && outcome.kind !== 'made',
		);
		const { error } = outcomes[itemIndex] as { error: NodeError };
		throw batchError({ itemIndex, error }, outcomes, redact);
	}
	return [results.flat()];
}

/** Thrown by an item whose batch failed while it prepared: it is reported as not sent. */
const NOT_STARTED = Symbol('not started');

/**
 * A failed item's output with "On Error: Continue": only these keys (n8n's error, message,
 * details), as with "Continue (using error output)" n8n sends an item to the error output only
 * when its json has no other key.
 */
function errorItems(error: NodeError, itemIndex: number): INodeExecutionData[] {
	const description = error.description;
	return [
		{
			json: { error: error.message, ...(description ? { details: description } : {}) },
			pairedItem: { item: itemIndex },
		},
	];
}
