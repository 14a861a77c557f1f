/**
 * Answers a broken or hostile server can send that cost the node (and every workflow in its n8n
 * process) memory or CPU out of proportion, or that hide what happened to a change: the node must
 * stay bounded and say what it knows. Each runs through n8n's engine against a server on 127.0.0.1.
 */
import type { ServerResponse } from 'node:http';

import type { INode, INodeParameters } from 'n8n-workflow';

import { listLimits, MAX_PAGE_SIZE } from '../../../../nodes/common/paging';
import { MIN_KEY_FRAGMENT, redactionWork } from '../../../../nodes/common/redaction';
import { WWW_CSR } from '../../../fixtures/csr';
import { digiCertNode, inputNodes, runWorkflow } from '../../../helpers/engine';
import type { HostileRequest, HostileServer } from '../../../helpers/hostileServer';
import { endlessBody, startHostileServer } from '../../../helpers/hostileServer';
import { shownText } from '../../../helpers/secrets';

// 32 characters, as DigiCert's keys are.
const KEY = 'CANARY-dc-key-5b1e0c7a9d3f-01234';

let server: HostileServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function run(
	parameters: INodeParameters,
	respond: Parameters<typeof startHostileServer>[0],
	settings: Partial<INode> = {},
) {
	server = await startHostileServer(respond);
	return await runWorkflow(
		[
			...inputNodes([{ n: 1 }]),
			digiCertNode(
				{ ...parameters, requestOptions: { rateLimit: 'off', maxRetries: 0 } },
				settings,
			),
		],
		{
			credentials: {
				digiCertApi: { region: 'custom', baseUrl: `${server.origin}/services/v2`, apiKey: KEY },
			},
		},
	);
}

const getRequest = { resource: 'request', operation: 'get', requestId: '7' };

/** Every piece of the key MIN_KEY_FRAGMENT characters long. */
const keyPieces = Array.from({ length: KEY.length - MIN_KEY_FRAGMENT + 1 }, (_, at) =>
	KEY.slice(at, at + MIN_KEY_FRAGMENT),
);

describe('an answer made of pieces of the key', () => {
	it('comes out redacted, at a cost linear in its size (8 MB)', async () => {
		const pieces: string[] = [];
		for (let i = 0; pieces.length * 12 < 8 * 1024 * 1024; i++) {
			const start = i % (KEY.length - 9);
			pieces.push(KEY.slice(start, start + 9));
		}
		const body = JSON.stringify({ id: 7, pieces });
		redactionWork.characters = 0;

		const result = await run(getRequest, (_request, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(body);
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items();
		expect(item.json.id).toBe(7);
		expect(item.json.pieces).toHaveLength(pieces.length);
		expect(new Set(item.json.pieces as string[])).toEqual(new Set(['[redacted]']));
		// Each character is looked at a bounded number of times: JSON checked, then each string redacted.
		expect(redactionWork.characters).toBeLessThanOrEqual(2 * (MIN_KEY_FRAGMENT + 2) * body.length);
		const shown = shownText(item.json);
		for (const piece of keyPieces) expect(shown).not.toContain(piece);
	});
});

describe('a refusal with a huge body', () => {
	const entries = Array.from({ length: 50_000 }, (_, i) => ({
		code: `invalid_${i}`,
		message: `Entry ${i} ${'x'.repeat(200)}`,
	}));

	it.each([
		['50,000 error entries (10 MB)', { errors: entries }],
		[
			'one 10 MB message and code',
			{ errors: [{ code: 'y'.repeat(5e6), message: 'z'.repeat(5e6) }] },
		],
	])('gives an error of bounded size (%s)', async (_how, body) => {
		const result = await run(getRequest, (_request, res) => {
			res.writeHead(400, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		});

		const error = result.error as unknown as { message: string; description: string };
		expect(error).toBeDefined();
		expect(shownText(error).length).toBeLessThan(64 * 1024);
		expect(error.description).toMatch(/^DigiCert answered HTTP 400: /);
		if (body.errors.length > 1) {
			expect(error.message).toBe(`Entry 0 ${'x'.repeat(200)}`);
			expect(error.description).toContain('[invalid_0]; ');
			expect(error.description).toContain('and 49,990 more');
		}
	});
});

describe('a list larger than the node reads at once', () => {
	/** A page of DigiCert's largest size whose elements are ~500 bytes each, in a list of a million. */
	const listOf = (total: number) => (request: HostileRequest, res: ServerResponse) => {
		const offset = Number(new URL(request.path, 'http://x').searchParams.get('offset'));
		const orders = Array.from({ length: Math.min(MAX_PAGE_SIZE, total - offset) }, (_, i) => ({
			id: offset + i + 1,
			note: 'n'.repeat(480),
		}));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ orders, page: { total, limit: MAX_PAGE_SIZE, offset } }));
	};
	const pages = listOf(1_000_000);

	it('stops once its pages pass the bound in all, and says to use a Limit or filters', async () => {
		// Pages of ~0.5 MB against a 1.2 MB bound (the real one is far larger): the third page passes it.
		jest.replaceProperty(listLimits, 'maxBytes', 1.2 * 1024 * 1024);
		const result = await run({ resource: 'order', operation: 'getMany', returnAll: true }, pages);

		expect(server!.requests).toHaveLength(3);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toBe(
			"DigiCert's list is larger than the node reads at once: over 1.2 MB in 3 pages (3,000 elements), and more to come",
		);
		expect(error.description).toMatch(
			/Turn off Return All and set a Limit, or narrow the list with the operation's filters/,
		);
	});

	it('is returned whole when the page that passes the bound is its last', async () => {
		jest.replaceProperty(listLimits, 'maxBytes', 1.2 * 1024 * 1024);
		const result = await run(
			{ resource: 'order', operation: 'getMany', returnAll: true },
			listOf(3 * MAX_PAGE_SIZE),
		);

		expect(result.error).toBeUndefined();
		expect(result.items()).toHaveLength(3 * MAX_PAGE_SIZE);
		expect(server!.requests).toHaveLength(3);
	});

	it('reads a list under the bound in full', async () => {
		jest.replaceProperty(listLimits, 'maxBytes', 1.2 * 1024 * 1024);
		const result = await run({ resource: 'order', operation: 'getMany', limit: 2000 }, pages);

		expect(result.error).toBeUndefined();
		expect(result.items()).toHaveLength(2000);
		expect(server!.requests).toHaveLength(2);
	});
});

