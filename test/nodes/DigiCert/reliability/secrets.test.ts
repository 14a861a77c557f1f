/**
 * The API key leaves only in the X-DC-DEVKEY header to the credential's host. Every operation the
 * node has runs with a recognisable key against every failure mode the fake can produce, some of
 * which echo the request (headers included) back; the key must then appear in no output item,
 * no error (message, description, JSON), no log line and nothing written to the console.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { DigiCertApi } from '../../../../credentials/DigiCertApi.credentials';
import { resources } from '../../../../nodes/DigiCert/resources';
import { events } from '../../../../nodes/DigiCertTrigger/events';
import { capturedLogs, digiCertNode, inputNodes, runWorkflow } from '../../../helpers/engine';
import type { FaultResponse, RecordedRequest } from '../../../helpers/fake';
import { credentialFor, fakeData } from '../../../helpers/fake';
import { shownText } from '../../../helpers/secrets';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { ActiveTrigger, triggerNode } from '../../../helpers/poll';
import { REQUIRED_SAMPLES } from '../../../fixtures/parameters';
import { runDigiCert } from '../../../helpers/runOperation';

const KEY = 'CANARY-dc-key-5b1e0c7a9d3f';

const server = useFakeCertCentral({ apiKey: KEY });

const echo = (r: RecordedRequest) =>
	JSON.stringify({ method: r.method, path: r.path, headers: r.headers });
const devKey = (r: RecordedRequest) => String(r.headers['x-dc-devkey']);
/** Every character percent-encoded (encodeURIComponent leaves a key's letters as they are). */
const encoded = (text: string) =>
	Array.from(text, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
/** Percent-encoded twice: `%2543` for `C`. */
const encodedTwice = (text: string) => encoded(text).replace(/%/g, '%25');

/** `text` with every percent-encoded character decoded, however many times it was encoded. */
function decodedFully(text: string): string {
	for (let round = 0; round < 10; round++) {
		const next = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
			String.fromCharCode(parseInt(hex, 16)),
		);
		if (next === text) break;
		text = next;
	}
	return text;
}

/** Every way DigiCert, its CDN or the network can answer; several repeat the key back. */
const failureModes: Record<string, ((r: RecordedRequest) => FaultResponse) | undefined> = {
	success: undefined,
	'429 echoing the request': (r) => ({
		status: 429,
		body: {
			errors: [
				{ code: 'request_limit_exceeded', message: `Too many requests for key ${devKey(r)}` },
			],
			request: echo(r),
		},
	}),
	'429 with Retry-After': () => ({
		status: 429,
		headers: { 'retry-after': '0' },
		body: { errors: [{ code: 'request_limit_exceeded', message: 'x' }] },
	}),
	'400 echoing headers in message and code': (r) => ({
		status: 400,
		body: {
			errors: [{ code: `bad_header|${devKey(r)}`, message: `Invalid request: ${echo(r)}` }],
			echo: r.headers,
		},
	}),
	'403 invalid key echoing it': (r) => ({
		status: 403,
		body: {
			errors: [
				{
					code: 'access_denied|access_denied_invalid_key',
					message: `Key ${devKey(r)} is not valid`,
				},
			],
		},
	}),
	'403 missing permission': () => ({
		status: 403,
		body: { errors: [{ code: 'access_denied|missing_permission', message: 'No.' }] },
	}),
	'404 echoing the request': (r) => ({
		status: 404,
		body: { errors: [{ code: 'not_found|order', message: `Not found: ${echo(r)}` }] },
	}),
	'500 with the key in a stack trace': (r) => ({
		status: 500,
		raw: `Internal error\n  at checkKey("${devKey(r)}")\n${echo(r)}`,
		headers: { 'content-type': 'text/plain' },
	}),
	'502 HTML page echoing headers': (r) => ({
		status: 502,
		raw: `<html><body><pre>${echo(r)}</pre></body></html>`,
		headers: { 'content-type': 'text/html' },
	}),
	'503 JSON with the key in an unusual field': (r) => ({
		status: 503,
		body: { error: { message: devKey(r), request: echo(r) } },
	}),
	'504 with an empty body': () => ({ status: 504 }),
	'200 that is not JSON, echoing': (r) => ({
		status: 200,
		raw: `debug: ${echo(r)}`,
		headers: { 'content-type': 'text/plain' },
	}),
	'200 of the wrong shape': (r) => ({ status: 200, body: [devKey(r)] }),
	'redirect carrying the key': (r) => ({
		status: 302,
		headers: { location: `http://127.0.0.1:9/steal?key=${devKey(r)}` },
	}),
	'redirect carrying the key percent-encoded': (r) => ({
		status: 302,
		headers: { location: `http://127.0.0.1:9/steal?key=${encoded(devKey(r))}` },
	}),
	'redirect carrying the key percent-encoded twice': (r) => ({
		status: 302,
		headers: { location: `http://127.0.0.1:9/steal?key=${encodedTwice(devKey(r))}` },
	}),
	'400 with the key percent-encoded in its text': (r) => ({
		status: 400,
		body: {
			errors: [
				{
					code: `bad_key|${encoded(devKey(r))}`,
					message: `Invalid key: ${encoded(devKey(r))} or ${encodedTwice(devKey(r))}`,
				},
			],
		},
	}),
	'connection reset': () => ({ reset: true }),
	'truncated body echoing': (r) => ({
		status: 200,
		raw: JSON.stringify({ echo: echo(r), pad: 'x'.repeat(300) }),
		truncate: true,
	}),
	// Ten times the timeout this mode runs with (TOO_SLOW_TIMEOUT_MS): late on any machine, however busy.
	'too slow': () => ({ delayMs: 10 * TOO_SLOW_TIMEOUT_MS, status: 200, body: {} }),
};

