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
import { DigiCertClient } from '../../common/transport';
import type { DigiCertRequest, ParameterReader } from '../../common/types';
import { isObject } from '../../common/types';
import { locatorId } from './locators';
import type { DigiCertOperation, DigiCertResource } from './operation';
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
	return output.map((entry) => ({
		...((buildsItems ? entry : { json: entry }) as INodeExecutionData),
		pairedItem: { item: itemIndex },
	}));
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

/** A value that cannot be changed by whoever reads it (so one copy may serve every item). */
const isPlain = (value: unknown) => value === null || typeof value !== 'object';

/** Whether a raw parameter value (or anything in it) is an n8n expression, resolved per item. */
function holdsExpression(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (raw === null || typeof raw !== 'object') return false;
	return Object.values(raw).some(holdsExpression);
}

/**
 * The one executor behind every operation: reads the credential once, reads each parameter once per
 * item, keeps a bounded number of requests in flight, and writes each item's results back at its
 * input position, paired with it. With "On Error: Continue" a failing item becomes an error item.
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
	const results: INodeExecutionData[][] = new Array(items.length);
	// A resource locator's value ({mode, value}) is read as the ID it names, so operations see an ID in both versions.
	const locators = new Map(
		operation.properties.filter((p) => p.type === 'resourceLocator').map((p) => [p.name, p]),
	);

	// A parameter without an expression is the same for every item: n8n resolves and checks it once.
	const sameForAll = new Map<string, unknown>();

	await mapBounded(items, CONCURRENCY, async (_item, itemIndex) => {
		try {
			let parameters: IDataObject;
			let outputChoice: OutputChoice | undefined;
			try {
				const read: ParameterReader = <T>(name: string, fallback?: T) => {
					const key = `${name}\u0000${String(fallback)}`;
					if (sameForAll.has(key)) return sameForAll.get(key) as T;
					const value = this.getNodeParameter(name, itemIndex, fallback);
					const locator = locators.get(name);
					const resolved = locator === undefined ? value : locatorId(value, locator);
					// A path into a collection ("options.x") is not looked at here: read per item.
					if (isPlain(resolved) && !name.includes('.') && !holdsExpression(node.parameters[name]))
						sameForAll.set(key, resolved);
					return resolved as T;
				};
				parameters = operation.readParameters(read);
				if (operation.output) outputChoice = readOutputChoice(read);
			} catch (error) {
				throw asNodeError(node, error, redact, {
					itemIndex,
					description:
						'Fix the parameter (or the expression that sets it) and run again; no request was sent.',
				});
			}
			const send = async (next: DigiCertRequest) =>
				next.paginate
					? await client.sendPaginated(next, itemIndex)
					: await client.send(next, itemIndex);
			if (operation.prepare) parameters = await operation.prepare(parameters, send);
			const request = operation.request(parameters);
			const response = request.paginate
				? await client.sendPaginated(request, itemIndex)
				: await client.send(request, itemIndex);
			// An answer to a change that cannot be read means the change was probably made: the client says so.
			const output = await client.readAnswer(request, response, itemIndex, async () =>
				toExecutionData(
					await operation.toItems(response, parameters, this, send),
					itemIndex,
					request.binary === true,
				),
			);
			const { simplify } = operation.output ?? {};
			results[itemIndex] =
				outputChoice === undefined || simplify === undefined
					? output
					: output.map((item) => ({
							...item,
							json: shapeOutput(item.json, outputChoice, simplify, Date.now()),
						}));
		} catch (caught) {
			const error = asNodeError(node, caught, redact, { itemIndex });
			if (!continueOnFail) throw error;
			const description = error.description;
			results[itemIndex] = [
				{
					// Only these keys (n8n's error, message, details): with "Continue (using error output)",
					// n8n sends an item to the error output only when its json has no other key.
					json: { error: error.message, ...(description ? { details: description } : {}) },
					pairedItem: { item: itemIndex },
				},
			];
		}
	});

	return [results.flat()];
}
