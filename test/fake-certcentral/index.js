// @ts-check
'use strict';
/**
 * A fake DigiCert CertCentral (Services API v2) on 127.0.0.1, shared by every test, the
 * end-to-end suites, the benchmark and `npm run dev`'s sandbox. It checks X-DC-DEVKEY the way
 * CertCentral does (403 access_denied_invalid_key), serves the documentation's examples, answers
 * unknown IDs and routes with DigiCert's 404 bodies, and records every request it gets.
 * Tests can inject faults (see `fail`) and enforce DigiCert's rate-limit windows (`rateLimit`).
 */
const http = require('node:http');
const { errorAnswer, notFound } = require('./common');
const { buildData } = require('./data');

const VALID_API_KEY = 'dc-test-key-7f3c9a2b5e';
const BASE_PATH = '/services/v2';

const invalidKey = () =>
	errorAnswer(
		403,
		'access_denied|access_denied_invalid_key',
		'Access denied due to access_denied_invalid_key.',
	);
/** DigiCert's 403 for a key whose user or restriction does not allow the call (errors page). */
const missingPermission = () =>
	errorAnswer(
		403,
		'access_denied|missing_permission',
		'The API key you are using does not have permission to carry out the request.',
	);

/**
 * Which calls a restricted key may make. The glossary says what each role is limited to: 100
 * "Orders, Requests, and Certificates", 101 adds Organizations and Domains, 102 "GET requests only",
 * 103 "Users". Which paths belong to each (e.g. that an Orders key may not call /user/me) is ASSUMED.
 * @param {'orders' | 'orders_domains_organizations' | 'view_only' | 'user_management'} role
 * @param {string} method @param {string} path
 */
function keyRoleAllows(role, method, path) {
	const orders = /^\/(order|request|certificate)(\/|$)/.test(path);
	if (role === 'orders') return orders;
	if (role === 'orders_domains_organizations')
		return orders || /^\/(domain|organization)(\/|$)/.test(path);
	if (role === 'view_only') return method === 'GET';
	return /^\/user(\/|$)/.test(path);
}

const rateLimited = () =>
	errorAnswer(429, 'request_limit_exceeded', 'Service unavailable, please limit request volume');

/**
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: import('node:http').IncomingHttpHeaders, body: any, time: number }} RecordedRequest
 * @typedef {{ status?: number, body?: any, headers?: Record<string,string>, raw?: string|Buffer, reset?: boolean, truncate?: boolean, delayMs?: number }} FaultResponse
 * @typedef {{ match?: (r: RecordedRequest) => boolean, times?: number, respond: FaultResponse | ((r: RecordedRequest) => FaultResponse) }} Fault
 */

/**
 * `rateLimit`: the windows to enforce per API key (DigiCert's are 100 per 5 s and 1000 per 3 min);
 * past one, the key is blocked for `blockMs` (by default the length of the window it crossed:
 * DigiCert documents no block length, and a key over its 3-minute window may stay blocked for up
 * to that window). Refused requests are not counted. `clock` is the time the windows and blocks
 * are kept in (default Date.now): a test can run them in virtual or scaled time.
 * @param {{ port?: number, apiKey?: string, data?: ReturnType<typeof buildData>, rateLimit?: Array<{limit:number, ms:number}>, blockMs?: number, clock?: () => number, restrictedKeys?: Record<string, 'orders' | 'orders_domains_organizations' | 'view_only' | 'user_management'> }} [options]
 */