const TOO_SLOW_TIMEOUT_MS = 300;

/**
 * What each mode must end in, for every operation (the message of the error, or of each item's
 * error with On Error: Continue), so a fault that silently stopped being injected fails the test.
 */
const expectedOutcome: Record<string, RegExp> = {
	// Max Wait When Blocked is 0 here: the first 429 ends the wait at once.
	'429 echoing the request':
		/^DigiCert kept the API key blocked \(429\): the node waited \d+ ms and gave up$/,
	'429 with Retry-After':
		/^DigiCert kept the API key blocked \(429\): the node waited \d+ ms and gave up$/,
	'400 echoing headers in message and code': /^Invalid request: \{"method":/,
	'403 invalid key echoing it': /^DigiCert rejected the API key$/,
	'403 missing permission': /^The API key's user lacks permission for this operation$/,
	'404 echoing the request':
		/^(Order|Request|Certificate|Product|Domain) \S+ was not found in DigiCert$|^Not found: \{"method":/,
	'500 with the key in a stack trace':
		/^DigiCert answered unexpectedly: HTTP 500 with a body that is not JSON \(text\/plain\)$/,
	'502 HTML page echoing headers': /^DigiCert answered unexpectedly: HTTP 502 with an HTML page$/,
	'503 JSON with the key in an unusual field':
		/^DigiCert answered unexpectedly: HTTP 503 without an error in its usual format$/,
	'504 with an empty body':
		/^DigiCert answered unexpectedly: HTTP 504 without an error in its usual format$/,
	'200 that is not JSON, echoing':
		/^(DigiCert answered unexpectedly: HTTP 200 with (a body that is not JSON \(text\/plain\)|a file that repeats the API key back, which is not passed on)|The change was probably made, but DigiCert's answer \(HTTP 200\) was a body that is not JSON \(text\/plain\))$/,
	'200 of the wrong shape':
		/^(DigiCert answered (with data of an unexpected shape|unexpectedly: HTTP 200 with (something other than a list|a file that repeats the API key back, which is not passed on))|The change was probably made, but DigiCert's answer \(HTTP 200\) was data of an unexpected shape)$/,
	'redirect carrying the key':
		/^DigiCert answered unexpectedly: HTTP 302 with a redirect to http:\/\/127\.0\.0\.1:9\/steal\?key=\[redacted\], which is not followed/,
	'redirect carrying the key percent-encoded':
		/^DigiCert answered unexpectedly: HTTP 302 with a redirect to http:\/\/127\.0\.0\.1:9\/steal\?key=\[redacted\], which is not followed/,
	'redirect carrying the key percent-encoded twice':
		/^DigiCert answered unexpectedly: HTTP 302 with a redirect to http:\/\/127\.0\.0\.1:9\/steal\?key=\[redacted\], which is not followed/,
	'400 with the key percent-encoded in its text': /^Invalid key: \[redacted\] or \[redacted\]$/,
	'connection reset':
		/^The connection to DigiCert at 127\.0\.0\.1:\d+ broke before its answer was complete \(ECONNRESET, tried [12] times?\)$/,
	'truncated body echoing':
		/^The connection to DigiCert at 127\.0\.0\.1:\d+ broke before its answer was complete/,
	'too slow': new RegExp(
		`^DigiCert did not answer within ${TOO_SLOW_TIMEOUT_MS} ms \\(tried [12] times?\\)$`,
	),
};

/**
 * Operations a mode does not fail. A change (approve, reject, create, reissue, revoke, cancel, set
 * auto-reissue) is answered with 201/204 by DigiCert and the node reads only what it needs of the
 * answer. Not Duplicate: with no Signature Hash set it reads the order first, and a GET of the wrong
 * shape fails; nor the DCV changes, whose answer carries the token to publish.
 */
const SUCCEEDS_ANYWAY: Record<string, RegExp> = {
	'200 of the wrong shape':
		/^(request\.(approve|reject)|order\.(create|reissue|revoke|cancel|setAutoReissue)|certificate\.revoke)$/,
};

/** What a run ended in: the message of each failure (the error, or each error item), none for success. */
function outcomes(result: Awaited<ReturnType<typeof runWorkflow>>): string[] {
	if (result.error) return [result.error.message];
	return result
		.items()
		.flatMap((item) => (typeof item.json.error === 'string' ? [item.json.error] : []));
}

/** Parameters that make an operation send its request: its own defaults, with known IDs. */
function parametersFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeParameters {
	const parameters: INodeParameters = { resource, operation };
	for (const property of properties) {
		if (/orderId$/i.test(property.name)) parameters[property.name] = String(fakeData.SEED_ORDER_ID);
		else if (/Id$/.test(property.name))
			parameters[property.name] = String(fakeData.APPROVED_REQUEST_ID);
		else if (property.default !== undefined)
			parameters[property.name] = (REQUIRED_SAMPLES[property.name] ??
				property.default) as INodeParameters[string];
	}
	// A generous timeout: time is not what these tests are about (except in "too slow", which sets its own).
	parameters.requestOptions = {
		rateLimit: 'off',
		maxRetries: 1,
		retryDelay: 0,
		timeout: 30_000,
		maxBlockedWait: 0,
	};
	return parameters;
}

const operations = resources.flatMap((resource) =>
	resource.operations.map((operation) => ({
		label: `${resource.value}.${operation.value}`,
		parameters: parametersFor(resource.value, operation.value, operation.properties),
	})),
);

/** Everything written to stdout and stderr while `work` runs (n8n's logger writes there). */
async function captureOutput<T>(work: () => Promise<T>): Promise<{ value: T; written: string }> {
	const chunks: string[] = [];
	const stdout = process.stdout.write.bind(process.stdout);
	const stderr = process.stderr.write.bind(process.stderr);
	const record = (chunk: unknown) => {
		chunks.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
		return true;
	};
	process.stdout.write = record as typeof process.stdout.write;
	process.stderr.write = record as typeof process.stderr.write;
	try {
		return { value: await work(), written: chunks.join('') };
	} finally {
		process.stdout.write = stdout;
		process.stderr.write = stderr;
	}
}

function everythingShown(result: Awaited<ReturnType<typeof runWorkflow>>, written = ''): string {
	// Files are kept as base64 (or an ID) in the item: search their bytes too.
	const files = result
		.items()
		.flatMap((item) => Object.values(item.binary ?? {}))
		.map((file) => Buffer.from(file.data, 'base64').toString('latin1'));
	return shownText([result.taskData('DigiCert'), files, result.error, capturedLogs, written]);
}

/**
 * Run with their defaults against the shared fake, some operations get DigiCert's own refusal (a
 * request already approved, an order already being reissued): fine for "success", as long as no
 * failure of the other modes shows up.
 */
const isFaultOutcome = (message: string) =>
	Object.values(expectedOutcome).some(
		(pattern) => pattern.test(message) && !/was not found|^Not found/.test(message),
	);

describe.each(operations)('$label', ({ label, parameters }) => {
	describe.each(Object.keys(failureModes))('%s', (mode) => {
		it.each([
			['stopping on the error', {}],
			['On Error: Continue', { onError: 'continueRegularOutput' as const }],
		])('the key is nowhere but the header (%s)', async (_how, settings) => {
			server.reset();
			const respond = failureModes[mode];
			if (respond) server.fail({ respond });
			capturedLogs.length = 0;

			const run =
				mode === 'too slow'
					? {
							...parameters,
							requestOptions: {
								...(parameters.requestOptions as object),
								timeout: TOO_SLOW_TIMEOUT_MS,
							},
						}
					: parameters;
			const { value: result, written } = await captureOutput(
				async () => await runDigiCert(server, run, { input: [{ n: 1 }, { n: 2 }], node: settings }),
			);

			expect(server.requests.length).toBeGreaterThan(0);
			for (const request of server.requests) {
				expect(request.headers['x-dc-devkey']).toBe(KEY);
				expect(JSON.stringify([request.path, request.query, request.body])).not.toContain(KEY);
			}
			const shown = everythingShown(result, written);
			expect(shown).not.toContain(KEY);
			expect(decodedFully(shown)).not.toContain(KEY);
			// Each mode ends as it should (else a fault no longer injected would pass unnoticed).
			const ended = outcomes(result);
			if (respond === undefined) expect(ended.filter(isFaultOutcome)).toEqual([]);
			else if (SUCCEEDS_ANYWAY[mode]?.test(label)) expect(ended).toEqual([]);
			else {
				expect(ended.length).toBeGreaterThan(0);
				for (const message of ended) expect(message).toMatch(expectedOutcome[mode]);
			}
		});
	});
});

describe('a key in pieces: cut by the node, or already cut by DigiCert', () => {
	const getRequest = (settings = {}) =>
		runDigiCert(
			server,
			{
				resource: 'request',
				operation: 'get',
				requestId: String(fakeData.APPROVED_REQUEST_ID),
				requestOptions: { rateLimit: 'off', maxRetries: 0 },
			},
			{ input: [{ n: 1 }], node: settings },
		);
	const refusal = (code: string, message: string): FaultResponse => ({
		status: 400,
		body: { errors: [{ code, message }] },
	});
	const settingsCases = [
		['stopping on the error', {}],
		['On Error: Continue', { onError: 'continueRegularOutput' }],
	] as const;

	beforeEach(() => {
		server.reset();
		capturedLogs.length = 0;
	});

	// DigiCert's messages are cut at 300 characters; the key starts 7 (or 20) characters before the cut.
	describe.each([293, 280])('a message cut through the key (it starts at %i)', (start) => {
		it.each(settingsCases)('shows none of it (%s)', async (_how, settings) => {
			server.fail({
				respond: refusal('invalid_request', `${'x'.repeat(start)}${KEY} was not accepted`),
			});
			const result = await getRequest(settings);

			const shown = everythingShown(result);
			expect(shown).toMatch(/x{200}/);
			expect(shown).not.toContain(KEY.slice(0, 300 - start));
		});
	});

	it.each(settingsCases)(
		'a message and a code that DigiCert cut through the key (%s)',
		async (_how, settings) => {
			server.fail({ respond: refusal(`invalid_key|${KEY.slice(9)}`, `Key ${KEY.slice(0, 17)}`) });
			const result = await getRequest(settings);

			const shown = everythingShown(result);
			expect(shown).toContain('Key [redacted]');
			expect(shown).not.toContain(KEY.slice(0, 17));
			expect(shown).not.toContain(KEY.slice(9));
		},
	);

	it.each(events.map((event) => event.value))("the trigger's error (%s)", async (event) => {
		const trigger = new ActiveTrigger(triggerNode({ event }), credentialFor(server));
		server.fail({ respond: refusal('invalid_request', `${'x'.repeat(290)}${KEY}`) });
		const { error } = await trigger.activate();

		expect(error?.message).toMatch(/^x{290}\[redacted\]/);
		const shown = shownText([error, capturedLogs]);
		expect(shown).not.toContain(KEY.slice(0, 10));
	});
});

describe('a successful answer that repeats the key', () => {
	const echoing = (r: RecordedRequest) => ({
		status: 200,
		body: {
			id: 7,
			comment: `made with ${devKey(r)}`,
			[devKey(r)]: true,
			nested: [{ key: devKey(r).slice(2) }],
		},
	});

	beforeEach(() => {
		server.reset();
		capturedLogs.length = 0;
	});

	it('reaches the item with the key replaced (Get Request)', async () => {
		server.fail({ respond: echoing });
		const result = await runDigiCert(
			server,
			{
				resource: 'request',
				operation: 'get',
				requestId: String(fakeData.APPROVED_REQUEST_ID),
			},
			{ input: [{ n: 1 }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.items().map((item) => item.json)).toEqual([
			{
				id: 7,
				comment: 'made with [redacted]',
				'[redacted]': true,
				nested: [{ key: '[redacted]' }],
			},
		]);
		expect(everythingShown(result)).not.toContain(KEY.slice(2, 2 + 8));
	});

	it("reaches the trigger's event with the key replaced", async () => {
		const trigger = new ActiveTrigger(
			triggerNode({ event: 'requestPending' }),
			credentialFor(server),
		);
		await trigger.activate();
		server.fail({
			match: (r) => r.path.endsWith('/request'),
			respond: (r) => ({
				status: 200,
				body: {
					requests: [{ ...echoing(r).body, id: 999999, status: 'pending' }],
					page: { total: 1, limit: 1000, offset: 0 },
				},
			}),
		});
		const { emitted, error } = await trigger.poll();

		expect(error).toBeUndefined();
		expect(emitted?.map((item) => item.json.request)).toEqual([
			{
				id: 999999,
				status: 'pending',
				comment: 'made with [redacted]',
				'[redacted]': true,
				nested: [{ key: '[redacted]' }],
			},
		]);
		expect(JSON.stringify([emitted, capturedLogs])).not.toContain(KEY.slice(2, 2 + 8));
	});
	it("reaches a validation event's item with the key replaced (Domain Validation Expiring)", async () => {
		const trigger = new ActiveTrigger(
			triggerNode({ event: 'domainValidationExpiring', days: 30 }),
			credentialFor(server),
		);
		await trigger.activate();
		const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
		server.fail({
			match: (r) => r.path.endsWith('/domain'),
			respond: (r) => ({
				status: 200,
				body: {
					domains: [
						{
							...echoing(r).body,
							id: 999999,
							is_active: true,
							name: `${devKey(r)}.example.com`,
							dcv_expiration: { ov: inThreeDays },
						},
					],
					page: { total: 1, limit: 1000, offset: 0 },
				},
			}),
		});
		const { emitted, error } = await trigger.poll();

		expect(error).toBeUndefined();
		expect(
			emitted?.map((item) => [
				item.json.id,
				item.json.name,
				item.json.comment,
				item.json.validation_type,
			]),
		).toEqual([[999999, '[redacted].example.com', 'made with [redacted]', 'ov']]);
		expect(JSON.stringify([emitted, capturedLogs])).not.toContain(KEY.slice(2, 2 + 8));
	});
});

describe('the credential', () => {
	const authenticate = new DigiCertApi().authenticate;

	it.each([
		'http://example.com/services/v2',
		'http://192.0.2.10/services/v2',
		'http://127.0.0.1.nip.io/services/v2',
		'http://localhost.example.com/services/v2',
		'ftp://127.0.0.1/services/v2',
		'not a url',
	])('refuses a custom base URL of %s, before anything is sent', async (baseUrl) => {
		server.reset();
		const result = await runWorkflow(
			[
				...inputNodes([{ n: 1 }]),
				digiCertNode({
					resource: 'request',
					operation: 'get',
					requestId: String(fakeData.APPROVED_REQUEST_ID),
				}),
			],
			{ credentials: credentialFor(server, { baseUrl }) },
		);
		const error = result.error as unknown as { name: string; message: string; description: string };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/https:\/\/|not a valid URL/);
		expect(error.description).toBe('Fix the Base URL in the DigiCert credential.');
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	it('accepts plain http only for this machine', async () => {
		await expect(
			authenticate(
				{ region: 'custom', baseUrl: 'http://localhost:1/services/v2', apiKey: KEY },
				{ url: '/user/me', baseURL: 'http://localhost:1/services/v2' },
			),
		).resolves.toMatchObject({ headers: { 'X-DC-DEVKEY': KEY } });
		await expect(
			authenticate(
				{ region: 'custom', baseUrl: 'http://example.com/services/v2', apiKey: KEY },
				{ url: '/user/me', baseURL: 'http://example.com/services/v2' },
			),
		).rejects.toThrow(/must use https:\/\//);
	});

	it('never attaches the key to a request for another host', async () => {
		const credentials = { region: 'us', apiKey: KEY };
		await expect(
			authenticate(credentials, { url: 'https://evil.example.com/services/v2/user/me' }),
		).rejects.toThrow('Refusing to send the DigiCert API key to https://evil.example.com');
		await expect(
			authenticate(credentials, {
				url: '//evil.example.com/x',
				baseURL: 'https://www.digicert.com/services/v2',
			}),
		).rejects.toThrow(/Refusing/);
		await expect(
			authenticate(credentials, {
				url: '/user/me',
				baseURL: 'https://www.digicert.com.evil.example/services/v2',
			}),
		).rejects.toThrow(/Refusing/);
		await expect(
			authenticate(credentials, { url: 'https://www.digicert.com/services/v2/user/me' }),
		).resolves.toMatchObject({
			headers: { 'X-DC-DEVKEY': KEY },
		});
	});
});

describe('a file whose name repeats the key (Content-Disposition)', () => {
	const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
	const ENCODED_KEY = Array.from(KEY, (c) => `%${c.charCodeAt(0).toString(16)}`).join('');
	it.each([
		['filename="…"', `attachment; filename="${KEY}.pem"`],
		["filename*=UTF-8''…", `attachment; filename*=UTF-8''www_${encodeURIComponent(KEY)}.pem`],
		['every character percent-encoded', `attachment; filename*=UTF-8''${ENCODED_KEY}.pem`],
		['percent-encoded twice', `attachment; filename*=UTF-8''${encodedTwice(KEY)}.pem`],
		// One malformed sequence made decoding the whole header throw, so the header was kept.
		['filename="…" with a malformed %zz', `attachment; filename="${KEY}%zz.pem"`],
		[
			'percent-encoded filename="…" with a malformed %zz',
			`attachment; filename="${ENCODED_KEY}%zz.pem"`,
		],
		[
			"filename*=UTF-8''… with a malformed %zz",
			`attachment; filename*=UTF-8''${ENCODED_KEY}%zz.pem`,
		],
		[
			"filename*=UTF-8''… with a malformed %zz elsewhere",
			`attachment; filename*=UTF-8''${ENCODED_KEY}.pem; note=%zz`,
		],
	])('is not passed on, by order or by certificate ID (%s)', async (_form, disposition) => {
		for (const by of [
			{ orderId: String(fakeData.SEED_ORDER_ID) },
			{ downloadBy: 'certificate', certificateId: '1' },
		]) {
			server.reset();
			capturedLogs.length = 0;
			server.fail({
				respond: {
					status: 200,
					raw: PEM,
					headers: { 'content-type': 'application/x-pem-file', 'content-disposition': disposition },
				},
			});
			const result = await runDigiCert(
				server,
				{
					resource: 'certificate',
					operation: 'download',
					...by,
					requestOptions: { rateLimit: 'off', maxRetries: 0 },
				},
				{ input: [{ n: 1 }] },
			);

			expect(result.error).toBeUndefined();
			const [item] = result.items();
			expect(item.json.fileName).toMatch(/\.pem$/);
			for (const name of [item.json.fileName, item.binary?.data.fileName]) {
				expect(name).not.toContain(KEY);
				// Nor percent-encoded (a stray % escaped first, so decoding cannot throw).
				expect(decodeURIComponent(String(name).replace(/%(?![0-9a-f]{2})/gi, '%25'))).not.toContain(
					KEY,
				);
			}
			const shown = everythingShown(result);
			expect(shown).not.toContain(KEY);
			expect(decodedFully(shown)).not.toContain(KEY);
		}
	});
});
