import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { REGION_BASE_URLS, resolveBaseUrl } from '../nodes/common/region';

/** The statuses that redirect; none is followed. */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * The statuses that still fail the test request as errors: every 3xx–5xx but 403. A 403 comes back
 * as an answer, so the rules can read DigiCert's error code in it: a key DigiCert does not know
 * (`access_denied|access_denied_invalid_key`) and a key it knows whose user or restriction does not
 * allow the call (`access_denied|missing_permission`) need different fixes. (n8n 1.x ignores the
 * list and passes every status: the answer rules below then cover the others too.)
 */
const STATUSES_STILL_FAILING = Array.from({ length: 300 }, (_, i) => 300 + i).filter(
	(status) => status !== 403,
);

/** The base URL and origin of each credential seen, so a run's requests do not parse them again. */
const resolvedBases = new WeakMap<
	object,
	{ region: unknown; url: unknown; baseUrl: string; origin: string }
>();

function resolvedBase(credentials: ICredentialDataDecryptedObject) {
	const known = resolvedBases.get(credentials);
	if (known?.region === credentials.region && known.url === credentials.baseUrl) return known;
	const baseUrl = resolveBaseUrl(credentials);
	const resolved = {
		region: credentials.region,
		url: credentials.baseUrl,
		baseUrl,
		origin: new URL(baseUrl).origin,
	};
	resolvedBases.set(credentials, resolved);
	return resolved;
}

export class DigiCertApi implements ICredentialType {
	name = 'digiCertApi';

	displayName = 'DigiCert CertCentral API';

	icon: Icon = { light: 'file:digicert.svg', dark: 'file:digicert.dark.svg' };

	documentationUrl = 'https://dev.digicert.com/en/certcentral-apis/authentication.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US', value: 'us', description: REGION_BASE_URLS.us },
				{ name: 'Europe', value: 'eu', description: REGION_BASE_URLS.eu },
				{ name: 'Custom', value: 'custom', description: 'A proxy or test server' },
			],
			default: 'us',
			description: 'The CertCentral instance your account lives in (the key only works there)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://proxy.example.com/services/v2',
			description:
				'The full base URL including /services/v2. Must use https://, except for 127.0.0.1 or localhost.',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Made in CertCentral under Automation > API Keys. Sent only in the X-DC-DEVKEY header.',
		},
	];

	/**
	 * A function rather than generic auth: n8n evaluates no expression per request, and the key is
	 * only ever attached to requests aimed at the credential's own DigiCert host.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const { baseUrl, origin } = resolvedBase(credentials);
		const target = new URL(requestOptions.url, requestOptions.baseURL ?? baseUrl);
		if (target.origin !== origin) {
			throw new Error(
				`Refusing to send the DigiCert API key to ${target.origin}: the credential is for ${origin}`,
			);
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-DC-DEVKEY': String(credentials.apiKey ?? '') },
		};
	};

	// The same base URL the node uses (resolveBaseUrl): trimmed, without trailing slashes (as
	// TRAILING_SLASHES, linear in a run of them). A bad custom
	// URL is refused by `authenticate`, whose message "Test connection" then shows.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.region === "custom" ? String($credentials.baseUrl || "").trim().replace(/(?<!\\/)\\/+$/, "") : ($credentials.region === "eu" ? "${REGION_BASE_URLS.eu}" : "${REGION_BASE_URLS.us}") }}`,
			url: '/user/me',
			method: 'GET',
			// n8n keeps custom headers on a redirect to another host: following one would hand that
			// host the X-DC-DEVKEY header. The node never follows redirects either.
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: { ignore: true, except: STATUSES_STILL_FAILING },
		},
		// Without rules, n8n shows only the HTTP status text ("Forbidden", "Found").
		// Both kinds of rule in one list: n8n's tester checks each rule by its type, though the type
		// declares a list of one kind.
		rules: [
			...REDIRECT_STATUSES.map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The base URL redirects (HTTP ${value}): Test connection does not follow redirects, so the API key goes only to the credential's host. Use the address the API itself answers at (ending in /services/v2).`,
				},
			})),
			{
				type: 'responseCode' as const,
				properties: {
					value: 403,
					message:
						'DigiCert rejected the API key (HTTP 403). Check the key, and that the region (US or Europe) is the CertCentral instance it was made in.',
				},
			},
			{
				type: 'responseCode' as const,
				properties: {
					value: 404,
					message:
						'No DigiCert API answered at this base URL (HTTP 404). A custom base URL must end in /services/v2.',
				},
			},
			// The answers that come back (a 403, or any status on n8n 1.x): DigiCert's error code, then "no user".
			{
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'errors.0.code',
					value: 'access_denied|access_denied_invalid_key',
					message:
						'DigiCert rejected the API key (HTTP 403). Check the key, and that the region (US or Europe) is the CertCentral instance it was made in.',
				},
			},
			{
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'errors.0.code',
					value: 'access_denied|missing_permission',
					message:
						"DigiCert accepted the API key, but the key's user role or the key's restriction (e.g. Orders only, View Only) does not allow GET /user/me, the call this test makes (HTTP 403 missing_permission). Operations the key is allowed may still work; for every operation of this node, use a key without restrictions whose user may manage orders and requests.",
				},
			},
			{
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'errors.0.code',
					value: 'not_found|route',
					message:
						'No DigiCert API answered at this base URL (HTTP 404). A custom base URL must end in /services/v2.',
				},
			},
			{
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'id',
					value: undefined,
					message:
						"DigiCert did not answer with the API key's user: the base URL does not lead to DigiCert's API (a redirect, which Test connection does not follow, or another server answered). A custom base URL must end in /services/v2.",
				},
			},
		] as unknown as ICredentialTestRequest['rules'],
	};
}