async function startFakeCertCentral(options = {}) {
	const apiKey = options.apiKey ?? VALID_API_KEY;
	const data = options.data ?? buildData();
	/** @type {RecordedRequest[]} */
	const requests = [];
	/** @type {Fault[]} */
	const faults = [];
	const rateWindows = options.rateLimit ?? [];
	/** @type {number[]} */
	const accepted = [];
	let blockedUntil = 0;
	const clock = options.clock ?? Date.now;
	const stats = { rateLimited: 0, blocks: 0 };
	/** More keys of the same user, each restricted to an API key role (glossary, "API key roles"). */
	const restrictedKeys = options.restrictedKeys ?? {};

	/** DigiCert's two windows: past either, the key is blocked for a while and every call gets 429. */
	function overRateLimit(/** @type {number} */ now) {
		if (rateWindows.length === 0) return false;
		if (now < blockedUntil) return true;
		for (const { limit, ms } of rateWindows) {
			let count = 0;
			for (let i = accepted.length - 1; i >= 0 && accepted[i] > now - ms; i--) count++;
			if (count >= limit) {
				blockedUntil = now + (options.blockMs ?? ms);
				stats.blocks++;
				return true;
			}
		}
		accepted.push(now);
		if (accepted.length > 20000) accepted.splice(0, 10000);
		return false;
	}

	/** @param {RecordedRequest} req @returns {{status:number, body?:any, headers?:Record<string,string>, raw?: string|Buffer}} */
	function route(req) {
		if (!req.path.startsWith(BASE_PATH + '/')) return notFound('route');
		const path = req.path.slice(BASE_PATH.length);
		const key = req.headers['x-dc-devkey'];
		const role = typeof key === 'string' ? restrictedKeys[key] : undefined;
		if (key !== apiKey && role === undefined) return invalidKey();
		if (role !== undefined && !keyRoleAllows(role, req.method, path)) return missingPermission();
		if (overRateLimit(clock())) {
			stats.rateLimited++;
			return rateLimited();
		}
		for (const handler of data.routes) {
			if (handler.method !== req.method) continue;
			const m = handler.pattern.exec(path);
			if (m) return handler.handle(m, req, data);
		}
		return notFound('route');
	}

	/** @param {import('node:http').ServerResponse} res @param {FaultResponse | {status:number, body?:any, headers?:Record<string,string>, raw?: string|Buffer}} answer */
	function reply(res, answer) {
		if ('reset' in answer && answer.reset) {
			res.socket?.destroy();
			return;
		}
		const status = answer.status ?? 200;
		const headers = { ...(answer.headers ?? {}) };
		let payload = answer.raw;
		if (payload === undefined && answer.body !== undefined) {
			payload = JSON.stringify(answer.body);
			headers['content-type'] ??= 'application/json';
		}
		if (payload === undefined || status === 204) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		const buffer = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
		if ('truncate' in answer && answer.truncate) {
			res.writeHead(status, { ...headers, 'content-length': String(buffer.length * 2) });
			res.write(buffer.subarray(0, Math.floor(buffer.length / 2)));
			setTimeout(() => res.socket?.destroy(), 5);
			return;
		}
		res.writeHead(status, { ...headers, 'content-length': String(buffer.length) });
		res.end(buffer);
	}

	const server = http.createServer((req, res) => {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const text = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				body = text;
			}
			/** @type {RecordedRequest} */
			const recorded = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body,
				time: Date.now(),
			};
			requests.push(recorded);
			const faultIndex = faults.findIndex((f) => (f.match ? f.match(recorded) : true));
			let answer;
			if (faultIndex >= 0) {
				const fault = faults[faultIndex];
				if (fault.times !== undefined && --fault.times <= 0) faults.splice(faultIndex, 1);
				// A function answers from the request, e.g. to echo its headers back as some services do.
				answer = typeof fault.respond === 'function' ? fault.respond(recorded) : fault.respond;
			} else {
				answer = route(recorded);
			}
			// A route may answer later (the webhook's test event waits for the endpoint's answer).
			Promise.resolve(answer).then((settled) => {
				const delay = 'delayMs' in settled ? settled.delayMs : undefined;
				if (delay) setTimeout(() => reply(res, settled), delay);
				else reply(res, settled);
			});
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise((resolve) =>
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)),
	);
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://127.0.0.1:${address.port}`;

	return {
		apiKey,
		origin,
		baseUrl: origin + BASE_PATH,
		port: address.port,
		data,
		requests,
		stats,
		/** Answer the next `times` matching requests (all of them when `times` is absent) with `respond`. */
		fail(/** @type {Fault} */ fault) {
			faults.push({ ...fault });
		},
		clearFaults() {
			faults.length = 0;
		},
		/** Another tool sends `count` requests with the key now: they count in the windows, unrecorded. */
		useKeyElsewhere(/** @type {number} */ count) {
			for (let i = 0; i < count; i++) accepted.push(clock());
		},
		reset() {
			requests.length = 0;
			faults.length = 0;
			accepted.length = 0;
			blockedUntil = 0;
			stats.rateLimited = 0;
			stats.blocks = 0;
		},
		async close() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startFakeCertCentral, VALID_API_KEY, BASE_PATH, errorBody: errorAnswer };
