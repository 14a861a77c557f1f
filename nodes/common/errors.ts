import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAYBE_SENT_NETWORK_CODES, networkCode, SAFE_METHODS, surelyNotActed } from './retry';
import { redactEncoded } from './redaction';

/** DigiCert's error body: `{"errors":[{"code":"...","message":"..."}]}`. */
export interface DigiCertErrorEntry {
	code: string;
	message: string;
}

/** Long enough for any DigiCert message; an echoed page or request is cut, not dumped. */
const MAX_ENTRY_LENGTH = 300;

/** DigiCert lists a few errors at most; a body listing thousands is cut to these (and a count). */
export const MAX_ERROR_ENTRIES = 10;

/** An error's message and description stay this short, whatever they quote. */
const MAX_MESSAGE_LENGTH = 1000;
const MAX_DESCRIPTION_LENGTH = 5000;

/** Redacts, then cuts: a key straddling the cut would otherwise escape redaction in part. */
function clip(text: string, secret: string, maxLength = MAX_ENTRY_LENGTH): string {
	const redacted = redactEncoded(text, secret);
	return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}

/** The entries of a DigiCert error body, as they came (unredacted), or none when the body is not one. */
function errorEntries(body: unknown): JsonObject[] {
	if (typeof body !== 'object' || body === null) return [];
	const errors = (body as { errors?: unknown }).errors;
	if (!Array.isArray(errors)) return [];
	return errors.filter(
		(entry): entry is JsonObject =>
			typeof entry === 'object' && entry !== null && !Array.isArray(entry),
	);
}

/**
 * The first MAX_ERROR_ENTRIES entries of a DigiCert error body (the key redacted, each cut to
 * MAX_ENTRY_LENGTH), or none when the body is not one.
 */
export function parseDigiCertErrors(body: unknown, secret: string): DigiCertErrorEntry[] {
	return errorEntries(body)
		.slice(0, MAX_ERROR_ENTRIES)
		.map((entry) => ({
			code:
				typeof entry.code === 'string' && entry.code !== '' ? clip(entry.code, secret) : 'unknown',
			message: typeof entry.message === 'string' ? clip(entry.message, secret) : '',
		}));
}

/** How many entries of a DigiCert error body `parseDigiCertErrors` left out. */
export function omittedErrorCount(body: unknown): number {
	return Math.max(0, errorEntries(body).length - MAX_ERROR_ENTRIES);
}

/** DigiCert's entries as a sentence's end: `msg [code]; msg [code] and 12 more`. */
export function entriesText(entries: DigiCertErrorEntry[], omitted = 0): string {
	const listed = entries.map((e) => `${e.message || '(no message)'} [${e.code}]`).join('; ');
	return omitted > 0 ? `${listed} and ${omitted.toLocaleString('en-US')} more` : listed;
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
	const message = clip(parts.message, apiKey, MAX_MESSAGE_LENGTH);
	const description =
		parts.description === undefined
			? undefined
			: clip(parts.description, apiKey, MAX_DESCRIPTION_LENGTH);
	const httpCode = parts.httpCode === undefined ? undefined : String(parts.httpCode);
	const errorResponse: JsonObject = {
		...(httpCode ? { httpCode } : {}),
		...(parts.code ? { code: clip(parts.code, apiKey) } : {}),
		...(parts.errors
			? {
					errors: parts.errors.map((e) => ({
						code: clip(e.code, apiKey),
						message: clip(e.message, apiKey),
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
	if (statusCode === 400 && has('invalid_dns_method')) {
		return [
			'DigiCert cannot check DCV for this order: its DCV method is email (or none)',
			'Use Order > Change DCV Method to DNS TXT, DNS CNAME or HTTP File, publish the value it outputs, then check again.',
		];
	}
	if (statusCode >= 400 && codes.some((c) => /random_value/.test(c) && /expire/.test(c))) {
		return [
			undefined,
			'Get a new value with Order > Get DCV Random Value, publish it in place of the old one, then check DCV again.',
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
		entries.length > 0 ? ` (${entriesText(entries, omittedErrorCount(failure.body))})` : '';
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
	const digiCertSays = entriesText(entries, omittedErrorCount(failure.body));

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

/**
 * A change DigiCert answered with success (2xx) in a form the node cannot read (an HTML page, cut-off
 * or odd JSON, an answer too large): DigiCert most likely made the change, so the user must look in
 * CertCentral before running the item again; it is never sent again by the node.
 */
export function changeProbablyMadeError(
	node: INode,
	answer: { statusCode: number; what: string; subject?: string; itemIndex: number },
	apiKey: string,
): NodeApiError {
	const { statusCode, what, subject, itemIndex } = answer;
	return apiError(
		node,
		{
			message: `The change was probably made, but DigiCert's answer (HTTP ${statusCode}) was ${what}`,
			description: `Check ${subject ?? 'the change'} in CertCentral before running this item again, so nothing is done twice. DigiCert answered with success, so the node did not send it again; what it sent back could not be read (a proxy or DigiCert's CDN may have changed the answer), so this item has no output.`,
			httpCode: statusCode,
			itemIndex,
		},
		apiKey,
	);
}

/** What to do when something other than DigiCert's API seems to have answered. */
export const CDN_ADVICE =
	"A proxy or DigiCert's CDN may have answered instead of the API (an outage or a block). Check the credential's region or base URL, and try again later.";

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

/** A list that stopped advancing, or ran past the pages its total allows: nothing rather than part of it. */
export function listNotAdvancingError(
	node: INode,
	failure: { what: string; itemIndex: number },
	apiKey: string,
): NodeApiError {
	return apiError(
		node,
		{
			message: `DigiCert's list did not advance: ${failure.what}`,
			description:
				"Nothing was returned rather than an incomplete list. The list may have changed a lot while it was read (try again), or a proxy in between ignores the offset parameter (check the credential's base URL).",
			itemIndex: failure.itemIndex,
		},
		apiKey,
	);
}

/** A list whose pages passed the bytes the node reads at once: nothing rather than part of it. */
export function listTooLargeError(
	node: INode,
	failure: { maxBytes: number; pages: number; elements: number; itemIndex: number },
	apiKey: string,
): NodeApiError {
	const { maxBytes, pages, elements, itemIndex } = failure;
	const megabytes = Number((maxBytes / 1024 / 1024).toFixed(1));
	return apiError(
		node,
		{
			message: `DigiCert's list is larger than the node reads at once: over ${megabytes} MB in ${pages} pages (${elements.toLocaleString('en-US')} elements), and more to come`,
			description:
				"Nothing was returned rather than part of the list, and n8n's memory was spared the rest. Turn off Return All and set a Limit, or narrow the list with the operation's filters (for example a status or a date range), and read it in parts.",
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
