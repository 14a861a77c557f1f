/**
 * An execution's own Retry Delay is its own: two executions share one API key (one pacer), one of
 * them set to wait 600,000 ms before it resends a refused request. DigiCert (the fake) refuses that
 * execution's first request once with 429. The other execution must not wait for that delay, nor
 * fail blaming DigiCert. Time is scaled (the pacer's clock runs 100 times faster than the real one);
 * the assertions are on the order requests reached the fake and on what came out, never on time.
 */
import { REAL_CLOCK } from '../../../../nodes/common/clock';
import { keyPacers } from '../../../../nodes/common/rateLimiter';
import { digiCertNode, inputNodes, runWorkflow } from '../../../helpers/engine';
import type { FakeCertCentral } from '../../../helpers/fake';
import { scaledClock } from '../../../helpers/clock';
import { credentialFor, fakeData, startFakeCertCentral } from '../../../helpers/fake';

const SCALE = 100;

let server: FakeCertCentral;
beforeAll(async () => {
	server = await startFakeCertCentral();
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.reset();
	keyPacers.reset(scaledClock(SCALE));
});
afterEach(() => keyPacers.reset(REAL_CLOCK));

const SLOW = fakeData.APPROVED_REQUEST_ID;
const OTHER = fakeData.PENDING_REQUEST_ID;

async function execution(
	requestId: number,
	count: number,
	requestOptions: Record<string, string | number>,
) {
	return await runWorkflow(
		[
			...inputNodes(Array.from({ length: count }, () => ({ id: requestId }))),
			digiCertNode({
				resource: 'request',
				operation: 'get',
				requestId: '={{ $json.id }}',
				requestOptions,
			}),
		],
		{ credentials: credentialFor(server) },
	);
}

it("one execution's Retry Delay (600,000 ms) delays its own refused request only, not the other executions on the key", async () => {
	server.fail({
		match: (r) => r.path.endsWith(`/request/${SLOW}`),
		times: 1,
		respond: {
			status: 429,
			body: { errors: [{ code: 'request_limit_exceeded', message: 'Slow down' }] },
		},
	});
	const slow = execution(SLOW, 1, { rateLimit: 'off', retryDelay: 600_000, maxBlockedWait: 3600 });
	// The other execution starts once the slow one has been refused.
	while (server.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 2));
	const other = await execution(OTHER, 20, { rateLimit: 'off' });

	expect(other.error).toBeUndefined();
	expect(other.items()).toHaveLength(20);
	const slowDone = await slow;
	expect(slowDone.error).toBeUndefined();
	expect(slowDone.items().map((item) => item.json.id)).toEqual([SLOW]);
	const order = server.requests.map((r) => Number(r.path.split('/').pop()));
	// Refused, then all of the other execution's requests, and only then the slow one's retry.
	expect(order).toEqual([SLOW, ...Array.from({ length: 20 }, () => OTHER), SLOW]);
}, 60_000);
