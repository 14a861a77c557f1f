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
	/** Job 3: List Order Duplicates, one item per order ID. */
	duplicateOrders: 500,
	firstOrderId: 20_000_000,
	/** Job 3: the rate-capped run. */
	rateCappedItems: 5000,
};

/** DigiCert's documented limits per API key. */
export const DIGICERT_LIMITS = [
	{ limit: 100, ms: 5_000 },
	{ limit: 1000, ms: 180_000 },
];
