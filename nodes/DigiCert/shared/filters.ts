import type { IDataObject } from 'n8n-workflow';

import { assertPositiveId } from './validation';

/**
 * DigiCert list filters: the node's `filters` collection becomes DigiCert's `filters[<key>]` query
 * parameters. Each filter is validated here, so a bad value fails before any request is sent.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a time in ms. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date as DigiCert's filters want it (`YYYY-MM-DD`), from a date string, an ISO timestamp
 * (n8n's date picker) or a Luxon/JS date; throws naming the parameter otherwise.
 */
export function toFilterDate(value: unknown, parameterName: string): string {
	const text =
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function'
				? String((value as { toISO: () => string }).toISO())
				: String(value ?? '').trim();
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
	const ms = match ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
	if (!match || Number.isNaN(ms)) {
		throw new Error(`${parameterName} must be a date like 2026-01-31, but it is ${JSON.stringify(value)}`);
	}
	// A date-only value is that day; a timestamp is the UTC day it falls in.
	return text.length === 10 ? text : isoDay(ms);
}

/**
 * DigiCert's date-filter syntax for "from … to" (both optional, inclusive): `a...b`, `>=a` or
 * `<=b`; undefined when neither is given.
 */
export function dateRangeFilter(from: string | undefined, to: string | undefined): string | undefined {
	if (from && to) {
		if (from > to) throw new Error(`The date range ends (${to}) before it starts (${from})`);
		return `${from}...${to}`;
	}
	if (from) return `>=${from}`;
	if (to) return `<=${to}`;
	return undefined;
}

/**
 * DigiCert's search: a leading `%` (sent as %25) means "contains"; without it the match is exact.
 * The node's Search filter means "contains", so the `%` is added unless the user wrote one.
 */
export function containsSearch(text: string): string {
	return text.startsWith('%') ? text : `%${text}`;
}

/** One entry of the node's filters collection and how it becomes a DigiCert query parameter. */
export interface FilterSpec {
	/** The field's name in the node's `filters` collection. */
	name: string;
	/** For error messages. */
	displayName: string;
	/** DigiCert's key inside `filters[...]`. */
	key: string;
	/** Validates and converts the value; `undefined` means "not set". */
	convert?: (value: unknown, displayName: string) => string | undefined;
}

const text = (value: unknown) => {
	const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return s === '' ? undefined : s;
};

export const asText: NonNullable<FilterSpec['convert']> = (value) => text(value);

export const asId: NonNullable<FilterSpec['convert']> = (value, displayName) =>
	text(value) === undefined ? undefined : String(assertPositiveId(value, displayName));

/** The node's Search filter: "contains" the trimmed text (see containsSearch). */
export const asContainsSearch: NonNullable<FilterSpec['convert']> = (value) =>
	typeof value === 'string' && value.trim() !== '' ? containsSearch(value.trim()) : undefined;

/** A choice among `allowed` (several may be given as an array; DigiCert takes them comma-separated [U]). */
export function oneOf(allowed: string[]): NonNullable<FilterSpec['convert']> {
	return (value, displayName) => {
		const values = (Array.isArray(value) ? value : [value]).map(text).filter((v): v is string => v !== undefined);
		if (values.length === 0) return undefined;
		for (const v of values) {
			if (!allowed.includes(v)) {
				throw new Error(`${displayName} must be one of ${allowed.join(', ')}, but it is "${v}"`);
			}
		}
		return values.join(',');
	};
}

/**
 * The query parameters for the filters the user set, e.g. `{status: 'pending'}` →
 * `{'filters[status]': 'pending'}`; empty values are left out, unknown ones ignored.
 */
export function filtersToQuery(filters: IDataObject | undefined, specs: FilterSpec[]): IDataObject {
	const qs: IDataObject = {};
	for (const spec of specs) {
		const raw = filters?.[spec.name];
		if (raw === undefined || raw === null || raw === '') continue;
		const value = (spec.convert ?? asText)(raw, spec.displayName);
		if (value !== undefined) qs[`filters[${spec.key}]`] = value;
	}
	return qs;
}

/** The `valid_till` window for "expires within `days` days" of `now`: today through today + days. */
export function expiryWindow(days: number, now: number): { from: string; to: string } {
	return { from: isoDay(now), to: isoDay(now + days * DAY_MS) };
}

/** Whole days from today (UTC) to `validTill` (`YYYY-MM-DD…`): 0 on the day it expires, negative after. */
export function daysRemaining(validTill: string, now: number): number {
	const day = Date.parse(`${validTill.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(day)) throw new Error(`Not a date: ${JSON.stringify(validTill)}`);
	return Math.round((day - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS);
}

/** The longest expiry window, in days: beyond ~5 years no certificate is valid anyway. */
export const EXPIRY_MAX_DAYS = 2000;

/** A number of days for an expiry window: a whole number from 0 to EXPIRY_MAX_DAYS, also as text. */
export function assertDays(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > EXPIRY_MAX_DAYS) {
		throw new Error(`Days must be a whole number from 0 to ${EXPIRY_MAX_DAYS}, but it is ${JSON.stringify(value)}`);
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
