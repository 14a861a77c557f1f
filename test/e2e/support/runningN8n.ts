/**
 * A running n8n for one describe block of the e2e suite, its owner signed in, and its REST API; and
 * `until`, the wait for what a running n8n does in its own time.
 */
import type { N8nHome, RunningN8n } from './n8n';
import { setupOwner } from './n8n';

/** The owner the suite's Test connection sets up (n8n has one): whichever runs first creates it. */
const OWNER = { email: 'owner@example.com', password: 'E2e-test-connection-1' };

/**
 * Starts an n8n from `home()` before the block's tests and stops it after them; `n8n()` is the
 * running instance, `rest()` calls its REST API as the owner (the answer's `data`, or an error).
 */
export function useRunningN8n(home: () => N8nHome) {
	let n8n: RunningN8n | undefined;
	let cookie: string;

	beforeAll(async () => {
		n8n = await home().startN8n();
		({ cookie } = await setupOwner(n8n.url, OWNER));
	}, 5 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	const running = () => {
		if (n8n === undefined) throw new Error('n8n runs only while the block runs');
		return n8n;
	};
	return {
		n8n: running,
		async rest<T = any>(method: string, route: string, body?: unknown): Promise<T> {
			const response = await fetch(`${running().url}/rest${route}`, {
				method,
				headers: { 'content-type': 'application/json', cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(
					`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`,
				);
			return (JSON.parse(text) as { data: T }).data;
		},
	};
}

/** Waits until `condition` holds, looking every `everyMs`; fails naming `what` after `timeoutMs`. */
export async function until(
	what: string,
	condition: () => boolean,
	timeoutMs: number,
	everyMs = 500,
) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