describe('a change DigiCert answered with success, but unreadably', () => {
	const createOrder = {
		resource: 'order',
		operation: 'create',
		product: 'ssl_basic',
		csr: WWW_CSR,
		dnsNames: 'www.example.com',
		organizationId: '12',
		validity: 'years',
		years: 1,
	};
	const approve = {
		resource: 'request',
		operation: 'approve',
		requestId: '7',
		comment: 'ok',
	};
	const revoke = { resource: 'order', operation: 'revoke', orderId: '1234' };
	const answer =
		(status: number, body: string, contentType = 'application/json') =>
		(_request: HostileRequest, res: ServerResponse) => {
			res.writeHead(status, { 'content-type': contentType });
			res.end(body);
		};

	it.each([
		[
			'an HTML page',
			createOrder,
			answer(201, '<html><body>Done</body></html>', 'text/html'),
			'an HTML page',
		],
		[
			'cut-off JSON',
			createOrder,
			answer(201, '{"id":1234,"requests":[{"id":'),
			'a body that is not JSON (application/json)',
		],
		[
			'requests: [null]',
			createOrder,
			answer(201, '{"id":1234,"requests":[null]}'),
			'data of an unexpected shape',
		],
		['JSON null (revoke)', revoke, answer(201, 'null'), 'data of an unexpected shape'],
		[
			'an answer over the size cap',
			createOrder,
			endlessBody(),
			'an answer over 64 MB, which was not read further',
		],
		[
			'an HTML page (approve)',
			approve,
			answer(200, '<!doctype html><p>ok</p>', 'text/html'),
			'an HTML page',
		],
	])(
		'%s: says the change was probably made, to check CertCentral, and sends it once',
		async (_how, parameters, respond, what) => {
			const result = await run(parameters, respond);

			const error = result.error as unknown as { message: string; description: string };
			expect(error).toBeDefined();
			expect(error.message).toMatch(
				new RegExp(
					`^The change was probably made, but DigiCert's answer \\(HTTP 20[01]\\) was ${what.replace(/[()]/g, '\\$&')}$`,
				),
			);
			expect(error.description).toMatch(
				/^Check .+ in CertCentral before running this item again, so nothing is done twice\./,
			);
			expect(error.description).not.toMatch(/try again/i);
			expect(server!.requests).toHaveLength(1);
		},
	);
});
