import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { apiError, digiCertApiError, redact } from './errors';
import type { DigiCertRequest, DigiCertResponse } from './operation';
import type { RateWindow } from './rateLimiter';
import { DIGICERT_RATE_WINDOWS, SlidingWindowLimiter } from './rateLimiter';
import { resolveBaseUrl } from './region';

export const CREDENTIAL_TYPE = 'digiCertApi';

/** DigiCert's largest page for offset/limit lists. */
export const MAX_PAGE_SIZE = 1000;

const USER_AGENT = 'n8n-nodes-digicert';

/** Statuses that mean "not now": DigiCert did not act on the request, so it is sent again after a wait. */
const NOT_PROCESSED_STATUSES = new Set([429, 502, 503]);

/** A gateway timeout: DigiCert may or may not have acted. */
const MAYBE_PROCESSED_STATUSES = new Set([504]);

/** Network failures before the request reached DigiCert: always safe to send again. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Network failures after the request may have reached DigiCert (resets, timeouts, cut answers). */
const MAYBE_SENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'ERR_BAD_RESPONSE',
]);

/** Requests DigiCert handles the same however often they arrive: safe to resend after any failure. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What went wrong with one attempt: a status DigiCert (or its CDN) answered, or a network error code. */
export type AttemptFailure = { status: number } | { code: string | undefined };

/**
 * Whether a failed attempt is worth another. A GET is resent after any passing failure; a change
 * (approve, reject, revoke) only when DigiCert surely did not act on it, so nothing is done twice.
 */
export function isRetryable(method: string, failure: AttemptFailure): boolean {
	const safe = SAFE_METHODS.has(method.toUpperCase());
	if ('status' in failure) {
		return NOT_PROCESSED_STATUSES.has(failure.status) || (safe && MAYBE_PROCESSED_STATUSES.has(failure.status));
	}
	const code = failure.code ?? '';
	return NOT_SENT_NETWORK_CODES.has(code) || (safe && MAYBE_SENT_NETWORK_CODES.has(code));
}

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

/** The clock, waits and randomness the client uses: real ones in n8n, controlled ones in unit tests. */
export interface Timing {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	random: () => number;
}

const REAL_TIMING: Timing = { now: () => Date.now(), sleep, random: Math.random };

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/**
 * The wait before retry number `retry` (1-based): exponential from `retryDelayMs`, with jitter
 * (between half and all of it) so parallel items do not retry in step, and never above the total
 * budget. A Retry-After header wins when DigiCert sends one.
 */
export function backoffDelay(retry: number, options: TransportOptions, retryAfter?: unknown, random = Math.random, now = Date.now()) {
	const fromHeader = parseRetryAfter(retryAfter, now);
	if (fromHeader !== undefined) return Math.round(fromHeader);
	const exponential = options.retryDelayMs * 2 ** (retry - 1);
	return Math.min(Math.round(exponential * (0.5 + random() / 2)), options.maxRetryTimeMs);
}

/**
 * The wait before the next attempt after `attempt` failed (and `waitedMs` were already spent
 * waiting), or undefined when the request should give up: out of retries, or the wait would take
 * the request past its total budget (e.g. a Retry-After of an hour).
 */
