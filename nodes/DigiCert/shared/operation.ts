import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** Reads one parameter of the current item (each parameter is read once per item). */
export type ParameterReader = <T = unknown>(name: string, fallback?: T) => T;

/** What an operation asks the executor to send; the path is relative to the credential's base URL. */
export interface DigiCertRequest {
	method: IHttpRequestMethods;
	/** Built only from validated values (see validation.ts), never from raw user strings. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** What a 404 means, e.g. "Order 12345": the error then says it was not found. */
	subject?: string;
	/** Ask for the raw bytes (a file download) instead of JSON. */
	binary?: boolean;
	/**
	 * Offset/limit pagination over the array at `rootProperty`. The executor pages with the
	 * largest page DigiCert allows and stops at `page.total` or after `maxItems`.
	 */
	paginate?: { rootProperty: string; maxItems?: number };
}

/** DigiCert's answer, as the executor hands it to an operation. */
export interface DigiCertResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON, `undefined` for an empty body (204), a Buffer for binary requests, or the collected array when paginated. */
	body: unknown;
}

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
	/** Reads and validates the item's parameters; throws a user-facing Error on bad input. */
	readParameters(read: ParameterReader): P;
	/** The request (or, for operations that need several, the first request) for these parameters. */
	request(parameters: P): DigiCertRequest;
	/** Turns DigiCert's answer into output items (json objects, or full items for binary data). */
	toItems(
		response: DigiCertResponse,
		parameters: P,
		context: IExecuteFunctions,
	): IDataObject[] | INodeExecutionData[] | Promise<INodeExecutionData[]>;
}

export interface DigiCertResource {
	value: string;
	name: string;
	description: string;
	operations: DigiCertOperation[];
}
