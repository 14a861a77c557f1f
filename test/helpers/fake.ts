/**
 * Typed access to the shared fake CertCentral. The fake is plain JavaScript (scripts and n8n itself
 * start it too); its types come from its JSDoc (tsconfig.json's allowJs), so nothing here copies them.
 */
import fake = require('../fake-certcentral');
import data = require('../fake-certcentral/data');
import domains = require('../fake-certcentral/domains');
import files = require('../fake-certcentral/files');

import type { RecordedRequest } from '../fake-certcentral';

export type { RecordedRequest, FaultResponse, Fault } from '../fake-certcentral';
/** A running fake: its address, key, data, the requests it got, and its fault and rate-limit controls. */
export type FakeCertCentral = Awaited<ReturnType<typeof fake.startFakeCertCentral>>;
/** The fake's data: its store, domains and organizations, DCV state and routes (see its data.js). */
export type FakeData = FakeCertCentral['data'];

export const startFakeCertCentral = fake.startFakeCertCentral;
export const VALID_API_KEY = fake.VALID_API_KEY;
/** The fake's seed IDs, sizes and date helpers. */
export const fakeData = data;
/** The fake's domains and organizations (their validations lapse across the audit thresholds). */
export const fakeDomains = domains;
/** The fake's download files: `readZip` reads a downloaded archive back. */
export const fakeFiles = files;

/** What the fake got, in the parts most tests assert: method, path, query and the API key sent. */
export function seenByServer(request: RecordedRequest) {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		key: request.headers['x-dc-devkey'],
	};
}

/** The credential data for the fake (region custom), or for a real region with the fake behind it. */
export function credentialFor(server: FakeCertCentral, overrides: Record<string, unknown> = {}) {
	return {
		digiCertApi: { region: 'custom', baseUrl: server.baseUrl, apiKey: server.apiKey, ...overrides },
	};
}

/**
 * The query of one page of the active domains with their validations, as the expiring-validation
 * audit (the action and the trigger alike) asks for it: with the reuse status, and with UTC times
 * where the node's version asks for them.
 */
export function activeDomainsPageQuery({
	utcTimes,
	offset = 0,
}: {
	utcTimes: boolean;
	offset?: number;
}) {
	return {
		'filters[status]': 'active',
		include_validation: 'true',
		'filters[include_validation_reuse_status]': 'true',
		...(utcTimes ? { include_dcv_expiration_time: 'true' } : {}),
		offset: String(offset),
		limit: '1000',
	};
}

/** POSTs `body` as JSON to the fake with the valid key: to see what the fake itself refuses. */
export async function postToFake(server: FakeCertCentral, path: string, body: unknown) {
	return await fetch(`${server.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'X-DC-DEVKEY': server.apiKey, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
}