export function nextRetryDelay(
	attempt: number,
	waitedMs: number,
	options: TransportOptions,
	retryAfter?: unknown,
	random = Math.random,
	now = Date.now(),
): number | undefined {
	if (attempt > options.maxRetries) return undefined;
	const delay = backoffDelay(attempt, options, retryAfter, random, now);
	return waitedMs + delay <= options.maxRetryTimeMs ? delay : undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	// Only a real HTTP date (it names a weekday or month): Date.parse reads "-1" or "3 x" as dates too.
	if (!/[a-z]{3}/i.test(text)) return undefined;
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
		private readonly timing: Timing,
	) {
		this.limiter = new SlidingWindowLimiter(options.rateWindows, timing.now, timing.sleep);
	}

	static async connect(
		context: RequestContext,
		options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
		timing: Timing = REAL_TIMING,
	) {
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
		return new DigiCertClient(context, credentials, baseUrl, options, timing);
	}

	private get apiKey(): string {
		return String(this.credentials.data?.apiKey ?? '');
	}

	/** Replaces the API key wherever it appears in `text` (for messages built from answers or input). */
	redact(text: string): string {
		return redact(text, this.apiKey);
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

			const outcome: AttemptFailure | undefined =
				response === undefined
					? { code: networkCode(failure) }
					: response.statusCode >= 400
						? { status: response.statusCode }
						: undefined;
			if (outcome !== undefined && isRetryable(request.method, outcome) && !this.cancelled()) {
				const retryAfter = response?.headers['retry-after'];
				const delay = nextRetryDelay(attempt, waited, this.options, retryAfter, this.timing.random, this.timing.now());
				if (delay !== undefined) {
					waited += delay;
					// DigiCert blocks the whole key for a while: every item waits, not just this one.
					if (response?.statusCode === 429) this.limiter.holdFor(delay);
					if (delay > 0) await this.timing.sleep(delay);
					continue;
				}
			}

			if (response === undefined) throw this.networkError(request, failure, attempt, itemIndex);
			return this.accept(request, response, attempt, itemIndex);
		}
	}

	/** Whether the user stopped the execution: then no more retries. */
	private cancelled(): boolean {
		const context = this.context as Partial<IExecuteFunctions>;
		return context.getExecutionCancelSignal?.()?.aborted === true;
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
				throw this.unexpected(last.statusCode, 'something other than a list', itemIndex, CDN_ADVICE);
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
		const success = statusCode >= 200 && statusCode < 300;
		if (statusCode >= 300 && statusCode < 400) {
			throw this.unexpected(
				statusCode,
				`a redirect to ${String(headers.location ?? 'another address')}, which is not followed so the API key stays with DigiCert`,
				itemIndex,
				"DigiCert's API does not redirect: check the credential's region or base URL (a custom base URL must be the API itself, ending in /services/v2).",
			);
		}
		if (success && request.binary) {
			const raw = response.body;
			const body = Buffer.isBuffer(raw) ? raw : raw === undefined || raw === null ? Buffer.alloc(0) : Buffer.from(raw as ArrayBuffer);
			// A CDN's page is not a certificate: it must not be saved as one.
			if (/html/i.test(String(headers['content-type'] ?? '')) || looksLikeHtml(body)) {
				throw this.unexpected(statusCode, 'an HTML page instead of a file', itemIndex, CDN_ADVICE);
			}
			// No certificate file holds the API key: an answer that repeats it back is not passed on.
			if (this.apiKey.length >= 4 && body.includes(this.apiKey)) {
				throw this.unexpected(statusCode, 'a file that repeats the API key back, which is not passed on', itemIndex, CDN_ADVICE);
			}
			return { statusCode, headers, body };
		}
		let body: unknown;
		let bodyKind: string | undefined;
		try {
			body = parseJsonBody(response.body);
		} catch {
			const contentType = String(headers['content-type'] ?? '');
			bodyKind = /html/i.test(contentType) || looksLikeHtml(response.body)
				? 'an HTML page'
				: `a body that is not JSON (${contentType || 'no content type'})`;
		}
		if (success) {
			if (bodyKind !== undefined) {
				throw this.unexpected(statusCode, bodyKind, itemIndex, CDN_ADVICE);
			}
			return { statusCode, headers, body };
		}
		throw digiCertApiError(this.context.getNode(), {
			statusCode,
			body,
			bodyKind,
			subject: request.subject,
			attempts,
			itemIndex,
			apiKey: this.apiKey,
		});
	}

	private unexpected(statusCode: number, what: string, itemIndex: number, advice: string): NodeApiError {
		return apiError(
			this.context.getNode(),
			{
				message: `DigiCert answered unexpectedly: HTTP ${statusCode} with ${what}`,
				description: advice,
				httpCode: statusCode,
				itemIndex,
			},
			this.apiKey,
		);
	}

	private networkError(request: DigiCertRequest, error: unknown, attempts: number, itemIndex: number): NodeApiError {
		const code = networkCode(error);
		const host = new URL(this.baseUrl).host;
		const tried = `tried ${attempts} time${attempts === 1 ? '' : 's'}`;
		const changes = !SAFE_METHODS.has(request.method.toUpperCase());
		const unsure = changes && MAYBE_SENT_NETWORK_CODES.has(code ?? '')
			? ' The request may have reached DigiCert: check its state there before running this item again.'
			: '';
		let message: string;
		let advice: string;
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || (code?.startsWith('UND_ERR_') && code.endsWith('TIMEOUT'))) {
			message = `DigiCert did not answer within ${this.options.timeoutMs} ms (${tried})`;
			advice = `Raise Request Options > Timeout, or try again later.${unsure}`;
		} else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ERR_BAD_RESPONSE') {
			message = `The connection to DigiCert at ${host} broke before its answer was complete (${code}, ${tried})`;
			advice = `Check the network or proxy between n8n and ${host}, or try again later.${unsure}`;
		} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
			message = `The DigiCert host ${host} could not be found (${code})`;
			advice = "Check the credential's region or base URL, and this machine's DNS.";
		} else {
			// Unusual failures (TLS, proxy, ...) keep their own words, which say what is wrong.
			const reason = error instanceof Error && error.message ? ` ${error.message.replace(/\.?$/, '.')}` : '';
			message = `Could not reach DigiCert at ${host} (${code ?? 'unknown error'}, ${tried})`;
			advice = `${reason.trim()} Check the network or proxy between n8n and ${host}, and the credential's region or base URL.${unsure}`.trim();
		}
		// A fresh error: the original holds the request, whose headers hold the key.
		return apiError(this.context.getNode(), { message, description: advice, code, itemIndex }, this.apiKey);
	}
}

/** What to do when something other than DigiCert's API seems to have answered. */
export const CDN_ADVICE =
	"A proxy or DigiCert's CDN may have answered instead of the API (an outage or a block). Check the credential's region or base URL, and try again later.";

/** A body that starts like an HTML page (some CDNs send one without saying so). */
function looksLikeHtml(raw: unknown): boolean {
	const text = Buffer.isBuffer(raw) ? raw.subarray(0, 100).toString('utf8') : typeof raw === 'string' ? raw.slice(0, 100) : '';
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}
