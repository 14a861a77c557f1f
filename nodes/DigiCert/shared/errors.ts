import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** DigiCert's error body: `{"errors":[{"code":"...","message":"..."}]}`. */
export interface DigiCertErrorEntry {
	code: string;
	message: string;
}

/** The entries of a DigiCert error body, or none when the body is not one. */
export function parseDigiCertErrors(body: unknown): DigiCertErrorEntry[] {
	if (typeof body !== 'object' || body === null) return [];
	const errors = (body as { errors?: unknown }).errors;
	if (!Array.isArray(errors)) return [];
	return errors
		.filter((entry): entry is JsonObject => typeof entry === 'object' && entry !== null)
		.map((entry) => ({
			code: typeof entry.code === 'string' ? entry.code : 'unknown',
			message: typeof entry.message === 'string' ? entry.message : '',
		}));
}

/** Replaces every occurrence of the secret, so nothing DigiCert echoes back can leak it. */
export function redact(text: string, secret: string): string {
	return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

export interface FailedExchange {
	statusCode: number;
	body: unknown;
	/** e.g. "Order 12345": what a 404 was about. */
	subject?: string;
	/** How many times the request was sent. */
	attempts: number;
	itemIndex: number;
	apiKey: string;
}

/** What to tell the user for DigiCert's well-known failures: [message, what to do]. */
function explain(statusCode: number, codes: string[], subject: string | undefined, attempts: number) {
	const has = (code: string) => codes.some((c) => c === code || c.endsWith(`|${code}`));
	if (statusCode === 403 && has('access_denied_invalid_key')) {
		return [
			'DigiCert rejected the API key',
			'Check the API key in the DigiCert credential, and that its region (US or Europe) is the CertCentral instance the key was made in.',
		];
	}
	if (statusCode === 403 && has('missing_permission')) {
		return [
			undefined,
			"The API key's user role (or the key's restrictions, e.g. View Only) lacks access to this operation: use a key with the needed permissions.",
		];
	}
	if (statusCode === 404 && subject !== undefined && !has('route')) {
		return [`${subject} was not found in DigiCert`, 'Check the ID, and that the credential points at the account that owns it.'];
	}
	if (statusCode === 429) {
		return [
			`DigiCert's rate limit was still exceeded after ${attempts} attempts`,
			'DigiCert allows 100 requests per 5 seconds and 1000 per 3 minutes for each API key, shared by every workflow using it. Lower the node\'s rate limit option, or run fewer items at once.',
		];
	}
	if (statusCode >= 500) {
		return [
			undefined,
			`DigiCert had a server error (tried ${attempts} times). Try again later; if it persists, check DigiCert's status page.`,
		];
	}
	return [undefined, undefined];
}

/** A DigiCert answer with an error status, as a NodeApiError a user can act on. */
export function digiCertApiError(node: INode, failure: FailedExchange): NodeApiError {
	const { statusCode, subject, attempts, itemIndex, apiKey } = failure;
	const entries = parseDigiCertErrors(failure.body);
	const codes = entries.map((e) => e.code);
	const [headline, advice] = explain(statusCode, codes, subject, attempts);
	const digiCertSays = entries.map((e) => `${e.message || '(no message)'} [${e.code}]`).join('; ');

	let message = headline ?? entries.find((e) => e.message)?.message;
	if (message === undefined) {
		message =
			entries.length > 0
				? `DigiCert refused the request (HTTP ${statusCode})`
				: `DigiCert answered unexpectedly (HTTP ${statusCode}) without an error in its usual format`;
	}
	const description = [
		entries.length > 0 ? `DigiCert answered HTTP ${statusCode}: ${digiCertSays}.` : undefined,
		advice,
	]
		.filter(Boolean)
		.join(' ');

	// Only DigiCert's own error entries travel with the error, never the request (its headers hold the key).
	const errorResponse: JsonObject = {
		httpCode: String(statusCode),
		errors: entries.map((e) => ({ code: redact(e.code, apiKey), message: redact(e.message, apiKey) })),
	};
	return new NodeApiError(node, errorResponse, {
		message: redact(message, apiKey),
		description: description ? redact(description, apiKey) : undefined,
		httpCode: String(statusCode),
		itemIndex,
	});
}
