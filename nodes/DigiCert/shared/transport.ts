import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { digiCertApiError, redact } from './errors';
import type { DigiCertRequest, DigiCertResponse } from './operation';
import type { RateWindow } from './rateLimiter';
import { DIGICERT_RATE_WINDOWS, SlidingWindowLimiter } from './rateLimiter';
import { resolveBaseUrl } from './region';

export const CREDENTIAL_TYPE = 'digiCertApi';

/** DigiCert's largest page for offset/limit lists. */
export const MAX_PAGE_SIZE = 1000;

const USER_AGENT = 'n8n-nodes-digicert';

/** Statuses that mean "not now" rather than "no": the request is sent again after a wait. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Network failures worth another try (the request may not have reached DigiCert). */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'ERR_BAD_RESPONSE',
]);

export interface TransportOptions {
	/** Sends after the first, for the retryable failures above. */
	maxRetries: number;
	/** The first back-off; it doubles each time, with jitter. */
	retryDelayMs: number;
	/** No single wait is longer, and no request keeps retrying past this much waiting in all. */
	maxRetryTimeMs: number;
	/** Per request. */
	timeoutMs: number;
	rateWindows: RateWindow[];
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 5,
	retryDelayMs: 1000,
	maxRetryTimeMs: 120_000,
	timeoutMs: 60_000,
	rateWindows: DIGICERT_RATE_WINDOWS,
};

type RequestContext = IExecuteFunctions | IPollFunctions;

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** The wait before retry number `retry` (1-based): exponential, with jitter; Retry-After wins when given. */
export function backoffDelay(retry: number, options: TransportOptions, retryAfter?: unknown, random = Math.random) {
	const fromHeader = parseRetryAfter(retryAfter);
	const exponential = options.retryDelayMs * 2 ** (retry - 1);
	const delay = fromHeader ?? exponential * (0.5 + random() / 2);
	return Math.min(Math.max(0, Math.round(delay)), options.maxRetryTimeMs);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code.length > 0) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Parses a JSON body; `undefined` for an empty one, and throws for anything that is not JSON. */
function parseJsonBody(raw: unknown): unknown {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : undefined;
	if (text === undefined) return raw; // already parsed
	if (text.trim() === '') return undefined;
	return JSON.parse(text);
}

/**
 * Talks to CertCentral for one execution: reads the credential once, sends every request with it
 * (no credential lookup or expression per request), paces requests under DigiCert's rate limits,
 * retries what is worth retrying, and turns every failure into an error a user can act on.
 */
export class DigiCertClient {
	private readonly limiter: SlidingWindowLimiter;

	private constructor(
		private readonly context: RequestContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly baseUrl: string,
		private readonly options: TransportOptions,
	) {
		this.limiter = new SlidingWindowLimiter(options.rateWindows);
	}

