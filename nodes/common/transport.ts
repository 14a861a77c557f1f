/**
 * The client both nodes and the credential's list searches use: it sends (pacing, retrying) and
 * accepts or explains each answer. What it leans on lives apart: the retry policy (retry.ts), every
 * message (errors.ts), keeping the key out (redaction.ts), reading a body (body.ts), paging (paging.ts).
 */
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	destroyStream,
	jsonText,
	looksLikeHtml,
	MAX_ANSWER_BYTES,
	parseJsonBody,
	parseJsonBodyOrNothing,
	readBody,
	TOO_LARGE,
} from './body';
import {
	blockedTooLongError,
	CDN_ADVICE,
	changeProbablyMadeError,
	digiCertApiError,
	listNotAdvancingError,
	listTooLargeError,
	networkError,
	omittedErrorCount,
	parseDigiCertErrors,
	unexpectedAnswer,
} from './errors';
import { readAllPages } from './paging';
import type { Lane, RateWindow, Ticket } from './rateLimiter';
import { BlockedTooLongError, DIGICERT_RATE_WINDOWS, keyPacers } from './rateLimiter';
import { resolveBaseUrl } from './region';
import type { Clock } from './clock';
import { REAL_CLOCK } from './clock';
import type { AttemptFailure, RetryOptions } from './retry';
import {
	isRetryable,
	networkCode,
	nextRetryDelay,
	parseRetryAfter,
	SAFE_METHODS,
	surelyNotActed,
} from './retry';
import type { KeyRedaction } from './redaction';
import { keyRedaction } from './redaction';
import type { DigiCertRequest, DigiCertResponse } from './types';

export const CREDENTIAL_TYPE = 'digiCertApi';

const USER_AGENT = 'n8n-nodes-digicert';

export interface TransportOptions extends RetryOptions {
	/** Per request. */
	timeoutMs: number;
	/** How fast requests may go, counted over every request with the same API key in this process. */
	rateWindows: RateWindow[];
	/** How long a request waits in all while DigiCert blocks the key (429) before it gives up. */
	maxBlockedWaitMs: number;
}

/**
 * Twice DigiCert's longest window: a key blocked for crossing the 3-minute window is free again
 * within that window, so this outlasts any block this process or another user of the key caused.
 */
export const DEFAULT_MAX_BLOCKED_WAIT_MS = 2 * Math.max(...DIGICERT_RATE_WINDOWS.map((w) => w.ms));

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 5,
	retryDelayMs: 1000,
	maxRetryTimeMs: 120_000,
	timeoutMs: 60_000,
	rateWindows: DIGICERT_RATE_WINDOWS,
	maxBlockedWaitMs: DEFAULT_MAX_BLOCKED_WAIT_MS,
};

type RequestContext =
	IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/** The clock and the randomness (of retry back-off) the client uses: real in n8n, controlled in unit tests. */
export interface Timing extends Clock {
	random: () => number;
}

const REAL_TIMING: Timing = { ...REAL_CLOCK, random: Math.random };

/**
 * Why an exchange's deadline is called off (it ended in time): one Error made once, as aborting with
 * no reason builds a DOMException, and n8n's sleep wraps a non-Error reason in a new Error, each with
 * its stack captured, for every request.
 */
const EXCHANGE_OVER = new Error('The exchange ended before its deadline');

/** The client's errors after which DigiCert surely did not act on the request (see surelyNotActed). */
const NOT_ACTED = new WeakSet<object>();

function notActed<E extends object>(error: E): E {
	NOT_ACTED.add(error);
	return error;
}

/**
 * Whether `error`, thrown by `DigiCertClient.send`, proves DigiCert did not act on the request (it
 * never reached DigiCert, or DigiCert refused it). Any other failure of a change may have come after
 * DigiCert made the change.
 */
export const provesNotActed = (error: unknown): boolean =>
	typeof error === 'object' && error !== null && NOT_ACTED.has(error);

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/**
 * Talks to CertCentral for one execution: reads the credential once, sends every request with it
 * (no credential lookup or expression per request), paces requests under DigiCert's rate limits,
 * retries what is worth retrying, and turns every failure into an error a user can act on.
 * Pacing is shared: the client takes its turns in the pacer of its API key (see rateLimiter.ts),
 * with every other execution, trigger poll and list search using that key in this n8n process.
 */
export class DigiCertClient {
	private readonly lane: Lane;

