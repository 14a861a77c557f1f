import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError, digiCertApiError, parseDigiCertErrors, redact } from '../../../../nodes/DigiCert/shared/errors';

const node: INode = {
	id: '1',
	name: 'DigiCert',
	type: 'n8n-nodes-digicert.digiCert',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const KEY = 'SECRET-KEY-1234567890';
const failure = (statusCode: number, body: unknown, extra: object = {}) =>
	digiCertApiError(node, { statusCode, body, attempts: 1, itemIndex: 3, apiKey: KEY, ...extra });

describe('parseDigiCertErrors', () => {
	it("reads DigiCert's error entries", () => {
		expect(parseDigiCertErrors({ errors: [{ code: 'not_found|order', message: 'Order not found.' }] })).toEqual([
			{ code: 'not_found|order', message: 'Order not found.' },
		]);
	});

	it('fills in what is missing and skips what is not an entry', () => {
		expect(parseDigiCertErrors({ errors: [{ message: 'x' }, { code: 5 }, 'text', null, ['a']] })).toEqual([
			{ code: 'unknown', message: 'x' },
			{ code: 'unknown', message: '' },
		]);
	});

	it.each([undefined, null, 'text', 42, [], {}, { errors: 'no' }, { error: { message: 'x' } }])(
		'finds none in %j',
		(body) => {
			expect(parseDigiCertErrors(body)).toEqual([]);
		},
	);

	it('cuts an overlong message', () => {
		const [entry] = parseDigiCertErrors({ errors: [{ code: 'x', message: 'y'.repeat(5000) }] });
		expect(entry.message.length).toBeLessThanOrEqual(301);
	});
});

describe('redact', () => {
	it('replaces every occurrence of the key', () => {
		expect(redact(`a ${KEY} b ${KEY}`, KEY)).toBe('a [redacted] b [redacted]');
	});

	it('leaves text alone when the key is empty or too short to be one', () => {
		expect(redact('abc', '')).toBe('abc');
		expect(redact('a b c', 'a')).toBe('a b c');
	});
});

describe('apiError', () => {
	it('keeps the message even when it names a Node.js error code (n8n would swap it)', () => {
		const error = apiError(node, { message: 'Connection broke (ECONNRESET)', description: 'd', code: 'ECONNRESET' }, KEY);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Connection broke (ECONNRESET)');
		expect(error.description).toBe('d');
	});

	it('redacts the key from everything it carries', () => {
		const error = apiError(
			node,
			{ message: `m ${KEY}`, description: `d ${KEY}`, code: KEY, errors: [{ code: KEY, message: KEY }], httpCode: 400 },
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
			errors: [{ code: 'access_denied|access_denied_invalid_key', message: 'Access denied due to access_denied_invalid_key.' }],
		});
		expect(error.message).toBe('DigiCert rejected the API key');
		expect(error.description).toContain('HTTP 403');
		expect(error.description).toContain('[access_denied|access_denied_invalid_key]');
		expect(error.description).toContain('region');
		expect(error.httpCode).toBe('403');
		expect(error.context.itemIndex).toBe(3);
	});

	it("403 missing permission: the key's role lacks access", () => {
		const error = failure(403, { errors: [{ code: 'access_denied|missing_permission', message: 'Missing permission.' }] });
		expect(error.message).toMatch(/lacks permission/);
		expect(error.description).toContain('[access_denied|missing_permission]');
		expect(error.description).toMatch(/role/);
	});

	it('404 of a subject: no such order or request', () => {
		const error = failure(404, { errors: [{ code: 'not_found|order', message: 'Order not found.' }] }, { subject: 'Order 42' });
		expect(error.message).toBe('Order 42 was not found in DigiCert');
		expect(error.description).toContain('Order not found. [not_found|order]');
		expect(error.description).toContain('Check the ID');
	});

	it('404 of a route: the base URL is wrong', () => {
		const error = failure(404, { errors: [{ code: 'not_found|route', message: 'Route not found.' }] }, { subject: 'Order 42' });
		expect(error.message).toBe('DigiCert does not know this endpoint');
		expect(error.description).toContain('/services/v2');
	});

	it('429 after retries: lower the rate', () => {
		const error = failure(
			429,
			{ errors: [{ code: 'request_limit_exceeded', message: 'Service unavailable, please limit request volume' }] },
			{ attempts: 6 },
		);
		expect(error.message).toBe("DigiCert's rate limit (429) was still exceeded after 6 attempts");
		expect(error.description).toContain('[request_limit_exceeded]');
		expect(error.description).toContain('Rate Limit');
	});

	it("400: DigiCert's own message, its code and status", () => {
		const error = failure(400, { errors: [{ code: 'invalid_status', message: 'The status is not valid.' }] });
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

	it('an error without DigiCert\'s usual body', () => {
		expect(failure(418, {}).message).toBe('DigiCert answered unexpectedly: HTTP 418 without an error in its usual format');
		expect(failure(400, { errors: [{ code: 'x' }] }).message).toBe('DigiCert refused the request (HTTP 400)');
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
