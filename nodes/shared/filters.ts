import type { IDataObject } from 'n8n-workflow';

import { isoDay } from './expiry';
import { assertPositiveId, quoteValue } from './validation';

/**
 * DigiCert list filters: the node's `filters` collection becomes DigiCert's `filters[<key>]` query
 * parameters. Each filter is validated here, so a bad value fails before any request is sent.
 */

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
		throw new Error(`${parameterName} must be a date like 2026-01-31, but it is ${quoteValue(value)}`);
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
				throw new Error(`${displayName} must be one of ${allowed.join(', ')}, but it is ${quoteValue(v)}`);
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
