import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAYBE_SENT_NETWORK_CODES, networkCode, SAFE_METHODS, surelyNotActed } from './retry';

/** DigiCert's error body: `{"errors":[{"code":"...","message":"..."}]}`. */
export interface DigiCertErrorEntry {
	code: string;
	message: string;
}

/** Long enough for any DigiCert message; an echoed page or request is cut, not dumped. */
const MAX_ENTRY_LENGTH = 300;

/** Redacts, then cuts: a key straddling the cut would otherwise escape redaction in part. */
function clip(text: string, secret: string): string {
	const redacted = redact(text, secret);
	return redacted.length > MAX_ENTRY_LENGTH ? `${redacted.slice(0, MAX_ENTRY_LENGTH)}…` : redacted;
}

/** The entries of a DigiCert error body (the key redacted), or none when the body is not one. */
export function parseDigiCertErrors(body: unknown, secret: string): DigiCertErrorEntry[] {
	if (typeof body !== 'object' || body === null) return [];
	const errors = (body as { errors?: unknown }).errors;
	if (!Array.isArray(errors)) return [];
	return errors
		.filter(
			(entry): entry is JsonObject =>
				typeof entry === 'object' && entry !== null && !Array.isArray(entry),
		)
		.map((entry) => ({
			code:
				typeof entry.code === 'string' && entry.code !== '' ? clip(entry.code, secret) : 'unknown',
			message: typeof entry.message === 'string' ? clip(entry.message, secret) : '',
		}));
}

export const REDACTED = '[redacted]';

/**
 * The shortest piece of the key that is still replaced. A shorter piece, cut from either end of the
 * key or from its middle, leaves too much of a 32-character key unknown to help guess it; and
 * shorter pieces would match ordinary text (dates, IDs) and garble messages.
 */
export const MIN_KEY_FRAGMENT = 8;

/**
 * Replaces the secret wherever it appears in `text`, and every piece of it MIN_KEY_FRAGMENT or more
 * characters long: what someone else cut (DigiCert, a proxy, n8n, a log line) cannot leak most of it.
 */
export function redact(text: string, secret: string): string {
	if (secret.length < 4) return text;
	const whole = text.includes(secret) ? text.split(secret).join(REDACTED) : text;
	if (secret.length <= MIN_KEY_FRAGMENT) return whole;
	// Every stretch of `whole` covered by some MIN_KEY_FRAGMENT-long piece of the key.
	const stretches: Array<[number, number]> = [];
	for (let start = 0; start + MIN_KEY_FRAGMENT <= secret.length; start++) {
		const piece = secret.slice(start, start + MIN_KEY_FRAGMENT);
		for (let at = whole.indexOf(piece); at !== -1; at = whole.indexOf(piece, at + 1))
			stretches.push([at, at + MIN_KEY_FRAGMENT]);
	}
	if (stretches.length === 0) return whole;
	stretches.sort((a, b) => a[0] - b[0]);
	// Overlapping or touching stretches become one [redacted].
	const merged: Array<[number, number]> = [];
	for (const [from, to] of stretches) {
		const last = merged[merged.length - 1];
		if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
		else merged.push([from, to]);
	}
	let out = '';
	let done = 0;
	for (const [from, to] of merged) {
		out += `${whole.slice(done, from)}${REDACTED}`;
		done = to;
	}
	return out + whole.slice(done);
}

/** Whether `text` holds the secret, or a piece of it that `redact` replaces. */
export function containsSecret(text: string, secret: string): boolean {
	return redact(text, secret) !== text;
}

/** `encoded` decoded, or undefined when it is not percent-encoded UTF-8. */
function tryDecode(encoded: string): string | undefined {
	try {
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}

/**
 * `text` with its percent-encoded runs decoded, never throwing: one malformed sequence (`%zz`, a
 * stray byte) must not leave the rest encoded, where a key would pass for harmless text.
 */
export function decodePercents(text: string): string {
	// Whole runs, as a multi-byte character spans several; a run with a stray byte, one by one.
	return text.replace(
		/(?:%[0-9a-f]{2})+/gi,
		(run) => tryDecode(run) ?? run.replace(/%[0-9a-f]{2}/gi, (one) => tryDecode(one) ?? one),
	);
}

/** Whether `text` holds the secret, plainly or percent-encoded (a header, a file name). */
export function containsSecretEncoded(text: string, secret: string): boolean {
	return containsSecret(text, secret) || containsSecret(decodePercents(text), secret);
}

/**
 * A JSON value (an answer) with the secret redacted from every string and every key in it. The
 * value itself when there is nothing to redact, which is nearly always (one scan of its JSON).
 */
export function redactJson<T>(value: T, secret: string): T {
	if (secret.length < 4 || !containsSecret(JSON.stringify(value) ?? '', secret)) return value;
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return redact(node, secret);
		if (Array.isArray(node)) return node.map(walk);
		if (typeof node === 'object' && node !== null) {
			return Object.fromEntries(
				Object.entries(node).map(([key, child]) => [redact(key, secret), walk(child)]),
			);
		}
		return node;
	};
	return walk(value) as T;
}

