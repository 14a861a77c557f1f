/** Typed access to the shared fake CertCentral (plain JS, so scripts and n8n itself can start it too). */
const fake = require('../fake-certcentral') as {
	startFakeCertCentral(options?: {
		data?: unknown;
		port?: number;
		apiKey?: string;
		rateLimit?: Array<{ limit: number; ms: number }>;
		blockMs?: number;
		clock?: () => number;
		/** More keys of the same user, each restricted to an API key role. */
		restrictedKeys?: Record<
			string,
			'orders' | 'orders_domains_organizations' | 'view_only' | 'user_management'
		>;
	}): Promise<FakeCertCentral>;
	VALID_API_KEY: string;
};
export const fakeData = require('../fake-certcentral/data') as {
	SEED_ORDER_ID: number;
	ORDER_WITHOUT_DUPLICATES: number;
	APPROVED_REQUEST_ID: number;
	PENDING_REQUEST_ID: number;
	ARCHIVED_DUPLICATE: Record<string, unknown>;
	TOTAL_ORDERS: number;
	TOTAL_REQUESTS: number;
	FIRST_ORDER_ID: number;
	FIRST_REQUEST_ID: number;
	MAX_LIMIT: number;
	daysUntil(date: string, now: number): number;
	isoDate(ms: number): string;
	seeds: {
		orderDuplicates: { certificates: Array<Record<string, unknown>> };
		requestApproved: Record<string, unknown>;
		requestPending: Record<string, unknown>;
	};
};

/** The fake's domains and organizations (their validations lapse across the audit thresholds). */
export const fakeDomains = require('../fake-certcentral/domains') as {
	DOMAIN_IDS: {
		bothIn12: number;
		ovIn30: number;
		ovToday: number;
		pendingTxt: number;
		inactive: number;
		pendingCname: number;
		pendingHttp: number;
	};
	TOTAL_DOMAINS: number;
	DCV_REUSE_DAYS: number;
};

/** The fake's download files: `readZip` reads a downloaded archive back. */
export const fakeFiles = require('../fake-certcentral/files') as {
	readZip(zip: Buffer): Record<string, Buffer>;
	certificateFile(
		order: unknown,
		format: string,
	): { contentType: string; fileName: string; content: Buffer } | undefined;
};

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	time: number;
}

export interface FaultResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	raw?: string | Buffer;
	reset?: boolean;
	truncate?: boolean;
	delayMs?: number;
}

export interface FakeCertCentral {
	apiKey: string;
	origin: string;
	baseUrl: string;
	port: number;
	data: any;
	requests: RecordedRequest[];
	/** 429s answered because of the windows, and how many times the key was blocked. */
	stats: { rateLimited: number; blocks: number };
	fail(fault: {
		match?: (r: RecordedRequest) => boolean;
		times?: number;
		respond: FaultResponse | ((r: RecordedRequest) => FaultResponse);
	}): void;
	clearFaults(): void;
	/** Another tool sends `count` requests with the key now: they fill the windows. */
	useKeyElsewhere(count: number): void;
	reset(): void;
	close(): Promise<void>;
}

export const startFakeCertCentral = fake.startFakeCertCentral;
export const VALID_API_KEY = fake.VALID_API_KEY;

/** The credential data for the fake (region custom), or for a real region with the fake behind it. */
export function credentialFor(server: FakeCertCentral, overrides: Record<string, unknown> = {}) {
	return {
		digiCertApi: { region: 'custom', baseUrl: server.baseUrl, apiKey: server.apiKey, ...overrides },
	};
}
