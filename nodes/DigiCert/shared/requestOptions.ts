import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RateWindow } from '../../common/rateLimiter';
import { quoteValue } from '../../common/inputChecks';
import { DIGICERT_RATE_WINDOWS } from '../../common/rateLimiter';
import type { TransportOptions } from '../../common/transport';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../common/transport';

// Named so the lint can see each number parameter has a default.
const { maxRetries, retryDelayMs, timeoutMs } = DEFAULT_TRANSPORT_OPTIONS;
const maxBlockedWaitSeconds = DEFAULT_TRANSPORT_OPTIONS.maxBlockedWaitMs / 1000;

/**
 * Where the pacing and retry settings are, for messages: the node's Settings tab (n8n's
 * `isNodeSetting`), beside n8n's own Retry On Fail, under a name that is not the Request resource's.
 */
const SETTINGS_LABEL = 'Settings > Rate Limit and Retries';

/** Settings for how the node talks to DigiCert; the same for every operation, read once per run. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Rate Limit and Retries',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Setting',
	isNodeSetting: true,
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: maxRetries,
			description:
				'How many times a request is sent again after a gateway error (502, 503, 504), a reset connection or a timeout (a rate limit, 429, is waited out instead: see Max Wait When Blocked). Approve and Reject are sent again only when DigiCert surely did not act on them. Other errors are not retried.',
		},
		{
			displayName: 'Max Wait When Blocked (S)',
			name: 'maxBlockedWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: maxBlockedWaitSeconds,
			description:
				'How long, in seconds, a request waits in all while DigiCert blocks the API key (429) before the node gives up. DigiCert may block a key for up to 3 minutes; meanwhile every execution using the key waits.',
		},
		{
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'options',
			options: [
				{
					name: "DigiCert's Limits",
					value: 'digicert',
					description:
						'At most 100 per 5 s and 1,000 per 3 min per API key, over all executions in this n8n process',
				},
				{
					name: 'Custom',
					value: 'custom',
					description:
						'At most the number of requests per second set below, per API key in this n8n process',
				},
				{
					name: 'Off',
					value: 'off',
					description: 'No pacing: only for keys with raised limits or for test servers',
				},
			],
			default: 'digicert',
			description:
				'How fast requests with this API key may go, counted over every execution, trigger and list search in this n8n process. When executions on one key differ, the strictest applies to all.',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: 1000, numberPrecision: 2 },
			default: 5,
			description:
				'With a custom rate limit: the most requests per second sent with this API key by this n8n process',
			displayOptions: { show: { rateLimit: ['custom'] } },
		},
		{
			displayName: 'Retry Delay (Milliseconds)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 600_000 },
			default: retryDelayMs,
			description:
				'The first wait before a retry, in milliseconds; each further wait doubles, with some randomness, up to 2 minutes in all',
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600_000 },
			default: timeoutMs,
			description:
				'How long to wait for DigiCert to answer one request before giving up on it (and retrying)',
		},
	],
};

/** A number (or a string of one, as expressions give) from min to max; the fallback when empty. */
function numberInRange(
	label: string,
	value: unknown,
	fallback: number,
	min: number,
	max: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
				? Number(value)
				: NaN;
	if (!Number.isFinite(n) || n < min || n > max) {
		throw new Error(
			`${SETTINGS_LABEL} > ${label} must be a number from ${min} to ${max}, but it is ${quoteValue(value)}`,
		);
	}
	return n;
}

const RATE_LIMITS = ['digicert', 'custom', 'off'];

/**
 * At most `perSecond` requests a second, counted over a tenth of a second: no burst larger than a
 * tenth of the rate (none at all below 20 a second, where requests are simply spaced out), and
 * fast rates are not slowed by timer granularity as one-at-a-time spacing would be.
 */
export function customRateWindow(perSecond: number): RateWindow {
	const limit = Math.max(1, Math.floor(perSecond / 10));
	return { limit, ms: (limit * 1000) / perSecond };
}

/** No pacing (Rate Limit Off): one array for every execution. */
const NO_WINDOWS: readonly RateWindow[] = Object.freeze([]);

/** One windows array per custom rate, so executions with the same rate share it (and the pacer's work). */
const customWindows = new Map<number, readonly RateWindow[]>();

function customRateWindows(perSecond: number): readonly RateWindow[] {
	let windows = customWindows.get(perSecond);
	if (windows === undefined) {
		// Bounded: a rate set by an expression could otherwise grow this without end.
		if (customWindows.size >= 1000) customWindows.clear();
		windows = Object.freeze([Object.freeze(customRateWindow(perSecond))]);
		customWindows.set(perSecond, windows);
	}
	return windows;
}

/** The transport settings from the Rate Limit and Retries collection, validated. */
export function transportOptionsFrom(raw: unknown): TransportOptions {
	if (raw === undefined || raw === null || raw === '') raw = {};
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		throw new Error(`${SETTINGS_LABEL} must be a set of settings, not a single value`);
	}
	const options = raw as IDataObject;
	const rateLimit = options.rateLimit ?? 'digicert';
	if (typeof rateLimit !== 'string' || !RATE_LIMITS.includes(rateLimit)) {
		throw new Error(
			`${SETTINGS_LABEL} > Rate Limit must be one of ${RATE_LIMITS.join(', ')}, but it is ${quoteValue(rateLimit)}`,
		);
	}
	let rateWindows: readonly RateWindow[] = DIGICERT_RATE_WINDOWS;
	if (rateLimit === 'off') rateWindows = NO_WINDOWS;
	else if (rateLimit === 'custom') {
		const perSecond = numberInRange(
			'Requests per Second',
			options.requestsPerSecond,
			5,
			0.01,
			1000,
		);
		rateWindows = customRateWindows(perSecond);
	}
	return {
		...DEFAULT_TRANSPORT_OPTIONS,
		maxRetries: Math.floor(numberInRange('Max Retries', options.maxRetries, maxRetries, 0, 10)),
		retryDelayMs: numberInRange('Retry Delay', options.retryDelay, retryDelayMs, 0, 600_000),
		timeoutMs: numberInRange('Timeout', options.timeout, timeoutMs, 1, 600_000),
		maxBlockedWaitMs:
			numberInRange(
				'Max Wait When Blocked',
				options.maxBlockedWait,
				maxBlockedWaitSeconds,
				0,
				3600,
			) * 1000,
		// Shared and frozen: no one may change them (TransportOptions predates readonly windows).
		rateWindows: rateWindows as RateWindow[],
	};
}

export function readTransportOptions(context: IExecuteFunctions): TransportOptions {
	const raw = context.getNodeParameter('requestOptions', 0, {});
	try {
		return transportOptionsFrom(raw);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description:
				'Fix the Request Options (or the expression that sets one) and run again; no request was sent.',
		});
	}
}

/** Next to n8n's own Retry On Fail: how the two combine. */
export const retryOnFailNotice: INodeProperties = {
	displayName:
		"These retries resend one request to DigiCert and never resend a change DigiCert may have acted on. n8n's Retry On Fail (above) runs the whole node again: for Create, Reissue, Duplicate, Revoke, Cancel, Approve and Reject the node then keeps the changes already made and does not send again one that may have been made, so it only repeats DigiCert's refusals. Keep it off for them.",
	name: 'retryOnFailNotice',
	type: 'notice',
	default: '',
	isNodeSetting: true,
};
