import { sleep } from 'n8n-workflow';

/**
 * Registrations on their way, in this n8n process. n8n saves a workflow's static data only after
 * its activation, so the challenge DigiCert sends during activation reaches a webhook() that cannot
 * read the new secret from static data yet: the secret and the wait for the token live here, keyed
 * by workflow and node, for as long as the activation waits. Nothing here is ever written to an
 * item or a log.
 */
interface Pending {
	webhookId: number;
	secret: string;
	receive: (token: string) => void;
}

const pending = new Map<string, Pending>();

/** Secrets of "Listen for test event" (a test secret is never stored in the workflow). */
const testSecrets = new Map<string, string>();

/** How long activation waits for DigiCert's challenge (tests shorten it). */
export const challengeTiming = { waitMs: 60_000 };

export const registrationKey = (workflowId: string | undefined, nodeId: string) =>
	`${workflowId ?? ''}:${nodeId}`;

/**
 * Starts waiting for the challenge of webhook `webhookId`; `token()` resolves with the token the
 * endpoint received, or undefined after `challengeTiming.waitMs`. Call `done()` in every case.
 */
export function awaitChallenge(key: string, webhookId: number, secret: string) {
	let receive: (token: string) => void = () => undefined;
	const received = new Promise<string>((resolve) => {
		receive = resolve;
	});
	pending.set(key, { webhookId, secret, receive });
	const stop = new AbortController();
	const timeout = sleep(challengeTiming.waitMs, stop.signal).then(
		() => undefined,
		() => undefined,
	);
	return {
		token: async () => await Promise.race([received, timeout]),
		done: () => {
			stop.abort();
			if (pending.get(key)?.receive === receive) pending.delete(key);
		},
	};
}

/** The registration of this workflow's node waiting for a challenge, if any. */
export const pendingChallenge = (key: string): Pending | undefined => pending.get(key);

export function rememberTestSecret(key: string, secret: string) {
	testSecrets.set(key, secret);
}
export const testSecret = (key: string) => testSecrets.get(key);
export function forgetTestSecret(key: string) {
	testSecrets.delete(key);
}
