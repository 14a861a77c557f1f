/**
 * One pacer per API key for every execution in the process: executions started at the same moment
 * against a fake that enforces DigiCert's real windows (100 per 5 s, 1,000 per 3 min) and blocks the
 * key past them. Time is scaled: the fake and the node's pacer share one clock running 10 times
 * faster than the real one, so the windows are DigiCert's own numbers and a 3-minute window passes
 * in 18 s, while the executions (paced on their own) would still send far faster than DigiCert
 * allows. Nothing here measures time: the assertions are on what reached the fake and what came out.
 */
import { sleep } from 'n8n-workflow';

import type { Clock } from '../../../../nodes/common/clock';
import { DIGICERT_RATE_WINDOWS, keyPacers } from '../../../../nodes/common/rateLimiter';
import type { FakeCertCentral } from '../../../helpers/fake';
import { scaledClock } from '../../../helpers/clock';
import { fakeData, startFakeCertCentral } from '../../../helpers/fake';
import { runDigiCert } from '../../../helpers/runOperation';

const SCALE = 10;

let server: FakeCertCentral;
let clock: Clock;
beforeAll(async () => {
	clock = scaledClock(SCALE);
	server = await startFakeCertCentral({
		rateLimit: DIGICERT_RATE_WINDOWS,
		clock: () => clock.now(),
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.reset();
	keyPacers.reset(clock);
});

/** Each execution asks for its own request ID, so the fake's log says whose request came when. */
const EXECUTIONS = [
	fakeData.APPROVED_REQUEST_ID,
	fakeData.PENDING_REQUEST_ID,
	fakeData.FIRST_REQUEST_ID,
];

async function execution(requestId: number, count: number) {
	return await runDigiCert(
		server,
		{ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' },
		{ input: Array.from({ length: count }, () => ({ id: requestId })) },
	);
}

function expectEveryItem(
	result: Awaited<ReturnType<typeof execution>>,
	requestId: number,
	count: number,
) {
	expect(result.error).toBeUndefined();
	const items = result.items();
	expect(items).toHaveLength(count);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.id).toBe(requestId);
	});
}

const idOf = (path: string) => Number(path.split('/').pop());

it("three executions started at once share the key's limits: not a single 429, every item back, turns taken", async () => {
	const COUNT = 400;
	const results = await Promise.all(EXECUTIONS.map(async (id) => await execution(id, COUNT)));

	results.forEach((result, index) => expectEveryItem(result, EXECUTIONS[index], COUNT));
	expect(server.stats.rateLimited).toBe(0);
	expect(server.requests).toHaveLength(3 * COUNT);
	// Past the first 1,000 the 3-minute window bound: the run waited for it instead of being blocked.
	// Turns: when the first execution had sent its last request, each other had sent nearly all of theirs.
	const order = server.requests.map((r) => idOf(r.path));
	const firstDone = Math.min(...EXECUTIONS.map((id) => order.lastIndexOf(id)));
	for (const id of EXECUTIONS) {
		expect(
			order.slice(0, firstDone + 1).filter((seen) => seen === id).length,
		).toBeGreaterThanOrEqual(COUNT * 0.95);
	}
}, 120_000);

it('a 429 caused by another tool using the key pauses every execution, and they all recover', async () => {
	const COUNT = 200;
	const runs = Promise.all(EXECUTIONS.map(async (id) => await execution(id, COUNT)));
	while (server.requests.length < 150) await sleep(2);
	// Another tool fills the 5-second window: the fake blocks the key for 5 s (scaled) at the next request.
	server.useKeyElsewhere(100);
	const results = await runs;

	results.forEach((result, index) => expectEveryItem(result, EXECUTIONS[index], COUNT));
	expect(server.stats.blocks).toBe(1);
	expect(server.stats.rateLimited).toBeGreaterThan(0);
	// No storm: only the requests already out when the block began (at most 10 per execution) and
	// one probe at a time were refused; everything else waited.
	expect(server.stats.rateLimited).toBeLessThanOrEqual(30 + 5);
	expect(server.requests).toHaveLength(3 * COUNT + server.stats.rateLimited);
}, 120_000);
