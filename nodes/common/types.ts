import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** The shapes shared by both nodes: how they read parameters, and what they send to and get from DigiCert. */

/** A JSON object (not null, not a list). */
export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one parameter of the current item (each parameter is read once per item). */
export type ParameterReader = <T = unknown>(name: string, fallback?: T) => T;

/** What an operation asks the executor to send; the path is relative to the credential's base URL. */
export interface DigiCertRequest {
	method: IHttpRequestMethods;
	/** Built only from validated values (see inputChecks.ts), never from raw user strings. */
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
	paginate?: {
		rootProperty: string;
		maxItems?: number;
		/** Where to start (a list search's next page); 0 by default. */ offset?: number;
	};
	/**
	 * DigiCert error codes that are this request's answer rather than a failure (e.g. "the DCV record
	 * was not found yet" for a DCV check): such a refusal is handed to the operation as
	 * `{errors: [{code, message}]}` with its status, instead of failing the item.
	 */
	answerCodes?: string[];
}

/** DigiCert's answer, as the executor hands it to an operation. */
export interface DigiCertResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON, `undefined` for an empty body (204), a Buffer for binary requests, or the collected array when paginated. */
	body: unknown;
	/** How many bytes the body had as it came (before parsing): what reading it cost. */
	bodyBytes?: number;
	/** For a paginated request stopped at `maxItems` before the list's end: the offset of the next element. */
	nextOffset?: number;
}
