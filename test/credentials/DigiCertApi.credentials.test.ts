import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigiCertApi } from '../../credentials/DigiCertApi.credentials';
import { REGION_BASE_URLS } from '../../nodes/common/region';
import { testConnection } from '../helpers/credentialTest';
import {
	TestNodeTypes,
	capturedLogs,
	outboundUrls,
	regionRedirect,
	resetEngineRecords,
} from '../helpers/engine';
import { useFakeCertCentral } from '../helpers/useFakeCertCentral';
import type { HostileServer } from '../helpers/hostileServer';
import { startHostileServer } from '../helpers/hostileServer';

const KEY = 'dc-unit-key-1234567890';
const credential = new DigiCertApi();

async function authenticate(
	data: ICredentialDataDecryptedObject,
	options: Partial<IHttpRequestOptions>,
) {
	if (typeof credential.authenticate !== 'function')
		throw new Error('authenticate must be a function');
	return await credential.authenticate(data, { url: '', ...options } as IHttpRequestOptions);
}

async function refusal(
	data: ICredentialDataDecryptedObject,
	options: Partial<IHttpRequestOptions>,
): Promise<Error> {
	try {
		await authenticate(data, options);
	} catch (error) {
		return error as Error;
	}
	throw new Error('authenticate did not refuse');
}

describe('the credential type', () => {
	it('has the contract fields: region (us default, eu, custom), baseUrl shown for custom, apiKey as a password', () => {
		expect(credential.name).toBe('digiCertApi');
		const [region, baseUrl, apiKey] = credential.properties;
		expect(region).toMatchObject({ name: 'region', type: 'options', default: 'us' });
		expect(region.options?.map((o) => (o as { value: string }).value)).toEqual([
			'us',
			'eu',
			'custom',
		]);
		expect(baseUrl).toMatchObject({
			name: 'baseUrl',
			displayOptions: { show: { region: ['custom'] } },
		});
		expect(apiKey).toMatchObject({
			name: 'apiKey',
			typeOptions: { password: true },
			required: true,
		});
	});
});

describe('authenticate', () => {
	it.each([
		['us', `${REGION_BASE_URLS.us}/request/198`],
		['eu', `${REGION_BASE_URLS.eu}/request/198`],
	])('adds X-DC-DEVKEY for the %s host, keeping the other headers', async (region, url) => {
		const out = await authenticate(
			{ region, apiKey: KEY },
			{ url, method: 'GET', headers: { Accept: 'application/json' } },
		);
		expect(out).toMatchObject({
			url,
			method: 'GET',
			headers: { Accept: 'application/json', 'X-DC-DEVKEY': KEY },
		});
	});

	it('the same credential changed to another region is checked against the new host (nothing stale is kept)', async () => {
		const data: ICredentialDataDecryptedObject = { region: 'us', apiKey: KEY };
		await authenticate(data, { url: `${REGION_BASE_URLS.us}/user/me` });
		data.region = 'eu';
		const refused = await refusal(data, { url: `${REGION_BASE_URLS.us}/user/me` });
		expect(refused.message).toContain('Refusing to send the DigiCert API key');
		data.region = 'custom';
		data.baseUrl = 'http://127.0.0.1:9/services/v2';
		expect((await refusal(data, { url: `${REGION_BASE_URLS.eu}/user/me` })).message).toContain(
			'the credential is for http://127.0.0.1:9',
		);
	});

	it('does not change the request it was given', async () => {
		const options = {
			url: `${REGION_BASE_URLS.us}/user/me`,
			headers: { Accept: 'application/json' },
		};
		await authenticate({ region: 'us', apiKey: KEY }, options);
		expect(options.headers).toEqual({ Accept: 'application/json' });
	});

	it('adds the key to a request given as baseURL + relative url (the credential test request)', async () => {
		const out = await authenticate(
			{ region: 'custom', baseUrl: 'http://127.0.0.1:9/services/v2/', apiKey: KEY },
			{ baseURL: 'http://127.0.0.1:9/services/v2', url: '/user/me' },
		);
		expect(out.headers).toEqual({ 'X-DC-DEVKEY': KEY });
	});

	it.each([
		[
			'another host',
			{ region: 'us' },
			{ url: 'https://evil.example/services/v2/user/me' },
			'https://evil.example',
		],
		[
			'the other region',
			{ region: 'us' },
			{ url: `${REGION_BASE_URLS.eu}/user/me` },
			'https://certcentral.digicert.eu',
		],
		[
			'plain http to the right host',
			{ region: 'us' },
			{ url: 'http://www.digicert.com/services/v2/user/me' },
			'http://www.digicert.com',
		],
		[
			'a protocol-relative url',
			{ region: 'eu' },
			{ baseURL: REGION_BASE_URLS.eu, url: '//evil.example/x' },
			'https://evil.example',
		],
		[
			'another port on loopback',
			{ region: 'custom', baseUrl: 'http://127.0.0.1:8080/services/v2' },
			{ url: 'http://127.0.0.1:8081/services/v2/user/me' },
			'http://127.0.0.1:8081',
		],
		[
			'a baseURL of another host',
			{ region: 'us' },
			{ baseURL: 'https://evil.example', url: '/user/me' },
			'https://evil.example',
		],
	])('refuses to send the key to %s', async (_name, data, options, origin) => {
		const error = await refusal({ ...data, apiKey: KEY }, options);
		expect(error.message).toContain(`Refusing to send the DigiCert API key to ${origin}`);
		expect(error.message).not.toContain(KEY);
	});

	it.each([
		[
			'plain http to another host',
			'http://digicert-proxy.example.test/services/v2',
			'must use https://',
		],
		['not a URL', 'digicert proxy', 'is not a valid URL'],
		['empty', '', 'is not a valid URL'],
		[
			'with a user name',
			'https://user:pass@proxy.example.test/services/v2',
			'must not contain a user name',
		],
		[
			'with a query',
			'https://proxy.example.test/services/v2?x=1',
			'must not contain a user name, password, query',
		],
	])('refuses a custom base URL that is %s', async (_name, baseUrl, message) => {
		const error = await refusal(
			{ region: 'custom', baseUrl, apiKey: KEY },
			{ url: `${baseUrl}/user/me` },
		);
		expect(error.message).toContain(message);
		expect(error.message).not.toContain(KEY);
	});
});

