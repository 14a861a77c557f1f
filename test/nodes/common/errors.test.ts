import { NodeApiError } from 'n8n-workflow';

import type { FailedExchange } from '../../../nodes/common/errors';
import { apiError, digiCertApiError, parseDigiCertErrors } from '../../../nodes/common/errors';
import { digiCertNode } from '../../helpers/engine';

describe('the messages users see', () => {
	const node = digiCertNode({});
	const KEY = 'dc-secret-key-abcdef123456';
	const body = (...errors: Array<{ code?: unknown; message?: unknown }>) => ({ errors });

	function failure(overrides: Partial<FailedExchange>): FailedExchange {
		return {
			statusCode: 400,
			body: undefined,
			attempts: 1,
			itemIndex: 0,
			apiKey: KEY,
			...overrides,
		};
	}

	describe('parseDigiCertErrors', () => {
		it("reads DigiCert's error entries", () => {
			expect(
				parseDigiCertErrors(body({ code: 'not_found|order', message: 'Order not found.' }), KEY),
			).toEqual([{ code: 'not_found|order', message: 'Order not found.' }]);
		});

		it('fills in what an entry lacks, and skips entries that are not objects', () => {
			expect(
				parseDigiCertErrors(
					{ errors: [{ message: 'x' }, { code: 'c', message: 5 }, 'junk', null] },
					KEY,
				),
			).toEqual([
				{ code: 'unknown', message: 'x' },
				{ code: 'c', message: '' },
			]);
		});

		it.each([
			undefined,
			null,
			'',
			'<html>blocked</html>',
			42,
			[],
			{},
			{ errors: 'no' },
			{ errors: {} },
		])('finds no entries in %j', (value) => {
			expect(parseDigiCertErrors(value, KEY)).toEqual([]);
		});
	});

	describe('digiCertApiError', () => {
		it('says the API key was rejected for 403 access_denied_invalid_key, and names the code', () => {
			const error = digiCertApiError(
				node,
				failure({
					statusCode: 403,
					body: body({
						code: 'access_denied|access_denied_invalid_key',
						message: 'Access denied due to access_denied_invalid_key.',
					}),
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('DigiCert rejected the API key');
			expect(error.description).toBe(
				'DigiCert answered HTTP 403: Access denied due to access_denied_invalid_key. [access_denied|access_denied_invalid_key]. ' +
					'Check the API key in the DigiCert credential, and that its region (US or Europe) is the CertCentral instance the key was made in.',
			);
			expect(error.httpCode).toBe('403');
		});

		it("says the key's user lacks permission for 403 missing_permission, with DigiCert's code", () => {
			const error = digiCertApiError(
				node,
				failure({
					statusCode: 403,
					body: body({ code: 'access_denied|missing_permission', message: 'Permission denied.' }),
				}),
			);
			expect(error.message).toBe("The API key's user lacks permission for this operation");
			expect(error.description).toContain('[access_denied|missing_permission]');
			expect(error.description).toContain('View Only');
		});

		it('names what was not found on 404', () => {
			const error = digiCertApiError(
				node,
				failure({
					statusCode: 404,
					subject: 'Order 12345',
					body: body({ code: 'not_found|order', message: 'Order not found.' }),
				}),
			);
			expect(error.message).toBe('Order 12345 was not found in DigiCert');
			expect(error.description).toContain('[not_found|order]');
			expect(error.httpCode).toBe('404');
		});

		it('says DigiCert does not know the endpoint for a 404 about the route, not the subject', () => {
			const error = digiCertApiError(
				node,
				failure({
					statusCode: 404,
					subject: 'Order 12345',
					body: body({ code: 'not_found|route', message: 'Route not found.' }),
				}),
			);
			expect(error.message).toBe('DigiCert does not know this endpoint');
		});

		it("uses DigiCert's message for a 400 and lists every entry with its code", () => {
			const error = digiCertApiError(
				node,
				failure({
					body: body(
						{ code: 'invalid_filter', message: 'Invalid filter.' },
						{ code: 'bad_request_format', message: 'Bad format.' },
					),
				}),
			);
			expect(error.message).toBe('Invalid filter.');
			expect(error.description).toMatch(
				/^DigiCert answered HTTP 400: Invalid filter\. \[invalid_filter\]; Bad format\. \[bad_request_format\]\./,
			);
			expect(error.httpCode).toBe('400');
		});

		it('takes the first entry that has a message', () => {
			const error = digiCertApiError(
				node,
				failure({ body: body({ code: 'a', message: '' }, { code: 'b', message: 'Second.' }) }),
			);
			expect(error.message).toBe('Second.');
			expect(error.description).toContain('(no message) [a]');
		});

		it('still says something when no entry has a message', () => {
			const error = digiCertApiError(node, failure({ body: body({ code: 'a' }) }));
			expect(error.message).toBe('DigiCert refused the request (HTTP 400)');
		});

		it('says the answer was unexpected when the body is not a DigiCert error', () => {
			const error = digiCertApiError(
				node,
				failure({ statusCode: 418, body: '<html>teapot</html>' }),
			);
			expect(error.message).toBe(
				'DigiCert answered unexpectedly: HTTP 418 without an error in its usual format',
			);
			expect(error.httpCode).toBe('418');
		});

		it('explains a rate limit that outlasted the retries', () => {
			const error = digiCertApiError(
				node,
				failure({
					statusCode: 429,
					attempts: 6,
					body: body({
						code: 'request_limit_exceeded',
						message: 'Service unavailable, please limit request volume',
					}),
				}),
			);
			expect(error.message).toBe("DigiCert's rate limit (429) was still exceeded after 6 attempts");
			expect(error.description).toContain('[request_limit_exceeded]');
			expect(error.description).toContain('100 requests per 5 seconds');
		});

		it('explains a server error, with how often it was tried', () => {
			const error = digiCertApiError(
				node,
				failure({ statusCode: 503, attempts: 3, body: undefined }),
			);
			expect(error.message).toBe(
				'DigiCert answered unexpectedly: HTTP 503 without an error in its usual format',
			);
			expect(error.description).toContain('tried 3 times');
		});

		it('carries the item index', () => {
			const error = digiCertApiError(
				node,
				failure({ itemIndex: 7, body: body({ code: 'x', message: 'y' }) }),
			);
			expect(error.context.itemIndex).toBe(7);
		});

		it('never carries the API key, even when DigiCert echoes it', () => {
			const error = digiCertApiError(
				node,
				failure({
					body: body(
						{ code: `code-${KEY}`, message: `Key ${KEY} is bad` },
						{ code: 'b', message: `again ${KEY}` },
					),
				}),
			);
			expect(error.message).toBe('Key [redacted] is bad');
			expect(JSON.stringify(error)).not.toContain(KEY);
			expect(
				JSON.stringify({
					...error,
					message: error.message,
					description: error.description,
					stack: error.stack,
				}),
			).not.toContain(KEY);
		});
	});
});

describe('failure bodies, redaction and apiError', () => {
	const node = digiCertNode({});
	const KEY = 'SECRET-KEY-1234567890';
	const failure = (statusCode: number, body: unknown, extra: object = {}) =>
		digiCertApiError(node, { statusCode, body, attempts: 1, itemIndex: 3, apiKey: KEY, ...extra });

	describe('parseDigiCertErrors', () => {
		it("reads DigiCert's error entries", () => {
			expect(
				parseDigiCertErrors(
					{ errors: [{ code: 'not_found|order', message: 'Order not found.' }] },
					KEY,
				),
			).toEqual([{ code: 'not_found|order', message: 'Order not found.' }]);
		});

		it('fills in what is missing and skips what is not an entry', () => {
			expect(
				parseDigiCertErrors({ errors: [{ message: 'x' }, { code: 5 }, 'text', null, ['a']] }, KEY),
			).toEqual([
				{ code: 'unknown', message: 'x' },
				{ code: 'unknown', message: '' },
			]);
		});

		it.each([undefined, null, 'text', 42, [], {}, { errors: 'no' }, { error: { message: 'x' } }])(
			'finds none in %j',
			(body) => {
				expect(parseDigiCertErrors(body, KEY)).toEqual([]);
			},
		);

		it('cuts an overlong message', () => {
			const [entry] = parseDigiCertErrors(
				{ errors: [{ code: 'x', message: 'y'.repeat(5000) }] },
				KEY,
			);
			expect(entry.message.length).toBeLessThanOrEqual(301);
		});

		it('redacts before it cuts: a key across the cut leaves no piece of itself', () => {
			const [entry] = parseDigiCertErrors(
				{ errors: [{ code: 'x', message: `${'y'.repeat(295)}${KEY}` }] },
				KEY,
			);
			expect(entry.message).toBe(`${'y'.repeat(295)}[reda…`);
		});
	});

	describe('apiError', () => {
		it('keeps the message even when it names a Node.js error code (n8n would swap it)', () => {
			const error = apiError(
				node,
				{ message: 'Connection broke (ECONNRESET)', description: 'd', code: 'ECONNRESET' },
				KEY,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('Connection broke (ECONNRESET)');
			expect(error.description).toBe('d');
		});

		it('redacts the key from everything it carries', () => {
			const error = apiError(
				node,
				{
					message: `m ${KEY}`,
					description: `d ${KEY}`,
					code: KEY,
					errors: [{ code: KEY, message: KEY }],
					httpCode: 400,
				},
				KEY,
			);
			expect(JSON.stringify(error)).not.toContain(KEY);
			expect(JSON.stringify(error.errorResponse)).not.toContain(KEY);
			expect(error.message + error.description).not.toContain(KEY);
		});
	});

	describe('digiCertApiError', () => {
		it('403 invalid key: check the key and region', () => {
			const error = failure(403, {
				errors: [
					{
						code: 'access_denied|access_denied_invalid_key',
						message: 'Access denied due to access_denied_invalid_key.',
					},
				],
			});
			expect(error.message).toBe('DigiCert rejected the API key');
			expect(error.description).toContain('HTTP 403');
			expect(error.description).toContain('[access_denied|access_denied_invalid_key]');
			expect(error.description).toContain('region');
			expect(error.httpCode).toBe('403');
			expect(error.context.itemIndex).toBe(3);
		});

		it("403 missing permission: the key's role lacks access", () => {
			const error = failure(403, {
				errors: [{ code: 'access_denied|missing_permission', message: 'Missing permission.' }],
			});
			expect(error.message).toMatch(/lacks permission/);
			expect(error.description).toContain('[access_denied|missing_permission]');
			expect(error.description).toMatch(/role/);
		});

		it('404 of a subject: no such order or request', () => {
			const error = failure(
				404,
				{ errors: [{ code: 'not_found|order', message: 'Order not found.' }] },
				{ subject: 'Order 42' },
			);
			expect(error.message).toBe('Order 42 was not found in DigiCert');
			expect(error.description).toContain('Order not found. [not_found|order]');
			expect(error.description).toContain('Check the ID');
		});

		it('404 of a route: the base URL is wrong', () => {
			const error = failure(
				404,
				{ errors: [{ code: 'not_found|route', message: 'Route not found.' }] },
				{ subject: 'Order 42' },
			);
			expect(error.message).toBe('DigiCert does not know this endpoint');
			expect(error.description).toContain('/services/v2');
		});

		it('429 after retries: lower the rate', () => {
			const error = failure(
				429,
				{
					errors: [
						{
							code: 'request_limit_exceeded',
							message: 'Service unavailable, please limit request volume',
						},
					],
				},
				{ attempts: 6 },
			);
			expect(error.message).toBe("DigiCert's rate limit (429) was still exceeded after 6 attempts");
			expect(error.description).toContain('[request_limit_exceeded]');
			expect(error.description).toContain('Rate Limit');
		});

		it("400: DigiCert's own message, its code and status", () => {
			const error = failure(400, {
				errors: [{ code: 'invalid_status', message: 'The status is not valid.' }],
			});
			expect(error.message).toBe('The status is not valid.');
			expect(error.description).toBe(
				"DigiCert answered HTTP 400: The status is not valid. [invalid_status]. Check the item's parameters against DigiCert's message.",
			);
		});

		it('5xx with an HTML page: says so, without the page', () => {
			const error = failure(503, undefined, { bodyKind: 'an HTML page', attempts: 4 });
			expect(error.message).toBe('DigiCert answered unexpectedly: HTTP 503 with an HTML page');
			expect(error.description).toContain('tried 4 times');
		});

		it("an error without DigiCert's usual body", () => {
			expect(failure(418, {}).message).toBe(
				'DigiCert answered unexpectedly: HTTP 418 without an error in its usual format',
			);
			expect(failure(400, { errors: [{ code: 'x' }] }).message).toBe(
				'DigiCert refused the request (HTTP 400)',
			);
		});

		it('redacts the key when DigiCert echoes it back', () => {
			const error = failure(400, {
				errors: [{ code: `bad|${KEY}`, message: `Header X-DC-DEVKEY: ${KEY} is malformed` }],
				request: { headers: { 'X-DC-DEVKEY': KEY } },
			});
			expect(error.message).toBe('Header X-DC-DEVKEY: [redacted] is malformed');
			expect(JSON.stringify(error)).not.toContain(KEY);
			expect(JSON.stringify(error.errorResponse)).not.toContain(KEY);
			expect(String(error.description)).not.toContain(KEY);
		});
	});
});
