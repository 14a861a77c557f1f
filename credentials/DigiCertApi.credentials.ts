import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { REGION_BASE_URLS, resolveBaseUrl } from '../nodes/shared/region';

/** The statuses that redirect; none is followed. */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

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
			description: 'Made in CertCentral under Automation > API Keys. Sent only in the X-DC-DEVKEY header.',
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
		const baseUrl = resolveBaseUrl(credentials);
		const target = new URL(requestOptions.url, requestOptions.baseURL ?? baseUrl);
		if (target.origin !== new URL(baseUrl).origin) {
			throw new Error(
				`Refusing to send the DigiCert API key to ${target.origin}: the credential is for ${new URL(baseUrl).origin}`,
			);
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-DC-DEVKEY': String(credentials.apiKey ?? '') },
		};
	};

	// The same base URL the node uses (resolveBaseUrl): trimmed, without trailing slashes. A bad custom
	// URL is refused by `authenticate`, whose message "Test connection" then shows.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.region === "custom" ? String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") : ($credentials.region === "eu" ? "${REGION_BASE_URLS.eu}" : "${REGION_BASE_URLS.us}") }}`,
			url: '/user/me',
			method: 'GET',
			// n8n keeps custom headers on a redirect to another host: following one would hand that
			// host the X-DC-DEVKEY header. The node never follows redirects either.
			disableFollowRedirect: true,
		},
		// Without rules, n8n shows only the HTTP status text ("Forbidden", "Found").
		rules: [
			...REDIRECT_STATUSES.map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The base URL redirects (HTTP ${value}): Test connection does not follow redirects, so the API key goes only to the credential's host. Use the address the API itself answers at (ending in /services/v2).`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'DigiCert rejected the API key (HTTP 403). Check the key, and that the region (US or Europe) is the CertCentral instance it was made in.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No DigiCert API answered at this base URL (HTTP 404). A custom base URL must end in /services/v2.',
				},
			},
		],
	};
}