	/** DigiCert's last 429 answer (parsed), quoted when the node gives up waiting. */
	private lastRefusal: unknown;

	/** The key's redaction rules, built once for every answer and header of this execution. */
	private readonly redaction: KeyRedaction;

	private constructor(
		private readonly context: RequestContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly baseUrl: string,
		private readonly options: TransportOptions,
		private readonly timing: Timing,
	) {
		this.redaction = keyRedaction(this.apiKey);
		this.lane = keyPacers.pacerFor(this.apiKey, baseUrl).lane({
			windows: options.rateWindows,
			maxBlockedWaitMs: options.maxBlockedWaitMs,
			firstBlockedWaitMs: options.retryDelayMs,
			signal: (context as Partial<IExecuteFunctions>).getExecutionCancelSignal?.(),
		});
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

	/** Replaces the API key, plain or percent-encoded, in `text` (messages built from answers or input). */
	redact(text: string): string {
		return this.redaction.redactEncoded(text);
	}

	/** Whether `text` holds the API key (or a piece of it), plainly or percent-encoded. */
	containsSecret(text: string): boolean {
		return this.redaction.containsEncoded(text);
	}

	/** Sends one request (retrying as configured) and returns DigiCert's successful answer. */
	async send(request: DigiCertRequest, itemIndex: number): Promise<DigiCertResponse> {
		let waited = 0;
		let refused: Ticket | undefined;
		for (let attempt = 1; ; attempt++) {
			const ticket = await this.turn(refused, attempt - 1, itemIndex);
			let response: RawResponse | undefined;
			let failure: unknown;
			try {
				response = await this.sendOnce(request);
			} catch (error) {
				failure = error;
			}

			if (response?.statusCode === 429) {
				ticket.settle(
					'refused',
					parseRetryAfter(response.headers['retry-after'], this.timing.now()),
				);
				// DigiCert blocks the whole key: the pacer holds every request on it, and lets this one go
				// again (at the head of its execution's queue) when the block may be over.
				if (!this.cancelled()) {
					refused = ticket;
					this.lastRefusal = parseJsonBodyOrNothing(response.body);
					continue;
				}
			} else {
				ticket.settle(response === undefined ? 'failed' : 'answered');
			}

			const outcome: AttemptFailure | undefined =
				response === undefined
					? { code: networkCode(failure) }
					: response.statusCode >= 400
						? { status: response.statusCode, codes: this.errorCodes(response) }
						: undefined;
			if (
				outcome !== undefined &&
				response?.statusCode !== 429 &&
				isRetryable(request.method, outcome) &&
				!this.cancelled()
			) {
				const retryAfter = response?.headers['retry-after'];
				const delay = nextRetryDelay(
					attempt,
					waited,
					this.options,
					retryAfter,
					this.timing.random,
					this.timing.now(),
				);
				if (delay !== undefined) {
					waited += delay;
					if (delay > 0) await this.timing.sleep(delay);
					continue;
				}
			}

			if (response === undefined) {
				const error = networkError(this.context.getNode(), {
					method: request.method,
					subject: request.subject,
					error: failure,
					attempts: attempt,
					host: new URL(this.baseUrl).host,
					timeoutMs: this.options.timeoutMs,
					itemIndex,
					apiKey: this.apiKey,
				});
				throw outcome !== undefined && surelyNotActed(outcome) ? notActed(error) : error;
			}
			try {
				return {
					...this.accept(request, response, attempt, itemIndex),
					bodyBytes: Buffer.isBuffer(response.body) ? response.body.length : undefined,
				};
			} catch (error) {
				throw outcome !== undefined && surelyNotActed(outcome) ? notActed(error as Error) : error;
			}
		}
	}

	/** DigiCert's error codes in a refusal (only a 503's are needed: they tell whether it acted). */
	private errorCodes(response: RawResponse): string[] | undefined {
		if (response.statusCode !== 503) return undefined;
		return parseDigiCertErrors(parseJsonBodyOrNothing(response.body), this.apiKey).map(
			(e) => e.code,
		);
	}

	/** Waits for this request's turn in its key's pacer; gives up when DigiCert blocks the key too long. */
	private async turn(
		refused: Ticket | undefined,
		attempts: number,
		itemIndex: number,
	): Promise<Ticket> {
		try {
			return await this.lane.acquire(refused);
		} catch (error) {
			// Otherwise the execution was cancelled while the request waited.
			// Either way this attempt was not sent, and any before it were refused (see isRetryable).
			if (!(error instanceof BlockedTooLongError))
				throw notActed(
					new NodeOperationError(this.context.getNode(), error as Error, { itemIndex }),
				);
			throw notActed(
				blockedTooLongError(this.context.getNode(), {
					waitedMs: error.waitedMs,
					refusals: error.refusals,
					nextAttemptInMs: error.nextAttemptInMs,
					maxBlockedWaitMs: this.options.maxBlockedWaitMs,
					attempts,
					body: this.lastRefusal,
					itemIndex,
					apiKey: this.apiKey,
				}),
			);
		}
	}

	/** Whether the user stopped the execution: then no more retries. */
	private cancelled(): boolean {
		const context = this.context as Partial<IExecuteFunctions>;
		return context.getExecutionCancelSignal?.()?.aborted === true;
	}

	/** Every element of an offset/limit list, read page by page (see paging.ts). */
	async sendPaginated(request: DigiCertRequest, itemIndex: number): Promise<DigiCertResponse> {
		return await readAllPages(request, {
			send: async (page) => await this.send(page, itemIndex),
			notAList: (statusCode, what) => this.unexpected(statusCode, what, itemIndex, CDN_ADVICE),
			notAdvancing: (what) =>
				listNotAdvancingError(this.context.getNode(), { what, itemIndex }, this.apiKey),
			tooLarge: (read) =>
				listTooLargeError(this.context.getNode(), { ...read, itemIndex }, this.apiKey),
		});
	}

	/**
	 * One exchange, bounded as a whole by the timeout. n8n's own timeout only limits silence (and n8n
	 * replaces any abort signal of ours with the execution's), so a body trickled a byte at a time
	 * would hold the execution: the body is read as a stream here, and dropped, its connection
	 * closed, when the deadline passes.
	 */
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
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect could carry the X-DC-DEVKEY header to another host: never follow one.
			disableFollowRedirect: true,
			timeout: this.options.timeoutMs,
		};
		const exchange = this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			options,
			{
				credentialsDecrypted: this.credentials,
			},
		) as Promise<{ statusCode: number; headers?: IDataObject; body: unknown }>;
		const stop = new AbortController();
		// Rejects at the deadline; once stopped it never settles (an n8n 1.x sleep ignores the signal: then it rejects unheard).
		const deadline = sleep(this.options.timeoutMs, stop.signal).then(
			() =>
				Promise.reject(
					Object.assign(new Error('The whole exchange took longer than the timeout'), {
						code: 'ETIMEDOUT',
					}),
				),
			() => new Promise<never>(() => undefined),
		);
		let body: unknown;
		let complete = false;
		try {
			const response = await Promise.race([exchange, deadline]);
			body = response.body;
			const raw = await Promise.race([readBody(body), deadline]);
			complete = true;
			return { statusCode: response.statusCode, headers: response.headers ?? {}, body: raw };
		} finally {
			stop.abort(EXCHANGE_OVER);
			if (!complete) {
				// Whatever is still arriving after the deadline is dropped, and its connection closed.
				destroyStream(body);
				exchange.then(
					(late) => destroyStream(late.body),
					() => undefined,
				);
			}
		}
	}

	/** A finished exchange: the parsed answer on success, else the error that explains it. */
	private accept(
		request: DigiCertRequest,
		response: RawResponse,
		attempts: number,
		itemIndex: number,
	): DigiCertResponse {
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
		if (response.body === TOO_LARGE) {
			const what = `an answer over ${MAX_ANSWER_BYTES / 1024 / 1024} MB, which was not read further`;
			if (success) this.unreadableAnswer(request, statusCode, what, itemIndex);
			throw this.unexpected(statusCode, what, itemIndex, CDN_ADVICE);
		}
		if (success && request.binary) {
			const raw = response.body;
			const body = Buffer.isBuffer(raw)
				? raw
				: raw === undefined || raw === null
					? Buffer.alloc(0)
					: Buffer.from(raw as ArrayBuffer);
			// A CDN's page is not a certificate: it must not be saved as one.
			if (/html/i.test(String(headers['content-type'] ?? '')) || looksLikeHtml(body)) {
				throw this.unexpected(statusCode, 'an HTML page instead of a file', itemIndex, CDN_ADVICE);
			}
			// No certificate file holds the API key: an answer that repeats it back is not passed on.
			if (this.redaction.contains(body.toString('latin1'))) {
				throw this.unexpected(
					statusCode,
					'a file that repeats the API key back, which is not passed on',
					itemIndex,
					CDN_ADVICE,
				);
			}
			return { statusCode, headers: this.redaction.withoutSecretHeaders(headers), body };
		}
		let body: unknown;
		let bodyKind: string | undefined;
		const text = jsonText(response.body);
		try {
			body = parseJsonBody(text ?? response.body);
		} catch {
			const contentType = String(headers['content-type'] ?? '');
			bodyKind =
				/html/i.test(contentType) || looksLikeHtml(response.body)
					? 'an HTML page'
					: `a body that is not JSON (${contentType || 'no content type'})`;
		}
		if (success) {
			if (bodyKind !== undefined) {
				this.unreadableAnswer(request, statusCode, bodyKind, itemIndex);
				throw this.unexpected(statusCode, bodyKind, itemIndex, CDN_ADVICE);
			}
			// An answer that repeats the key (or a piece of it) reaches no item, node's or trigger's, with it.
			return {
				statusCode,
				headers: this.redaction.withoutSecretHeaders(headers),
				body: this.redaction.redactJson(body, text),
			};
		}
		const answer = this.refusalAsAnswer(request, statusCode, body);
		if (answer !== undefined)
			return { statusCode, headers: this.redaction.withoutSecretHeaders(headers), body: answer };
		throw digiCertApiError(this.context.getNode(), {
			statusCode,
			body,
			bodyKind,
			subject: request.subject,
			attempts,
			method: request.method,
			itemIndex,
			apiKey: this.apiKey,
		});
	}

	/**
	 * A 4xx whose every error code is one the request expects as an answer: only DigiCert's error
	 * entries are passed on (redacted, codes trimmed), nothing else of the body.
	 */
	private refusalAsAnswer(
		request: DigiCertRequest,
		statusCode: number,
		body: unknown,
	): IDataObject | undefined {
		if (!request.answerCodes || statusCode < 400 || statusCode >= 500) return undefined;
		// Each entry must be an expected one: a body with more than can be read is not an answer.
		if (omittedErrorCount(body) > 0) return undefined;
		const entries = parseDigiCertErrors(body, this.apiKey).map((e) => ({
			...e,
			code: e.code.trim(),
		}));
		if (entries.length === 0 || !entries.every((e) => request.answerCodes!.includes(e.code)))
			return undefined;
		return { errors: entries };
	}

	/**
	 * Makes sense of a successful answer with `read` (an operation's toItems): for a change, an answer
	 * `read` fails on (a TypeError on odd JSON, an UnexpectedAnswerError) means the change was probably
	 * made, and says so. Errors of follow-up requests (n8n's own) pass as they are.
	 */
	async readAnswer<T>(
		request: DigiCertRequest,
		response: DigiCertResponse,
		itemIndex: number,
		read: () => Promise<T>,
	): Promise<T> {
		if (SAFE_METHODS.has(request.method.toUpperCase())) return await read();
		let failure: unknown;
		try {
			return await read();
		} catch (error) {
			failure = error;
		}
		// Follow-up requests fail with n8n's errors, which say what happened: as they are.
		if (failure instanceof NodeApiError || failure instanceof NodeOperationError) throw failure;
		throw changeProbablyMadeError(
			this.context.getNode(),
			{
				statusCode: response.statusCode,
				what: 'data of an unexpected shape',
				subject: request.subject,
				itemIndex,
			},
			this.apiKey,
		);
	}

	/** Throws changeProbablyMadeError when `request` is a change (DigiCert answered it with success). */
	private unreadableAnswer(
		request: DigiCertRequest,
		statusCode: number,
		what: string,
		itemIndex: number,
	): void {
		if (SAFE_METHODS.has(request.method.toUpperCase())) return;
		throw changeProbablyMadeError(
			this.context.getNode(),
			{ statusCode, what, subject: request.subject, itemIndex },
			this.apiKey,
		);
	}

	private unexpected(
		statusCode: number,
		what: string,
		itemIndex: number,
		advice: string,
	): NodeApiError {
		return unexpectedAnswer(
			this.context.getNode(),
			{ statusCode, what, advice, itemIndex },
			this.apiKey,
		);
	}
}
