/**
 * Rate-limit runs: the fake CertCentral enforces DigiCert's two windows (100 requests per 5 s,
 * 1000 per 3 min) scaled down 100 times in time (100 per 50 ms, 1000 per 1.8 s), blocking the key
 * for a while once either is exceeded, as DigiCert does.
 */
import type { INodeParameters } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from '../../../helpers/engine';
import { credentialFor, fakeData } from '../../../helpers/fake';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../helpers/runOperation';

const SCALE = 100;
const WINDOWS = [
	{ limit: 100, ms: 5_000 / SCALE },
	{ limit: 1000, ms: 180_000 / SCALE },
];

const server = useFakeCertCentral({ rateLimit: WINDOWS, blockMs: 100 });

const ITEMS = 2000;
const ids = Array.from({ length: ITEMS }, (_, i) =>
	i % 2 === 0 ? fakeData.APPROVED_REQUEST_ID : fakeData.PENDING_REQUEST_ID,
);

async function run(requestOptions: INodeParameters) {
	return await runDigiCert(
		server,
		{
			resource: 'request',
			operation: 'get',
			requestId: '={{ $json.id }}',
			requestOptions,
		},
		{ input: ids.map((id) => ({ id })) },
	);
}

function expectEveryItem(result: Awaited<ReturnType<typeof run>>) {
	expect(result.error).toBeUndefined();
	const items = result.items();
	expect(items).toHaveLength(ITEMS);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.id).toBe(ids[index]);
		expect(item.json.error).toBeUndefined();
	});
}

/** The most requests the fake accepted or refused in any span of `ms`. */
function busiest(ms: number) {
	const times = server.requests.map((r) => r.time).sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

it(`a ${ITEMS}-item run with a custom rate under DigiCert's limits finishes without a single 429`, async () => {
	// 400 per second is 720 per 1.8 s and 20 per 50 ms: under both scaled windows with room to spare.
	const result = await run({ rateLimit: 'custom', requestsPerSecond: 400 });

	expectEveryItem(result);
	expect(server.stats.rateLimited).toBe(0);
	expect(server.requests).toHaveLength(ITEMS);
	expect(busiest(WINDOWS[1].ms)).toBeLessThan(WINDOWS[1].limit);
}, 180_000);

describe('without a cap', () => {
	// How fast an uncapped run goes depends on the machine (a busy one here managed ~130 items a
	// second): windows this small are exceeded on any (over 50 requests a second, or 30 a second
	// for 2 s), so the run is sure to be blocked.
	const TIGHT = [
		{ limit: 10, ms: 200 },
		{ limit: 60, ms: 2000 },
	];
	const tight = useFakeCertCentral({ rateLimit: TIGHT, blockMs: 100 });

	it('a run is blocked again and again, and the retries still bring every item home', async () => {
		const count = 150;
		const result = await runWorkflow(
			[
				...inputNodes(ids.slice(0, count).map((id) => ({ id }))),
				digiCertNode({
					resource: 'request',
					operation: 'get',
					requestId: '={{ $json.id }}',
					requestOptions: { rateLimit: 'off', maxRetries: 10, retryDelay: 50 },
				}),
			],
			{ credentials: credentialFor(tight) },
		);

		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items).toHaveLength(count);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.id).toBe(ids[index]);
		});
		expect(tight.stats.rateLimited).toBeGreaterThan(0);
		expect(tight.requests).toHaveLength(count + tight.stats.rateLimited);
	});
});

describe('Return All over 5,000 orders', () => {
	// Five pages of 1000: DigiCert's real windows never notice so few requests, so this key's
	// windows are tight (one request per 500 ms) to make every page count.
	const strict = useFakeCertCentral({ rateLimit: [{ limit: 1, ms: 500 }], blockMs: 500 });

	async function returnAll(requestOptions: INodeParameters) {
		return await runWorkflow(
			[
				...inputNodes([{}]),
				digiCertNode({ resource: 'order', operation: 'getMany', returnAll: true, requestOptions }),
			],
			{ credentials: credentialFor(strict) },
		);
	}

	function expectEveryOrder(result: Awaited<ReturnType<typeof returnAll>>) {
		expect(result.error).toBeUndefined();
		const ids = result.items().map((i) => i.json.id);
		expect(ids).toHaveLength(fakeData.TOTAL_ORDERS);
		expect(new Set(ids).size).toBe(fakeData.TOTAL_ORDERS);
		expect(ids).toEqual(strict.data.orderSummaries().map((o: any) => o.id));
		result.items().forEach((item) => expect(item.pairedItem).toEqual({ item: 0 }));
	}

	const offsets = () => strict.requests.map((r) => r.query.offset);

	it('with a rate cap under the limit: every order, and not a single 429', async () => {
		const result = await returnAll({ rateLimit: 'custom', requestsPerSecond: 1 });

		expectEveryOrder(result);
		expect(strict.stats.rateLimited).toBe(0);
		expect(offsets()).toEqual(['0', '1000', '2000', '3000', '4000']);
	}, 60_000);

	it('without a cap, and a burst of 429s on one page: the pages are retried and no order is lost or repeated', async () => {
		strict.fail({
			times: 2,
			match: (r) => r.query.offset === '2000',
			respond: {
				status: 429,
				body: {
					errors: [
						{
							code: 'request_limit_exceeded',
							message: 'Service unavailable, please limit request volume',
						},
					],
				},
			},
		});
		const result = await returnAll({ rateLimit: 'off', maxRetries: 10, retryDelay: 200 });

		expectEveryOrder(result);
		// Each page was asked for until it came; the page after a refused one starts where it left off.
		const asked = offsets();
		expect([...new Set(asked)]).toEqual(['0', '1000', '2000', '3000', '4000']);
		expect(asked.filter((o) => o === '2000').length).toBeGreaterThanOrEqual(3);
		expect(asked.length).toBe(5 + 2 + strict.stats.rateLimited);
	}, 60_000);
});
