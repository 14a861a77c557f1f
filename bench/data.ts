import { resolve } from 'node:path';

/** The repository root: the benchmark runs compiled from .cache/bench/bench/ (see scripts/bench.sh). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

/** Sizes and IDs the benchmark jobs use; the fake host grows its data to match. */
export const BENCH_DATA = {
	/** Job 1: Get Request, one item per request ID. */
	requests: 1000,
	firstRequestId: 100_000,
	/** Job 2: Return All over this many orders. */
	orders: 10_000,
	/** IDs of the orders added to the fake's generated ones to reach `orders`. */
	firstExtraOrderId: 50_000_000,
	/** Job 3: List Order Duplicates, one item per order ID. */
	duplicateOrders: 500,
	firstOrderId: 40_000_000,
	/** Job 3: the rate-capped run. */
	rateCappedItems: 5000,
	/** Certificates the fake lists for each of those orders (the seed's duplicates). */
	duplicatesPerOrder: 3,
	/** Shared pacing: executions started at once in one process, each with its own request IDs. */
	concurrentExecutions: 3,
	requestsPerExecution: 1000,
	firstConcurrentRequestId: 200_000,
	/** The duplicate audit: the fake's orders, and every `auditDuplicateEvery`-th has one duplicate (2 %). */
	auditOrders: 5000,
	auditDuplicateEvery: 50,
};

/** The items a correct run outputs: a run that outputs any other number is reported as failed. */
export function expectedItems(job: 'get' | 'returnAll' | 'duplicates' | 'rateCapped'): number {
	if (job === 'get') return BENCH_DATA.requests;
	if (job === 'returnAll') return BENCH_DATA.orders;
	if (job === 'duplicates') return BENCH_DATA.duplicateOrders * BENCH_DATA.duplicatesPerOrder;
	return BENCH_DATA.rateCappedItems;
}

/** DigiCert's documented limits per API key. */
export const DIGICERT_LIMITS = [
	{ limit: 100, ms: 5_000 },
	{ limit: 1000, ms: 180_000 },
];
