import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { DigiCertRequest, DigiCertResponse, ParameterReader } from '../../common/types';
import { isObject } from '../../common/types';
import type { Simplifier } from './output';

/**
 * One operation of the node, declared as data: its fields, how an item's parameters become a
 * request, and how DigiCert's answer becomes output items. The executor does the rest.
 */
export interface DigiCertOperation<P = IDataObject> {
	/** The `operation` parameter's value. */
	value: string;
	/** Shown in the operation picker, e.g. "List Order Duplicates". */
	name: string;
	/** Shown in the node panel's action list. */
	action: string;
	/** Tells a user, and an AI agent using the node as a tool, what the operation does. */
	description: string;
	/** Its own fields; the node adds the displayOptions that tie them to this operation. */
	properties: INodeProperties[];
	/**
	 * Reads and checks the item's parameters; throws a user-facing Error on bad input. The
	 * executor reads every item's before it sends a change, so a bad item stops the batch unsent.
	 */
	readParameters(read: ParameterReader, node: { typeVersion: number }): P;
	/**
	 * The request for these parameters (a list is paged by the executor; see DigiCertRequest.paginate);
	 * `toItems` may send follow-ups. Its method says whether it is a change (anything but GET): a
	 * change is never sent twice, and a batch of changes reports every item it made when one fails.
	 */
	/**
	 * Completes the parameters from DigiCert's current data with read-only requests (e.g. the
	 * order's signature hash, which Duplicate must send), after every check and before `request`.
	 * It throws a user-facing Error when something still cannot be known; the change is then not sent.
	 * `run` shares what every item of this run may reuse (e.g. one product's info for 50 orders).
	 */
	prepare?(
		parameters: P,
		send: (request: DigiCertRequest) => Promise<DigiCertResponse>,
		run: RunMemo,
	): Promise<P>;
	request(parameters: P): DigiCertRequest;
	/**
	 * For read operations with large objects: how an item is simplified, and what it is ("order").
	 * From typeVersion 1.1 the node then offers Simplify (on by default) and, as an AI tool, Output.
	 */
	output?: { simplify: Simplifier; noun: string };
	/**
	 * Turns DigiCert's answer into output: its data (json objects), or whole items (json + binary)
	 * for a binary request. Throws UnexpectedAnswerError for an answer of the wrong shape.
	 */
	toItems(
		response: DigiCertResponse,
		parameters: P,
		context: IExecuteFunctions,
		tools: OperationTools,
	): IDataObject[] | INodeExecutionData[] | Promise<IDataObject[] | INodeExecutionData[]>;
}

/** What one run of the node remembers for all its items: `once` reads a key's value the first time only. */
export interface RunMemo {
	once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** What the executor's client lends an operation's `toItems` (the credential is read once per run). */
export interface OperationTools {
	/** Sends a follow-up request for the same item, paced and retried like the first. */
	send: (request: DigiCertRequest) => Promise<DigiCertResponse>;
	/** Whether text from an answer (e.g. a file name) holds the API key, plainly or percent-encoded. */
	containsSecret: (text: string) => boolean;
}

/** What names an operation; the factories of operations that differ only by data take it as given. */
export type OperationIdentity = Pick<
	DigiCertOperation,
	'value' | 'name' | 'action' | 'description'
>;

/** Just the naming fields of a factory's declaration (not its other data). */
export const operationIdentity = ({
	value,
	name,
	action,
	description,
}: OperationIdentity): OperationIdentity => ({ value, name, action, description });

export interface DigiCertResource {
	value: string;
	name: string;
	description: string;
	operations: DigiCertOperation[];
	/** The operation a new node (typeVersion 1.1 on) opens on; typeVersion 1 opens on the first declared. */
	defaultOperation?: string;
}

/** Thrown by `toItems` when DigiCert's answer is not the shape the operation expects (e.g. no body). */
export class UnexpectedAnswerError extends Error {}

/**
 * An answer that is empty (204) or a JSON object, as an object. Anything else (a list, a bare
 * string) is of the wrong shape: to a change, the client then says the change was probably made.
 */
export function emptyOrObject(body: unknown): IDataObject {
	if (body === undefined) return {};
	if (!isObject(body)) throw new UnexpectedAnswerError();
	return body;
}
