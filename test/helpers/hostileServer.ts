/**
 * A small HTTP server on 127.0.0.1 that answers however a test tells it to: a redirect target that
 * records who reached it, a body trickled byte by byte, anything the fake CertCentral cannot play.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
}

export interface HostileServer {
	origin: string;
	requests: HostileRequest[];
	close(): Promise<void>;
}

/** Starts a server whose every answer is written by `handle`; it records each request first. */
export async function startHostileServer(
	handle: (request: HostileRequest, res: http.ServerResponse) => void = (_request, res) =>
		res.end('{}'),
): Promise<HostileServer> {
	const requests: HostileRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((req, res) => {
		const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
		requests.push(request);
		req.resume();
		handle(request, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			for (const timer of timers) clearInterval(timer);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * A handler that answers 200 with `body`, one byte every `everyMs` (never silent for longer, so a
 * timeout that only measures silence never fires). Records how many bytes it wrote.
 */
export function trickle(body: string, everyMs: number, sent: { bytes: number } = { bytes: 0 }) {
	return (_request: HostileRequest, res: http.ServerResponse) => {
		const bytes = Buffer.from(body);
		res.writeHead(200, {
			'content-type': 'application/json',
			'content-length': String(bytes.length),
		});
		const timer = setInterval(() => {
			if (res.destroyed || sent.bytes >= bytes.length) {
				clearInterval(timer);
				if (!res.destroyed) res.end();
				return;
			}
			res.write(bytes.subarray(sent.bytes, sent.bytes + 1));
			sent.bytes++;
		}, everyMs);
		res.on('close', () => clearInterval(timer));
	};
}

/**
 * A handler that answers 200 with a JSON body that never ends: 1 MiB chunks as fast as the client
 * reads them, until it hangs up. Records how many bytes it wrote.
 */
export function endlessBody(sent: { bytes: number } = { bytes: 0 }) {
	const chunk = Buffer.alloc(1024 * 1024, 'x');
	return (_request: HostileRequest, res: http.ServerResponse) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write('{"padding":"');
		const more = () => {
			while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length;
			if (!res.destroyed) sent.bytes += chunk.length;
		};
		res.on('drain', more);
		more();
	};
}
