/**
 * The retry policy: which failed attempts are worth another (without doing a change twice), how
 * long to wait before it, and how to read DigiCert's Retry-After. The client applies it.
 */

/**
 * DigiCert's rate-limit refusal (429, `request_limit_exceeded`): its limiter answers before the
 * request is handled, so the request was not acted on and is sent again after a wait.
 */
const RATE_LIMITED_STATUS = 429;

/** DigiCert's error code for a request refused by its rate limiter (whatever the status). */
const RATE_LIMITED_CODE = 'request_limit_exceeded';

/**
 * "Unavailable" (maintenance, overload). DigiCert documents no guarantee that a 503 comes before the
 * request is handled (its CDN or a server may answer 503 after a timeout behind it), so a read is
 * sent again, but a change only when DigiCert's own answer says it was refused (its rate limiter's
 * code): a second paid order is worse than a failed one.
 */
const UNAVAILABLE_STATUS = 503;

/**
 * A gateway's bad answer or timeout: DigiCert may or may not have acted (a gateway answers 502 when
 * the server behind it broke off its answer, after it may have done the change).
 */
const MAYBE_PROCESSED_STATUSES = new Set([502, 504]);

/** Network failures before the request reached DigiCert: always safe to send again. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Network failures after the request may have reached DigiCert (resets, timeouts, cut answers). */
export const MAYBE_SENT_NETWORK_CODES = new Set([
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
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request changes something at DigiCert (orders, approves, revokes...): never sent twice. */
export const isChange = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/**
 * What went wrong with one attempt: a status DigiCert (or its CDN) answered, with DigiCert's error
 * codes when its body had them, or a network error code.
 */
export type AttemptFailure = { status: number; codes?: string[] } | { code: string | undefined };

const rateLimited = (codes: string[] | undefined) =>
	codes?.some(
		(c) => c.trim() === RATE_LIMITED_CODE || c.trim().endsWith(`|${RATE_LIMITED_CODE}`),
	) === true;

/**
 * Whether the failed attempt surely left DigiCert unchanged: it never reached DigiCert, or DigiCert
 * refused it (a 4xx, its rate limiter). Anything else (a 5xx, a cut connection, a timeout) may have
 * come after DigiCert did the change.
 */
export function surelyNotActed(failure: AttemptFailure): boolean {
	if ('status' in failure) {
		if (failure.status === UNAVAILABLE_STATUS) return rateLimited(failure.codes);
		return failure.status >= 400 && failure.status < 500;
	}
	// An unknown host is not worth a retry, but nothing reached DigiCert either.
	return NOT_SENT_NETWORK_CODES.has(failure.code ?? '') || failure.code === 'ENOTFOUND';
}

/**
 * Whether a failed attempt is worth another. A GET is resent after any passing failure; a change
 * (order, approve, revoke) only when DigiCert surely did not act on it, so nothing is done twice.
 */
export function isRetryable(method: string, failure: AttemptFailure): boolean {
	if ('status' in failure) {
		const { status } = failure;
		if (status === RATE_LIMITED_STATUS) return true;
		if (status === UNAVAILABLE_STATUS) return !isChange(method) || surelyNotActed(failure);
		return !isChange(method) && MAYBE_PROCESSED_STATUSES.has(status);
	}
	const code = failure.code ?? '';
	return (
		NOT_SENT_NETWORK_CODES.has(code) || (!isChange(method) && MAYBE_SENT_NETWORK_CODES.has(code))
	);
}

/** The limits a retry loop keeps to (part of the client's TransportOptions). */
export interface RetryOptions {
	/** Sends after the first, for the retryable failures above. */
	maxRetries: number;
	/** The first back-off; it doubles each time, with jitter. */
	retryDelayMs: number;
	/** No single wait is longer, and no request keeps retrying past this much waiting in all. */
	maxRetryTimeMs: number;
}

/**
 * The wait before retry number `retry` (1-based): exponential from `retryDelayMs`, with jitter
 * (between half and all of it) so parallel items do not retry in step, and never above the total
 * budget. A Retry-After header wins when DigiCert sends one.
 */
export function backoffDelay(
	retry: number,
	options: RetryOptions,
	retryAfter?: unknown,
	random = Math.random,
	now = Date.now(),
) {
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
	options: RetryOptions,
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

/** The network error code of a failure (ECONNRESET, ...), looked for down its chain of causes. */
export function networkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code.length > 0) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