describe('the test request', () => {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: 'n8n-nodes-digicert.digiCert',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const resolveBaseURL = ($credentials: ICredentialDataDecryptedObject) =>
		workflow.expression.getSimpleParameterValue(node, credential.test.request.baseURL, 'internal', {
			$credentials,
		});

	it('is GET /user/me', () => {
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/user/me' });
	});

	it.each([
		['us', { region: 'us' }, REGION_BASE_URLS.us],
		['eu', { region: 'eu' }, REGION_BASE_URLS.eu],
		[
			'custom',
			{ region: 'custom', baseUrl: 'https://proxy.example.test/services/v2' },
			'https://proxy.example.test/services/v2',
		],
		[
			'custom with trailing slashes',
			{ region: 'custom', baseUrl: 'http://127.0.0.1:8080/services/v2//' },
			'http://127.0.0.1:8080/services/v2',
		],
		['custom without a base URL', { region: 'custom' }, ''],
		[
			'custom with spaces around it',
			{ region: 'custom', baseUrl: ' https://proxy.example.test/services/v2/ ' },
			'https://proxy.example.test/services/v2',
		],
	])('has a baseURL that n8n resolves to the %s base', (_name, data, expected) => {
		expect(resolveBaseURL({ ...data, apiKey: KEY })).toBe(expected);
	});
});