export interface ApiErrorParts {
	message: string;
	description?: string;
	/** The HTTP status, when DigiCert (or something in front of it) answered. */
	httpCode?: number;
	/** DigiCert's own error entries; the only part of an answer that travels with the error. */
	errors?: DigiCertErrorEntry[];
	/** A network error code (ECONNRESET, ...), when nothing answered. */
	code?: string;
	itemIndex?: number;
}

/**
 * A NodeApiError that says exactly `message` and `description`, with the key redacted from both
 * and from everything it carries. n8n's NodeApiError would otherwise swap a message mentioning
 * ECONNRESET & co. for its own generic text, and pick descriptions out of the raw response.
 */
export function apiError(node: INode, parts: ApiErrorParts, apiKey: string): NodeApiError {
	const message = redact(parts.message, apiKey);
	const description =
		parts.description === undefined ? undefined : redact(parts.description, apiKey);
	const httpCode = parts.httpCode === undefined ? undefined : String(parts.httpCode);
	const errorResponse: JsonObject = {
		...(httpCode ? { httpCode } : {}),
		...(parts.code ? { code: redact(parts.code, apiKey) } : {}),
		...(parts.errors
			? {
					errors: parts.errors.map((e) => ({
						code: redact(e.code, apiKey),
						message: redact(e.message, apiKey),
					})),
				}
			: {}),
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode,
		itemIndex: parts.itemIndex,
	});
	error.message = message;
	error.description = description;
	error.messages = [];
	return error;
}

export interface FailedExchange {
	statusCode: number;
	body: unknown;
	/** Set when the body was not JSON, e.g. "an HTML page": never shown as it came. */
	bodyKind?: string;
	/** e.g. "Order 12345": what a 404 was about. */
	subject?: string;
	/** How many times the request was sent. */
	attempts: number;
	/** The request's HTTP method: after a server error, a change may have been done. */
	method?: string;
	itemIndex: number;
	apiKey: string;
}

/**
 * What to add when a change (order, reissue, revoke, approve, ...) failed in a way that may mean
 * DigiCert did it anyway: it is not sent again, and the user must look before running the item again.
 */
function checkBeforeRetrying(method: string | undefined, subject: string | undefined): string {
	if (method === undefined || SAFE_METHODS.has(method.toUpperCase())) return '';
	return ` The request may have reached DigiCert: check ${subject ?? 'its state'} in CertCentral before running this item again, so nothing is done twice.`;
}

const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** What to tell the user for DigiCert's well-known failures: [headline, what to do]. */
export function explain(
	statusCode: number,
	codes: string[],
	subject: string | undefined,
	attempts: number,
): [string | undefined, string | undefined] {
	const has = (code: string) => codes.some((c) => c === code || c.endsWith(`|${code}`));
	if (statusCode === 403 && has('access_denied_invalid_key')) {
		return [
			'DigiCert rejected the API key',
			'Check the API key in the DigiCert credential, and that its region (US or Europe) is the CertCentral instance the key was made in.',
		];
	}
	if (statusCode === 403 && has('missing_permission')) {
		return [
			"The API key's user lacks permission for this operation",
			"The API key's user role (or the key's restrictions, e.g. View Only) lacks access to this operation: use a key with the needed permissions.",
		];
	}
	if (statusCode === 401 || statusCode === 403) {
		return [
			undefined,
			'Check the API key in the DigiCert credential and the permissions of its user.',
		];
	}
	if (statusCode === 404 && has('route')) {
		return [
			'DigiCert does not know this endpoint',
			"Check the credential's region, or for a custom base URL that it ends in /services/v2.",
		];
	}
	if (statusCode === 404) {
		return [
			subject === undefined ? undefined : `${subject} was not found in DigiCert`,
			'Check the ID, and that the credential points at the account that owns it.',
		];
	}
	if (statusCode === 429) {
		return [
			`DigiCert's rate limit (429) was still exceeded after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
			`${RATE_LIMITS_TEXT} Keep the DigiCert node's Settings > Rate Limit and Retries > Rate Limit at DigiCert's Limits (or a lower custom rate) in every workflow using the key.`,
		];
	}
	if (statusCode >= 500) {
		return [
			undefined,
			`DigiCert had a server error (tried ${times(attempts)}). Try again later; if it persists, check DigiCert's status page (status.digicert.com).`,
		];
	}
	if (statusCode >= 400) {
		return [undefined, "Check the item's parameters against DigiCert's message."];
	}
	return [undefined, undefined];
}

