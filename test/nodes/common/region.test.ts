import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REGION_BASE_URLS, isLoopbackHost, resolveBaseUrl } from '../../../nodes/common/region';

describe('REGION_BASE_URLS', () => {
	it("are DigiCert's two CertCentral instances", () => {
		expect(REGION_BASE_URLS).toEqual({
			us: 'https://www.digicert.com/services/v2',
			eu: 'https://certcentral.digicert.eu/services/v2',
		});
	});
});

describe('isLoopbackHost', () => {
	it.each(['localhost', '127.0.0.1', '127.1.2.3', '127.255.255.255', '[::1]', '::1'])(
		'%s is loopback',
		(host) => {
			expect(isLoopbackHost(host)).toBe(true);
		},
	);

	it.each([
		'127.0.0.1.evil.example',
		'localhost.evil.example',
		'evil-localhost',
		'0.0.0.0',
		'128.0.0.1',
		'10.0.0.1',
		'192.168.1.1',
		'[::ffff:7f00:1]',
		'www.digicert.com',
		'',
	])('%s is not loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});
});

describe('resolveBaseUrl', () => {
	it.each([
		['no region (older credentials): US', {}, REGION_BASE_URLS.us],
		['us', { region: 'us' }, REGION_BASE_URLS.us],
		['eu', { region: 'eu' }, REGION_BASE_URLS.eu],
		[
			'us ignores a leftover custom URL',
			{ region: 'us', baseUrl: 'http://evil.example' },
			REGION_BASE_URLS.us,
		],
	])('%s', (_name, credentials, expected) => {
		expect(resolveBaseUrl({ apiKey: 'k', ...credentials })).toBe(expected);
	});

	const custom = (baseUrl: string) => resolveBaseUrl({ region: 'custom', baseUrl, apiKey: 'k' });

	it.each([
		'https://proxy.example.test/services/v2',
		'https://proxy.example.test:8443/digicert/services/v2',
		'http://127.0.0.1:8080/services/v2',
		'http://[::1]:8080/services/v2',
		'http://127.0.0.1:8080',
	])(
		'keeps the custom base URL %s as it is (https, or http on this machine; any path)',
		(baseUrl) => {
			expect(custom(baseUrl)).toBe(baseUrl);
		},
	);

	it.each([
		[
			'a trailing slash removed',
			'https://proxy.example.test/services/v2/',
			'https://proxy.example.test/services/v2',
		],
		[
			'many trailing slashes removed',
			'https://proxy.example.test/services/v2///',
			'https://proxy.example.test/services/v2',
		],
		[
			'spaces trimmed',
			'  https://proxy.example.test/services/v2 ',
			'https://proxy.example.test/services/v2',
		],
		[
			'the host lower-cased',
			'https://PROXY.Example.test/services/v2',
			'https://proxy.example.test/services/v2',
		],
		[
			'http on localhost, its slash removed',
			'http://localhost:8080/services/v2/',
			'http://localhost:8080/services/v2',
		],
	])('a custom base URL with %s', (_name, baseUrl, expected) => {
		expect(custom(baseUrl)).toBe(expected);
	});

	it.each([
		[
			'plain http to another host',
			'http://proxy.example.test/services/v2',
			'The custom base URL "http://proxy.example.test" must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost), so the API key is never sent in clear text',
		],
		['plain http to a private address', 'http://10.0.0.5/services/v2', 'must use https://'],
		[
			'plain http to a look-alike of localhost',
			'http://localhost.evil.example/services/v2',
			'must use https://',
		],
		[
			'another scheme',
			'ftp://proxy.example.test/services/v2',
			'The custom base URL "ftp://proxy.example.test" must use https://',
		],
		['a file URL', 'file:///etc/passwd', 'The custom base URL "file://" must use https://'],
		[
			'not a URL',
			'proxy.example.test/services/v2',
			'The custom base URL "proxy.example.test/services/v2" is not a valid URL',
		],
		['empty', '', 'The custom base URL "" is not a valid URL'],
		[
			'a user name and password',
			'https://user:secret@proxy.example.test/services/v2',
			'must not contain a user name, password, query or fragment',
		],
		[
			'a query',
			'https://proxy.example.test/services/v2?a=1',
			'must not contain a user name, password, query or fragment',
		],
		[
			'a fragment',
			'https://proxy.example.test/services/v2#x',
			'must not contain a user name, password, query or fragment',
		],
	])('refuses a custom base URL with %s', (_name, baseUrl, message) => {
		expect(() => resolveBaseUrl({ region: 'custom', baseUrl, apiKey: 'k' })).toThrow(message);
	});

	it('never repeats a password given in the URL', () => {
		expect(() =>
			resolveBaseUrl({
				region: 'custom',
				baseUrl: 'http://user:s3cret-pw@proxy.example.test/',
				apiKey: 'k',
			}),
		).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret-pw') }));
	});

	it('refuses a custom region without a base URL', () => {
		expect(() => resolveBaseUrl({ region: 'custom', apiKey: 'k' })).toThrow('is not a valid URL');
	});

	it.each(['asia', '', 'toString', '__proto__', 'constructor'])(
		'refuses the unknown region %j',
		(region) => {
			expect(() => resolveBaseUrl({ region, apiKey: 'k' })).toThrow(
				`Unknown DigiCert region "${region}"`,
			);
		},
	);
});

describe('trailing slashes', () => {
	it('are trimmed from a custom base URL, and slashes elsewhere kept', () => {
		const base = 'https://proxy.example.com/services/v2';
		expect(resolveBaseUrl({ region: 'custom', baseUrl: `${base}${'/'.repeat(5)}` })).toBe(base);
		expect(resolveBaseUrl({ region: 'custom', baseUrl: `${base}${'/'.repeat(40_000)}x` })).toBe(
			`${base}${'/'.repeat(40_000)}x`,
		);
	});

	/**
	 * `/\/+$/` tries every slash of a run as a start and scans the run from each: 40,000 slashes
	 * not at the end cost 1.6 s. A pattern ending in a quantifier before `$` is linear only when
	 * anchored at the start (`^`) or when only a run's first character may start it (`(?<!…)`).
	 */
	it('are trimmed by no pattern that is quadratic in a run of them (structural)', () => {
		const root = join(__dirname, '../../..');
		const sources = ['nodes', 'credentials'].flatMap((dir) =>
			(readdirSync(join(root, dir), { recursive: true }) as string[])
				.filter((file) => file.endsWith('.ts'))
				.map((file) => join(dir, file)),
		);
		const risky = sources.flatMap((file) =>
			readFileSync(join(root, file), 'utf8')
				.split('\n')
				.map((line, index) => ({ where: `${file}:${index + 1}`, line }))
				.filter(({ line }) => /[+*]\$\//.test(line) && !/\/\^/.test(line) && !/\(\?<!/.test(line))
				.map(({ where, line }) => `${where}: ${line.trim()}`),
		);
		expect(risky).toEqual([]);
	});
});
