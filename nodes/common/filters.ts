import type { IDataObject } from 'n8n-workflow';

import { isObject } from './types';
import { assertPositiveId, quoteValue } from './inputChecks';

/**
 * DigiCert list filters: the node's `filters` collection becomes DigiCert's `filters[<key>]` query
 * parameters. Each filter is checked here, so a bad value fails before any request is sent.
 */

/**
 * A date as DigiCert's filters want it (`YYYY-MM-DD`): the calendar day written in the value, from a
 * date (`2026-01-31`), n8n's date picker (`2026-01-31T00:00:00`, a local time without a zone), an ISO
 * timestamp with its offset, or a Luxon/JS date; throws naming the parameter otherwise.
 *
 * The day is never converted through a time zone: the picker's value has none, and converting it in
 * the server's zone (TZ) or n8n's (GENERIC_TIMEZONE) moved 31 January to the 30th east of UTC. A
 * timestamp with an offset names the day in the zone it was written in, which is the user's.
 */
export function toFilterDate(value: unknown, parameterName: string): string {
	const text =
		value instanceof Date
			? Number.isNaN(value.getTime())
				? ''
				: value.toISOString() // a JS date has no zone of its own: its UTC day
			: isLuxonDate(value)
				? String(value.toISODate?.() ?? value.toISO())
				: typeof value === 'string' || typeof value === 'number'
					? String(value).trim()
					: '';
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})/.exec(text);
	if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
		throw new Error(
			`${parameterName} must be a date like 2026-01-31, but it is ${quoteValue(value)}`,
		);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

function isLuxonDate(value: unknown): value is { toISO: () => string; toISODate?: () => string } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	);
}

/** Whether year-month-day is a real day (no 31 April, no 29 February outside leap years). */
function isCalendarDay(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * The far ends of a one-sided date range. DigiCert documents date filters only as ranges `a...b`
 * (no source shows `>=a` or `<=b`), so "from a" is sent as `a...9999-12-31` and "to b" as
 * `1970-01-01...b`: no certificate order falls outside them.
 */
const EARLIEST_FILTER_DAY = '1970-01-01';
const LATEST_FILTER_DAY = '9999-12-31';

/**
 * DigiCert's date-filter syntax for "from … to" (both inclusive, either optional): always a range
 * `a...b`, with a far end for the one not given; undefined when neither is given.
 */
export function dateRangeFilter(
	from: string | undefined,
	to: string | undefined,
): string | undefined {
	if (!from && !to) return undefined;
	if (from && to && from > to)
		throw new Error(`The date range ends (${to}) before it starts (${from})`);
	return `${from ?? EARLIEST_FILTER_DAY}...${to ?? LATEST_FILTER_DAY}`;
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
	/** DigiCert's key inside `filters[...]`, or the whole query key when `topLevel` is set. */
	key: string;
	/** Sent as a query parameter of its own (`container_id=5` on the domain list), not inside `filters[...]`. */
	topLevel?: boolean;
	/** Checks and converts the value; `undefined` means "not set". */
	convert?: (value: unknown, displayName: string) => string | undefined;
}

/**
 * One filter value as trimmed text, undefined when empty. A list, an object or a boolean (from an
 * expression) is refused: leaving the filter out would widen the query to the unfiltered list.
 */
function text(value: unknown, displayName: string): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new Error(`${displayName} must be a single text or number, but it is ${quoteValue(value)}`);
}

export const asText: NonNullable<FilterSpec['convert']> = (value, displayName) =>
	text(value, displayName);

/**
 * A certificate serial number: hex digits, also written with colons or spaces between the bytes
 * (as browsers show it), sent as uppercase hex.
 */
export const asSerialNumber: NonNullable<FilterSpec['convert']> = (value, displayName) => {
	const raw = text(value, displayName);
	if (raw === undefined) return undefined;
	const hex = raw.replace(/[\s:]/g, '');
	if (!/^[0-9A-Fa-f]{1,64}$/.test(hex)) {
		throw new Error(
			`${displayName} must be a certificate serial number in hex (e.g. 0A1B2C…), but it is ${quoteValue(value)}`,
		);
	}
	return hex.toUpperCase();
};

export const asId: NonNullable<FilterSpec['convert']> = (value, displayName) =>
	text(value, displayName) === undefined ? undefined : String(assertPositiveId(value, displayName));

/** The node's Search filter: "contains" the trimmed text (see containsSearch). */
export const asContainsSearch: NonNullable<FilterSpec['convert']> = (value, displayName) => {
	const search = text(value, displayName);
	return search === undefined ? undefined : containsSearch(search);
};

/** A choice among `allowed` (several may be given as an array; DigiCert takes them comma-separated [U]). */
export function oneOf(allowed: string[]): NonNullable<FilterSpec['convert']> {
	return (value, displayName) => {
		const values = (Array.isArray(value) ? value : [value])
			.map((v) => text(v, displayName))
			.filter((v): v is string => v !== undefined);
		if (values.length === 0) return undefined;
		for (const v of values) {
			if (!allowed.includes(v)) {
				throw new Error(
					`${displayName} must be one of ${allowed.join(', ')}, but it is ${quoteValue(v)}`,
				);
			}
		}
		return values.join(',');
	};
}

/**
 * The query parameters for the filters the user set, e.g. `{status: 'pending'}` →
 * `{'filters[status]': 'pending'}`; empty values are left out, unknown ones ignored. Filters that
 * are not a collection (an expression giving a text) are refused: a text's own methods are no filters.
 */
export function filtersToQuery(filters: IDataObject | undefined, specs: FilterSpec[]): IDataObject {
	if (filters === undefined || filters === null) return {};
	if (!isObject(filters))
		throw new Error(`Filters must be a set of filters, but it is ${quoteValue(filters)}`);
	const qs: IDataObject = {};
	for (const spec of specs) {
		const raw = Object.hasOwn(filters, spec.name) ? filters[spec.name] : undefined;
		if (raw === undefined || raw === null || raw === '') continue;
		const value = (spec.convert ?? asText)(raw, spec.displayName);
		if (value !== undefined) qs[spec.topLevel ? spec.key : `filters[${spec.key}]`] = value;
	}
	return qs;
}
