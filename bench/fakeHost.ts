/**
 * Runs the shared fake CertCentral in its own process, so its work does not share an event loop
 * with the node being measured. The benchmark talks to it over IPC: `count` (requests recorded,
 * 429s answered) and `reset`. Its data is grown to benchmark size here, not in the shared fake.
 */
import { join } from 'node:path';

import { BENCH_DATA, PROJECT_ROOT } from './data';

/* eslint-disable @typescript-eslint/no-require-imports */
const fake = require(join(PROJECT_ROOT, 'test', 'fake-certcentral')) as typeof import('../test/helpers/fake');
const { buildData, seeds } = require(join(PROJECT_ROOT, 'test', 'fake-certcentral', 'data'));
/* eslint-enable @typescript-eslint/no-require-imports */

type Message = { id: number; command: 'count' | 'reset' | 'close' };

async function main() {
	const rateLimit = process.env.BENCH_FAKE_RATE_LIMIT ? JSON.parse(process.env.BENCH_FAKE_RATE_LIMIT) : undefined;
	const data = buildData();
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
	for (let id = BENCH_DATA.firstExtraOrderId; data.orders.size < BENCH_DATA.orders; id++) {
		data.addOrder({ id, status: 'issued', validDays: 200 });
	}

	const server = await fake.startFakeCertCentral({ data, rateLimit, blockMs: rateLimit ? Number(process.env.BENCH_FAKE_BLOCK_MS) : undefined });
	process.on('message', async (message: Message) => {
		if (message.command === 'count') {
			process.send!({ id: message.id, requests: server.requests.length, rateLimited: server.stats.rateLimited });
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
