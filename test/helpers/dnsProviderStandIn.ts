import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for a DNS provider's API: Cloudflare's "Create DNS record"
 * (`POST /client/v4/zones/{zone_id}/dns_records`, `Authorization: Bearer <token>`, body
 * `{type, name, content, ttl}`, answered `{success, errors, messages, result: {id, ...}}`), as
 * developers.cloudflare.com documents it. Records it holds answer `resolveTxt`, which the fake
 * CertCentral's DCV check reads — so DigiCert "finds" a record only once a workflow published it.
 * A record becomes visible on its second lookup (DNS propagation), so a check right after
 * publishing fails once. It also takes anything POSTed to other paths (a deploy hook, a team chat
 * webhook) and keeps it in `received`.
 */
export interface DnsProviderStandIn {
	origin: string;
	token: string;
	records: Array<{
		id: string;
		zone: string;
		type: string;
		name: string;
		content: string;
		lookups: number;
	}>;
	received: Array<{ path: string; headers: http.IncomingHttpHeaders; body: Buffer }>;
	resolveTxt(name: string): string[];
	close(): Promise<void>;
}

export async function startDnsProviderStandIn(
	token = 'cf-test-token-5b1e',
): Promise<DnsProviderStandIn> {
	const records: DnsProviderStandIn['records'] = [];
	const received: DnsProviderStandIn['received'] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
			const reply = (status: number, json: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const zone = /^\/client\/v4\/zones\/([^/]+)\/dns_records$/.exec(path);
			if (req.method === 'POST' && zone) {
				if (req.headers.authorization !== `Bearer ${token}`)
					return reply(403, {
						success: false,
						errors: [{ code: 10000, message: 'Authentication error' }],
					});
				let record: { type?: unknown; name?: unknown; content?: unknown };
				try {
					record = JSON.parse(body.toString('utf8'));
				} catch {
					return reply(400, {
						success: false,
						errors: [{ code: 9207, message: 'Request body is invalid.' }],
					});
				}
				if (
					record.type !== 'TXT' ||
					typeof record.name !== 'string' ||
					typeof record.content !== 'string'
				)
					return reply(400, {
						success: false,
						errors: [{ code: 9000, message: 'DNS name, type and content are required.' }],
					});
				const stored = {
					id: randomUUID().replace(/-/g, ''),
					zone: zone[1],
					type: 'TXT',
					name: record.name,
					content: record.content,
					lookups: 0,
				};
				records.push(stored);
				return reply(200, {
					success: true,
					errors: [],
					messages: [],
					result: { ...stored, ttl: 60, proxied: false },
				});
			}
			received.push({ path, headers: req.headers, body });
			return reply(200, { ok: true });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		token,
		records,
		received,
		resolveTxt(name) {
			const matching = records.filter((r) => r.name.toLowerCase() === name.toLowerCase());
			for (const r of matching) r.lookups++;
			return matching.filter((r) => r.lookups > 1).map((r) => r.content);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