describe('Test connection (n8n-core RoutingNode, as n8n runs it)', () => {
	const server = useFakeCertCentral();
	beforeEach(() => resetEngineRecords());
	afterEach(() => {
		expect(capturedLogs.join('\n')).not.toContain(server.apiKey);
	});

	it('succeeds with a good key: GET /user/me with X-DC-DEVKEY', async () => {
		const result = await testConnection({
			region: 'custom',
			baseUrl: server.baseUrl,
			apiKey: server.apiKey,
		});

		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/services/v2/user/me',
			query: {},
		});
		expect(server.requests[0].headers['x-dc-devkey']).toBe(server.apiKey);
		expect(result.response?.[0][0].json).toMatchObject({ username: 'john.smith' });
	});

	it('fails with a bad key (403), saying the key was rejected', async () => {
		const result = await testConnection({
			region: 'custom',
			baseUrl: `${server.baseUrl}/`,
			apiKey: 'dc-wrong-key-99999',
		});

		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].headers['x-dc-devkey']).toBe('dc-wrong-key-99999');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^DigiCert rejected the API key \(HTTP 403\)/);
		expect(result.message).not.toContain('dc-wrong-key-99999');
	});

	it.each([
		['us', REGION_BASE_URLS.us],
		['eu', REGION_BASE_URLS.eu],
	])('asks the %s host', async (region, base) => {
		regionRedirect.target = server.origin;
		const result = await testConnection({ region, apiKey: server.apiKey });

		expect(result.message).toBe('Connection successful!');
		expect(result.status).toBe('OK');
		expect(regionRedirect.asked).toEqual([`${base}/user/me`]);
		expect(server.requests.map((r) => r.path)).toEqual(['/services/v2/user/me']);
	});

	it('says when a custom base URL does not lead to the API (404)', async () => {
		const result = await testConnection({
			region: 'custom',
			baseUrl: server.origin,
			apiKey: server.apiKey,
		});

		expect(server.requests.map((r) => r.path)).toEqual(['/user/me']);
		expect(result).toEqual({
			status: 'Error',
			message:
				'No DigiCert API answered at this base URL (HTTP 404). A custom base URL must end in /services/v2.',
		});
	});

	it('says what is wrong with a custom credential whose base URL is empty', async () => {
		// n8n fills in the field's default (''), as it does before a real Test connection.
		const result = await testConnection({ region: 'custom', baseUrl: '', apiKey: server.apiKey });

		expect(result.status).toBe('Error');
		expect(result.message).toContain('is not a valid URL');
		expect(outboundUrls).toEqual([]);
	});

	it('refuses a plain-http custom URL to another host without sending anything', async () => {
		const result = await testConnection({
			region: 'custom',
			baseUrl: 'http://digicert-proxy.example.test/services/v2',
			apiKey: server.apiKey,
		});

		expect(result.status).toBe('Error');
		expect(result.message).toContain('must use https://');
		expect(outboundUrls).toEqual([]);
		expect(server.requests).toEqual([]);
	});

	describe('a base URL that redirects', () => {
		// Another host that would gladly take the key and answer like DigiCert.
		let thief: HostileServer;
		beforeAll(async () => {
			thief = await startHostileServer((_request, res) => {
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify({ id: 1, username: 'john.smith' }));
			});
		});
		afterAll(async () => await thief.close());

		it.each([301, 302, 303, 307, 308])(
			'fails on a %s, and the key never reaches the redirect target',
			async (status) => {
				thief.requests.length = 0;
				server.fail({
					respond: { status, headers: { location: `${thief.origin}/services/v2/user/me` } },
				});

				const result = await testConnection({
					region: 'custom',
					baseUrl: server.baseUrl,
					apiKey: server.apiKey,
				});

				expect(server.requests).toHaveLength(1);
				expect(thief.requests).toEqual([]);
				expect(result).toEqual({
					status: 'Error',
					message: `The base URL redirects (HTTP ${status}): Test connection does not follow redirects, so the API key goes only to the credential's host. Use the address the API itself answers at (ending in /services/v2).`,
				});
			},
		);
	});
});

describe('Test connection with a key DigiCert knows but restricts (API key roles)', () => {
	const ORDERS_ONLY_KEY = 'dc-orders-only-key-4711';
	const USERS_ONLY_KEY = 'dc-user-management-key-0815';
	const restricted = useFakeCertCentral({
		restrictedKeys: { [ORDERS_ONLY_KEY]: 'orders', [USERS_ONLY_KEY]: 'user_management' },
	});

	it('says the key works but its role does not allow the call (403 missing_permission), unlike a bad key', async () => {
		const limited = await testConnection({
			region: 'custom',
			baseUrl: restricted.baseUrl,
			apiKey: ORDERS_ONLY_KEY,
		});
		expect(restricted.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', '/services/v2/user/me'],
		]);
		expect(limited.status).toBe('Error');
		expect(limited.message).toMatch(
			/^DigiCert accepted the API key, but the key's user role or the key's restriction .* does not allow GET \/user\/me/,
		);
		expect(limited.message).not.toContain(ORDERS_ONLY_KEY);

		const wrong = await testConnection({
			region: 'custom',
			baseUrl: restricted.baseUrl,
			apiKey: 'dc-not-a-key-1234',
		});
		expect(wrong.message).toMatch(/^DigiCert rejected the API key \(HTTP 403\)/);
	});

	it('passes for a restricted key that may call GET /user/me', async () => {
		const result = await testConnection({
			region: 'custom',
			baseUrl: restricted.baseUrl,
			apiKey: USERS_ONLY_KEY,
		});
		expect(result).toMatchObject({ status: 'OK' });
	});
});