const RATE_LIMITS_TEXT =
	'DigiCert allows 100 requests per 5 seconds and 1,000 per 3 minutes for each API key, and blocks the key for up to 3 minutes past either.';

/** "850 ms", "7.5 s", "6 min 0 s": a wait, as a person reads it. */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
	return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export interface BlockedTooLong {
	/** How long the request waited while the key was blocked. */
	waitedMs: number;
	/** 429s in a row on the key. */
	refusals: number;
	/** When the next attempt would have gone, from now. */
	nextAttemptInMs: number;
	maxBlockedWaitMs: number;
	/** How many times this item's request was sent. */
	attempts: number;
	/** DigiCert's last 429 answer, if this client got one. */
	body?: unknown;
	itemIndex: number;
	apiKey: string;
}

/** The node stopped waiting for DigiCert to unblock the key: how long it waited, and what to change. */
export function blockedTooLongError(node: INode, failure: BlockedTooLong): NodeApiError {
	const { waitedMs, refusals, nextAttemptInMs, maxBlockedWaitMs, attempts, itemIndex, apiKey } =
		failure;
	const limit = formatDuration(maxBlockedWaitMs);
	const message =
		waitedMs + nextAttemptInMs > maxBlockedWaitMs && waitedMs < maxBlockedWaitMs / 2
			? `DigiCert blocked the API key (429) for longer than the node waits: the next try would have been in ${formatDuration(nextAttemptInMs)}`
			: `DigiCert kept the API key blocked (429): the node waited ${formatDuration(waitedMs)} and gave up`;
	const entries = parseDigiCertErrors(failure.body, apiKey);
	const digiCertSays =
		entries.length > 0
			? ` (${entries.map((e) => `${e.message || '(no message)'} [${e.code}]`).join('; ')})`
			: '';
	const description = [
		`DigiCert answered 429${digiCertSays} ${times(refusals)} in a row to requests with this API key; this item's request was sent ${times(attempts)}. Every execution using the key in this n8n process waited meanwhile, sending one request at a time to see whether the block was over.`,
		RATE_LIMITS_TEXT,
		"This n8n process keeps its own requests under those limits, so something else is probably using the same key (another n8n worker or instance, or another tool): lower the Rate Limit there (the DigiCert node's Settings > Rate Limit and Retries > Rate Limit > Custom),",
		`or raise Settings > Rate Limit and Retries > Max Wait When Blocked (now ${limit}) so the node waits longer.`,
	].join(' ');
	return apiError(
		node,
		{ message, description, httpCode: 429, errors: entries, itemIndex },
		apiKey,
	);
}

/** A DigiCert answer with an error status, as a NodeApiError a user can act on. */
export function digiCertApiError(node: INode, failure: FailedExchange): NodeApiError {
	const { statusCode, subject, attempts, itemIndex, apiKey, bodyKind, method } = failure;
	const entries = parseDigiCertErrors(failure.body, apiKey);
	const [headline, advice] = explain(
		statusCode,
		entries.map((e) => e.code),
		subject,
		attempts,
	);
	const digiCertSays = entries.map((e) => `${e.message || '(no message)'} [${e.code}]`).join('; ');

	let message = headline ?? entries.find((e) => e.message)?.message;
	if (message === undefined) {
		if (entries.length > 0) message = `DigiCert refused the request (HTTP ${statusCode})`;
		else if (bodyKind !== undefined)
			message = `DigiCert answered unexpectedly: HTTP ${statusCode} with ${bodyKind}`;
		else
			message = `DigiCert answered unexpectedly: HTTP ${statusCode} without an error in its usual format`;
	}
	const description =
		[
			entries.length > 0
				? `DigiCert answered HTTP ${statusCode}: ${digiCertSays}.`
				: `DigiCert answered HTTP ${statusCode}.`,
			advice,
		]
			.filter(Boolean)
			.join(' ') +
		// A server error may have come after DigiCert did the change (see surelyNotActed).
		(statusCode >= 500 && !surelyNotActed({ status: statusCode, codes: entries.map((e) => e.code) })
			? checkBeforeRetrying(method, subject)
			: '');

	// Only DigiCert's own error entries travel with the error, never the request (its headers hold the key).
	return apiError(
		node,
		{ message, description, httpCode: statusCode, errors: entries, itemIndex },
		apiKey,
	);
}

