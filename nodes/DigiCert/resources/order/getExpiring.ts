import type { IDataObject } from 'n8n-workflow';

import { daysRemaining, expiryWindow } from '../../shared/filters';
import type { DigiCertOperation } from '../../shared/operation';

type Parameters = { days: number; now: number };

/** The longest window: beyond ~5 years no certificate is valid anyway. */
const MAX_DAYS = 2000;

export function assertDays(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_DAYS) {
		throw new Error(`Days must be a whole number from 0 to ${MAX_DAYS}, but it is ${JSON.stringify(value)}`);
	}
	return n;
}

/**
 * The expiring orders among `orders`, soonest first (ties by order ID), each with `days_remaining`
 * counted from `now`. Orders outside the window (or without a valid-till date) are dropped, in case
 * the API's filter was wider than asked.
 */
export function expiringOrders(orders: IDataObject[], days: number, now: number): IDataObject[] {
	return orders
		.map((order) => {
			const validTill = (order.certificate as IDataObject | undefined)?.valid_till;
			return typeof validTill === 'string' ? { order, validTill, remaining: daysRemaining(validTill, now) } : undefined;
		})
		.filter((entry): entry is { order: IDataObject; validTill: string; remaining: number } =>
			entry !== undefined && entry.remaining >= 0 && entry.remaining <= days,
		)
		.sort((a, b) => a.remaining - b.remaining || Number(a.order.id) - Number(b.order.id))
		.map(({ order, remaining }) => ({ ...order, days_remaining: remaining }));
}

export const getExpiring: DigiCertOperation<Parameters> = {
	value: 'getExpiring',
	name: 'Get Expiring Orders',
	action: 'Get orders whose certificates expire soon',
	description:
		"List every issued order whose certificate expires within the given number of days (today included, already expired ones excluded), soonest first; each item is the order with days_remaining (0 = expires today). Use it for renewal reminders and expiry audits; DigiCert's own expiring report gives only counts.",
	properties: [
		{
			displayName: 'Days',
			name: 'days',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_DAYS },
			default: 30,
			required: true,
			description: 'List certificates that expire within this many days from today (UTC)',
		},
	],
	readParameters: (read) => ({ days: assertDays(read('days')), now: Date.now() }),
	request: ({ days, now }) => {
		const { from, to } = expiryWindow(days, now);
		return {
			method: 'GET',
			path: '/order/certificate',
			qs: { 'filters[status]': 'issued', 'filters[valid_till]': `${from}...${to}` },
			paginate: { rootProperty: 'orders' },
		};
	},
	toItems: ({ body }, { days, now }) => expiringOrders(body as IDataObject[], days, now),
};
