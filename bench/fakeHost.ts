/**
 * Runs the shared fake CertCentral in its own process, so its work does not share an event loop
 * with the node being measured. The benchmark talks to it over IPC: `count` (requests recorded,
 * 429s answered) and `reset`. Its data is grown to benchmark size here, not in the shared fake.
 */
import { join } from 'node:path';

import { BENCH_DATA, PROJECT_ROOT } from './data';

const fake = require(
	join(PROJECT_ROOT, 'test', 'fake-certcentral'),
) as typeof import('../test/helpers/fake');
const { buildData, seeds } = require(join(PROJECT_ROOT, 'test', 'fake-certcentral', 'data'));

type Message = { id: number; command: 'count' | 'reset' | 'close' | 'arrivals' };

/** The duplicate audit's account: the fake's orders, every 50th with one duplicate (2 %), none other. */
function auditAccount(data: any) {
	data.duplicates.clear();
	let index = 0;
	for (const order of [...data.orders.values()].sort((a, b) => a.id - b.id)) {
		order.has_duplicates = index++ % BENCH_DATA.auditDuplicateEvery === 0;
		if (order.has_duplicates)
			data.duplicates.set(order.id, [seeds.orderDuplicates.certificates[0]]);
	}
}

async function main() {
	const rateLimit = process.env.BENCH_FAKE_RATE_LIMIT
		? JSON.parse(process.env.BENCH_FAKE_RATE_LIMIT)
		: undefined;
	// Scaled time: the windows and the block run on a clock this many times faster than the real one.
	const timeScale = Number(process.env.BENCH_FAKE_TIME_SCALE ?? 1);
	const start = Date.now();
	const clock = () => start + (Date.now() - start) * timeScale;
	const data = buildData();
	if (process.env.BENCH_FAKE_DATA === 'audit') auditAccount(data);
	// The shared-pacing job's requests: each execution its own IDs.
	for (let i = 0; i < BENCH_DATA.concurrentExecutions * BENCH_DATA.requestsPerExecution; i++) {
		const id = BENCH_DATA.firstConcurrentRequestId + i;
		data.requests.set(id, { ...seeds.requestApproved, id });
	}
	// Requests the Get Request job asks for: copies of the approved seed under their own IDs.
	for (let i = 0; i < BENCH_DATA.requests; i++) {
		const id = BENCH_DATA.firstRequestId + i;
		data.requests.set(id, { ...seeds.requestApproved, id });
	}
	// Orders with duplicates for the List Order Duplicates job: the seed's certificates each.
	for (let i = 0; i < BENCH_DATA.duplicateOrders; i++) {
		data.duplicates.set(BENCH_DATA.firstOrderId + i, seeds.orderDuplicates.certificates);
	}
	// Return All: the fake generates some orders; issued ones are added up to the benchmark's count.
	for (
		let id = BENCH_DATA.firstExtraOrderId;
		process.env.BENCH_FAKE_DATA !== 'audit' && data.orders.size < BENCH_DATA.orders;
		id++
	) {
		data.addOrder({ id, status: 'issued', validDays: 200 });
	}

	const blockMs =
		rateLimit && process.env.BENCH_FAKE_BLOCK_MS
			? Number(process.env.BENCH_FAKE_BLOCK_MS)
			: undefined;
	const server = await fake.startFakeCertCentral({ data, rateLimit, blockMs, clock });
	process.on('message', async (message: Message) => {
		if (message.command === 'count') {
			process.send!({
				id: message.id,
				requests: server.requests.length,
				rateLimited: server.stats.rateLimited,
			});
		} else if (message.command === 'arrivals') {
			// The request IDs in the order they arrived (for the shared-pacing job's turns).
			process.send!({
				id: message.id,
				paths: server.requests.map((r: { path: string }) => r.path),
			});
		} else if (message.command === 'reset') {
			server.reset();
			process.send!({ id: message.id });
		} else if (message.command === 'close') {
			await server.close();
			process.send!({ id: message.id });
			process.exit(0);
		}
	});
	process.send!({ ready: true, baseUrl: server.baseUrl, apiKey: server.apiKey });
}

void main();