	static async connect(context: RequestContext, options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS) {
		const node = context.getNode();
		const data = await context.getCredentials(CREDENTIAL_TYPE);
		let baseUrl: string;
		try {
			baseUrl = resolveBaseUrl(data);
		} catch (error) {
			throw new NodeOperationError(node, (error as Error).message, {
				description: 'Fix the Base URL in the DigiCert credential.',
			});
		}
		const reference = node.credentials?.[CREDENTIAL_TYPE];
		const credentials: ICredentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? CREDENTIAL_TYPE,
			type: CREDENTIAL_TYPE,
			data,
		};
		return new DigiCertClient(context, credentials, baseUrl, options);
	}

	private get apiKey(): string {
		return String(this.credentials.data?.apiKey ?? '');
	}

	/** Sends one request (retrying as configured) and returns DigiCert's successful answer. */
	async send(request: DigiCertRequest, itemIndex: number): Promise<DigiCertResponse> {
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			await this.limiter.acquire();
			let response: RawResponse | undefined;
			let failure: unknown;
			try {
				response = await this.sendOnce(request);
			} catch (error) {
				failure = error;
			}

			const retryable =
				response === undefined
					? RETRYABLE_NETWORK_CODES.has(networkCode(failure) ?? '')
					: RETRYABLE_STATUSES.has(response.statusCode);
			if (retryable && attempt <= this.options.maxRetries) {
				const delay = backoffDelay(attempt, this.options, response?.headers['retry-after']);
				if (waited + delay <= this.options.maxRetryTimeMs) {
					waited += delay;
					await sleep(delay);
					continue;
				}
			}

			if (response === undefined) throw this.networkError(failure, attempt, itemIndex);
			return this.accept(request, response, attempt, itemIndex);
		}
	}

	/**
	 * Sends an offset/limit list request page by page and returns every element of
	 * `request.paginate.rootProperty` (up to `maxItems`) as the response body. Pages are as large as
	 * DigiCert allows, so the number of requests is the minimum; an element seen on an earlier page
	 * (the list shifted between pages) is not repeated.
	 */
	async sendPaginated(request: DigiCertRequest, itemIndex: number): Promise<DigiCertResponse> {
		const { rootProperty, maxItems = Infinity } = request.paginate!;
		const collected: unknown[] = [];
		const seen = new Set<unknown>();
		let offset = 0;
		let last: DigiCertResponse | undefined;
		while (collected.length < maxItems) {
			const limit = Math.min(MAX_PAGE_SIZE, maxItems - collected.length);
			last = await this.send({ ...request, qs: { ...request.qs, offset, limit } }, itemIndex);
			const page = last.body as IDataObject | undefined;
			if (typeof page !== 'object' || page === null || Array.isArray(page)) {
				throw this.unexpected(last.statusCode, 'a list without its "page" information', itemIndex);
			}
			// An empty list omits its array key altogether.
			const elements = Array.isArray(page[rootProperty]) ? (page[rootProperty] as unknown[]) : [];
			for (const element of elements) {
				const id = (element as IDataObject | null)?.id;
				if (id !== undefined && seen.has(id)) continue;
				if (id !== undefined) seen.add(id);
				if (collected.length < maxItems) collected.push(element);
			}
			offset += elements.length;
			const total = (page.page as IDataObject | undefined)?.total;
			const done = typeof total === 'number' ? offset >= total : elements.length < limit;
			if (elements.length === 0 || done) break;
		}
		return { statusCode: last?.statusCode ?? 200, headers: last?.headers ?? {}, body: collected };
	}

	private async sendOnce(request: DigiCertRequest): Promise<RawResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: !request.binary,
			headers: {
				Accept: request.binary ? '*/*' : 'application/json',
				'User-Agent': USER_AGENT,
				...(request.body ? { 'Content-Type': 'application/json' } : {}),
			},
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect could carry the X-DC-DEVKEY header to another host: never follow one.
			disableFollowRedirect: true,
			timeout: this.options.timeoutMs,
		};
		const response = (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			options,
			{ credentialsDecrypted: this.credentials },
		)) as { statusCode: number; headers?: IDataObject; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	}

	/** A finished exchange: the parsed answer on success, else the error that explains it. */
	private accept(request: DigiCertRequest, response: RawResponse, attempts: number, itemIndex: number): DigiCertResponse {
		const { statusCode, headers } = response;
		const contentType = String(headers['content-type'] ?? '');
		let body: unknown;
		if (statusCode >= 200 && statusCode < 300 && request.binary) {
			body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as ArrayBuffer);
		} else {
			try {
				body = parseJsonBody(response.body);
			} catch {
				const kind = contentType.includes('html') ? 'an HTML page' : `a body that is not JSON (${contentType || 'no content type'})`;
				if (statusCode >= 200 && statusCode < 300) throw this.unexpected(statusCode, kind, itemIndex);
				body = undefined;
				if (!RETRYABLE_STATUSES.has(statusCode) && statusCode < 500) {
					throw this.unexpected(statusCode, kind, itemIndex);
				}
			}
		}
		if (statusCode >= 300 && statusCode < 400) {
			throw this.unexpected(statusCode, `a redirect to ${String(headers.location ?? 'elsewhere')}, which is not followed so the API key stays with DigiCert`, itemIndex);
		}
		if (statusCode < 200 || statusCode >= 300) {
			throw digiCertApiError(this.context.getNode(), {
				statusCode,
				body,
				subject: request.subject,
				attempts,
				itemIndex,
				apiKey: this.apiKey,
			});
		}
		return { statusCode, headers, body };
	}

	private unexpected(statusCode: number, what: string, itemIndex: number): NodeApiError {
		const message = `DigiCert answered unexpectedly: HTTP ${statusCode} with ${what}`;
		return new NodeApiError(this.context.getNode(), { httpCode: String(statusCode), message } as JsonObject, {
			message: redact(message, this.apiKey),
			description:
				'This usually means a proxy or DigiCert\'s CDN answered instead of the API (an outage or a block). Check the credential\'s region or base URL, and try again later.',
			httpCode: String(statusCode),
			itemIndex,
		});
	}

	private networkError(error: unknown, attempts: number, itemIndex: number): NodeApiError {
		const code = networkCode(error) ?? 'unknown error';
		const host = new URL(this.baseUrl).host;
		const reason = redact(error instanceof Error ? error.message : String(error), this.apiKey);
		// A fresh error: the original holds the request, whose headers hold the key.
		return new NodeApiError(this.context.getNode(), { code, message: reason } as JsonObject, {
			message: `Could not reach DigiCert at ${host} (${code}, tried ${attempts} time${attempts === 1 ? '' : 's'})`,
			description: `${reason}. Check the network or proxy between n8n and ${host}, and the credential's region or base URL.`,
			itemIndex,
		});
	}
}
