import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quoteValue } from './validation';

/**
 * Certificate expiry, shared by the node's Get Expiring Orders and the trigger's Certificate
 * Expiring: the window query, the day count, the Days check and the soonest-first list.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a time in ms. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** The `valid_till` window for "expires within `days` days" of `now`: today through today + days. */
export function expiryWindow(days: number, now: number): { from: string; to: string } {
	return { from: isoDay(now), to: isoDay(now + days * DAY_MS) };
}

/** Whole days from today (UTC) to `validTill` (`YYYY-MM-DD…`): 0 on the day it expires, negative after. */
export function daysRemaining(validTill: string, now: number): number {
	const day = Date.parse(`${validTill.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(day)) throw new Error(`Not a date: ${quoteValue(validTill)}`);
	return Math.round((day - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS);
}

/** The longest expiry window, in days: beyond ~5 years no certificate is valid anyway. */
export const EXPIRY_MAX_DAYS = 2000;

/** The Days field of an expiry window (the node's Get Expiring Orders, the trigger's Certificate Expiring). */
export function expiryDaysProperty(description: string): INodeProperties {
	return {
		displayName: 'Days',
		name: 'days',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: EXPIRY_MAX_DAYS },
		default: 30,
		required: true,
		description,
	};
}

/** A number of days for an expiry window: a whole number from 0 to EXPIRY_MAX_DAYS, also as text. */
export function assertDays(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > EXPIRY_MAX_DAYS) {
		throw new Error(`Days must be a whole number from 0 to ${EXPIRY_MAX_DAYS}, but it is ${quoteValue(value)}`);
	}
	return n;
}

/** The order-list query for issued orders whose certificate expires within `days` of `now`. */
export function expiringOrdersQuery(days: number, now: number): IDataObject {
	const { from, to } = expiryWindow(days, now);
	return { 'filters[status]': 'issued', 'filters[valid_till]': `${from}...${to}` };
}

export interface ExpiringOrder {
	order: IDataObject;
	/** The certificate's expiry day, `YYYY-MM-DD`. */
	valid_till: string;
	days_remaining: number;
}

/**
 * The orders among `orders` whose certificate expires within `days` of `now` (today included,
 * already expired ones not), soonest first, ties by order ID. Orders outside the window or without a
 * valid-till date are dropped, in case the API's filter was wider than asked.
 */
export function findExpiring(orders: IDataObject[], days: number, now: number): ExpiringOrder[] {
	const found: ExpiringOrder[] = [];
	for (const order of orders) {
		const validTill = (order.certificate as IDataObject | undefined)?.valid_till;
		if (typeof validTill !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(validTill)) continue;
		const remaining = daysRemaining(validTill, now);
		if (remaining >= 0 && remaining <= days) found.push({ order, valid_till: validTill.slice(0, 10), days_remaining: remaining });
	}
	return found.sort((a, b) => a.days_remaining - b.days_remaining || Number(a.order.id) - Number(b.order.id));
}
