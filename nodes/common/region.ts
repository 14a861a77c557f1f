import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REGION_BASE_URLS = {
	us: 'https://www.digicert.com/services/v2',
	eu: 'https://certcentral.digicert.eu/services/v2',
} as const;

export type DigiCertRegion = keyof typeof REGION_BASE_URLS | 'custom';

/**
 * A URL's trailing slashes. Only a run's first slash may start a match (the lookbehind), so a long
 * run not at the end costs one scan of it, not one scan per slash of the run.
 */
export const TRAILING_SLASHES = /(?<!\/)\/+$/;

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts a plain-http base URL may name. */
export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The base URL the credential points at, without a trailing slash.
 * Throws an Error (the caller wraps it) when a custom URL is not usable: the API key
 * must never travel in clear text to a host that is not this machine.
 */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = (credentials.region as DigiCertRegion | undefined) ?? 'us';
	if (region !== 'custom') {
		// Own keys only: "toString" or "__proto__" must not resolve to something inherited.
		const url = Object.prototype.hasOwnProperty.call(REGION_BASE_URLS, region)
			? REGION_BASE_URLS[region]
			: undefined;
		if (url === undefined) {
			throw new Error(`Unknown DigiCert region "${String(region)}": choose US, EU or Custom`);
		}
		return url;
	}
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (!URL.canParse(raw)) {
		throw new Error(
			`The custom base URL "${raw}" is not a valid URL: enter the full base, e.g. https://proxy.example.com/services/v2`,
		);
	}
	const parsed = new URL(raw);
	if (
		parsed.protocol !== 'https:' &&
		!(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))
	) {
		throw new Error(
			`The custom base URL "${parsed.protocol}//${parsed.host}" must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost), so the API key is never sent in clear text`,
		);
	}
	if (parsed.username || parsed.password || parsed.search || parsed.hash) {
		throw new Error(
			'The custom base URL must not contain a user name, password, query or fragment',
		);
	}
	return `${parsed.origin}${parsed.pathname.replace(TRAILING_SLASHES, '')}`;
}
