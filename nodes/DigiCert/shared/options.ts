import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DIGICERT_RATE_WINDOWS } from './rateLimiter';
import type { TransportOptions } from './transport';
import { DEFAULT_TRANSPORT_OPTIONS } from './transport';

// Named so the lint can see each number parameter has a default.
const { maxRetries, retryDelayMs, timeoutMs } = DEFAULT_TRANSPORT_OPTIONS;

/** Settings for how the node talks to DigiCert; shown for every operation, read once per run. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: maxRetries,
			description:
				'How many times a request is sent again after a rate limit (429), a gateway error (502, 503, 504), a reset connection or a timeout. Other errors are not retried.',
		},
		{
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'options',
			options: [
				{
					name: "DigiCert's Limits",
					value: 'digicert',
					description: 'At most 90 requests per 5 seconds and 900 per 3 minutes, under the 100 and 1000 DigiCert allows each API key',
				},
				{ name: 'Custom', value: 'custom', description: 'At most the number of requests per second set below' },
				{ name: 'Off', value: 'off', description: 'No pacing: only for keys with raised limits or for test servers' },
			],
			default: 'digicert',
			description: 'How fast the node may send requests. Pacing keeps long runs from being blocked by DigiCert (429).',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 5,
			description: 'With a custom rate limit: the most requests per second the node sends, across all items',
			displayOptions: { show: { rateLimit: ['custom'] } },
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: retryDelayMs,
			description: 'The first wait before a retry, in milliseconds; each further wait doubles, with some randomness, up to 2 minutes in all',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: timeoutMs,
			description: 'How long to wait for DigiCert to answer one request before giving up on it (and retrying)',
		},
	],
};

function wholeNumber(label: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min || n > max) {
		throw new Error(`Request Options > ${label} must be a number from ${min} to ${max}, but it is ${JSON.stringify(value)}`);
	}
	return n;
}

/** The transport settings from the Request Options collection, validated. */
export function transportOptionsFrom(raw: IDataObject): TransportOptions {
	const rateLimit = raw.rateLimit ?? 'digicert';
	let rateWindows = DIGICERT_RATE_WINDOWS;
	if (rateLimit === 'off') rateWindows = [];
	else if (rateLimit === 'custom') {
		const perSecond = wholeNumber('Requests per Second', raw.requestsPerSecond, 5, 0.01, 100_000);
		rateWindows = [{ limit: 1, ms: 1000 / perSecond }];
	} else if (rateLimit !== 'digicert') {
		throw new Error(`Request Options > Rate Limit must be one of digicert, custom, off, but it is ${JSON.stringify(rateLimit)}`);
	}
	return {
		...DEFAULT_TRANSPORT_OPTIONS,
		maxRetries: Math.floor(wholeNumber('Max Retries', raw.maxRetries, maxRetries, 0, 10)),
		retryDelayMs: wholeNumber('Retry Delay', raw.retryDelay, retryDelayMs, 0, 600_000),
		timeoutMs: wholeNumber('Timeout', raw.timeout, timeoutMs, 1, 600_000),
		rateWindows,
	};
}

export function readTransportOptions(context: IExecuteFunctions): TransportOptions {
	const raw = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	try {
		return transportOptionsFrom(raw);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}