/** What to do when something other than DigiCert's API seems to have answered. */
export const CDN_ADVICE =
	"A proxy or DigiCert's CDN may have answered instead of the API (an outage or a block). Check the credential's region or base URL, and try again later.";

/** A body that starts like an HTML page (some CDNs send one without saying so). */
export function looksLikeHtml(raw: unknown): boolean {
	const text = Buffer.isBuffer(raw)
		? raw.subarray(0, 100).toString('utf8')
		: typeof raw === 'string'
			? raw.slice(0, 100)
			: '';
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

/** An answer that is not what DigiCert's API gives (a redirect, an HTML page, a file echoing the key). */
export function unexpectedAnswer(
	node: INode,
	answer: { statusCode: number; what: string; advice: string; itemIndex: number },
	apiKey: string,
): NodeApiError {
	const { statusCode, what, advice, itemIndex } = answer;
	return apiError(
		node,
		{
			message: `DigiCert answered unexpectedly: HTTP ${statusCode} with ${what}`,
			description: advice,
			httpCode: statusCode,
			itemIndex,
		},
		apiKey,
	);
}

export interface FailedConnection {
	/** The request's HTTP method: a change may have reached DigiCert before the connection broke. */
	method: string;
	/** e.g. "Order 12345": what to check in CertCentral when a change may have been done. */
	subject?: string;
	error: unknown;
	/** How many times the request was sent. */
	attempts: number;
	host: string;
	timeoutMs: number;
	itemIndex: number;
	apiKey: string;
}

/** A request that got no answer (timeout, reset, unknown host, TLS, ...), as an error a user can act on. */
export function networkError(node: INode, failure: FailedConnection): NodeApiError {
	const { method, subject, error, attempts, host, timeoutMs, itemIndex, apiKey } = failure;
	const code = networkCode(error);
	const tried = `tried ${times(attempts)}`;
	const unsure = MAYBE_SENT_NETWORK_CODES.has(code ?? '')
		? checkBeforeRetrying(method, subject)
		: '';
	let message: string;
	let advice: string;
	if (
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		(code?.startsWith('UND_ERR_') && code.endsWith('TIMEOUT'))
	) {
		message = `DigiCert did not answer within ${timeoutMs} ms (${tried})`;
		advice = `Raise the node's Settings > Rate Limit and Retries > Timeout, or try again later.${unsure}`;
	} else if (
		code === 'ECONNRESET' ||
		code === 'EPIPE' ||
		code === 'UND_ERR_SOCKET' ||
		code === 'ERR_BAD_RESPONSE'
	) {
		message = `The connection to DigiCert at ${host} broke before its answer was complete (${code}, ${tried})`;
		advice = `Check the network or proxy between n8n and ${host}, or try again later.${unsure}`;
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		message = `The DigiCert host ${host} could not be found (${code})`;
		advice = "Check the credential's region or base URL, and this machine's DNS.";
	} else {
		// Unusual failures (TLS, proxy, ...) keep their own words, which say what is wrong.
		const reason =
			error instanceof Error && error.message ? ` ${error.message.replace(/\.?$/, '.')}` : '';
		message = `Could not reach DigiCert at ${host} (${code ?? 'unknown error'}, ${tried})`;
		advice =
			`${reason.trim()} Check the network or proxy between n8n and ${host}, and the credential's region or base URL.${unsure}`.trim();
	}
	// A fresh error: the original holds the request, whose headers hold the key.
	return apiError(node, { message, description: advice, code, itemIndex }, apiKey);
}
