import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quoteValue } from './inputChecks';

/**
 * Expiry, shared by the node's Get Expiring operations and the trigger's expiring events: the
 * window, the day count, the Days field and check, and the soonest-first lists, for certificates
 * (orders) and for the validations of domains and organizations.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a time in ms. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` (UTC) of the day `days` days after the day of `now`. */
export function daysLater(days: number, now: number): string {
	return isoDay(now + days * DAY_MS);
}

/** The `valid_till` window for "expires within `days` days" of `now`: today through today + days. */
export function expiryWindow(days: number, now: number): { from: string; to: string } {
	return { from: isoDay(now), to: daysLater(days, now) };
}

/** Whole days from today (UTC) to `validTill` (`YYYY-MM-DD…`): 0 on the day it expires, negative after. */
export function daysRemaining(validTill: string, now: number): number {
	const day = Date.parse(`${validTill.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(day)) throw new Error(`Not a date: ${quoteValue(validTill)}`);
	return Math.round((day - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS);
}

/** Whether `remaining` days lies in "within `days`": today (0) through `days`, not already past. */
const withinDays = (remaining: number, days: number) => remaining >= 0 && remaining <= days;

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

/** A number of days for an expiry window: a whole number from 0 to EXPIRY_MAX_DAYS, also as decimal text. */
export function assertDays(value: unknown): number {
	// Number() would read "0x10" as 16 and "1e3" as 1000.
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > EXPIRY_MAX_DAYS) {
		throw new Error(
			`Days must be a whole number from 0 to ${EXPIRY_MAX_DAYS}, but it is ${quoteValue(value)}`,
		);
	}
	return n;
}

/**
 * The order statuses whose current certificate can run out: `issued`, and `reissue_pending` (a
 * reissue, or DigiCert's auto-reissue, waiting for DCV or approval: the current certificate still
 * expires, and it is the one most at risk).
 */
export const EXPIRING_ORDER_STATUSES = ['issued', 'reissue_pending'] as const;

/**
 * The order-list queries for the orders whose certificate may expire within a window from `now`:
 * one per status of EXPIRING_ORDER_STATUSES (several statuses in one filter are not documented),
 * `valid_till` from today on only, and not renewed when asked. DigiCert does not say whether
 * `filters[valid_till]` is the certificate's end or the order's (they differ on multi-year plans);
 * an order ends no sooner than its certificate, so "from today" is right either way, and the
 * window's end is applied to the certificate's valid_till here (findExpiring).
 */
export function expiringOrdersQueries(now: number, excludeRenewed: boolean): IDataObject[] {
	return EXPIRING_ORDER_STATUSES.map((status) => ({
		'filters[status]': status,
		'filters[valid_till]': `${isoDay(now)}...9999-12-31`,
		...(excludeRenewed ? { 'filters[is_renewed]': 'false' } : {}),
	}));
}

/** The Exclude Renewed Orders field of the expiry audits: on for new nodes (`changedDefault` by each node's versions). */
export const excludeRenewedProperty: INodeProperties = {
	displayName: 'Exclude Renewed Orders',
	name: 'excludeRenewed',
	type: 'boolean',
	default: true,
	description:
		'Whether to leave out orders already renewed (DigiCert marks the old order renewed when its renewal is ordered): their certificates expire, but a new one replaces them',
};

export interface ExpiringOrder {
	order: IDataObject;
	/** The certificate's expiry day, `YYYY-MM-DD`. */
	valid_till: string;
	days_remaining: number;
}

/** `YYYY-MM-DD` of a real calendar day at the start of `value` (a date or timestamp), else undefined. */
export function readDay(value: unknown): string | undefined {
	const day = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;
	// Date.parse would read "2026-02-30" as 2 March: the day must come back unchanged.
	return day !== undefined &&
		!Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
		isoDay(Date.parse(`${day}T00:00:00Z`)) === day
		? day
		: undefined;
}

/**
 * The orders among `orders` whose certificate expires within `days` of `now` (today included,
 * already expired ones not), soonest first, ties by order ID; orders outside the window are dropped
 * (the lists are asked for from today on only, see expiringOrdersQueries). An order whose valid_till is missing or not a date
 * is `unreadable`: left out of the list, never a reason to fail it.
 */
export function findExpiring(
	orders: IDataObject[],
	days: number,
	now: number,
	{ excludeRenewed = false }: { excludeRenewed?: boolean } = {},
): { expiring: ExpiringOrder[]; unreadable: IDataObject[] } {
	const expiring: ExpiringOrder[] = [];
	const unreadable: IDataObject[] = [];
	const seen = new Set<unknown>();
	for (const order of orders) {
		// Only orders whose certificate can still run out, each once (two lists are read), not
		// renewed when asked: checked here too, whatever DigiCert's filters did.
		if (!(EXPIRING_ORDER_STATUSES as readonly unknown[]).includes(order.status)) continue;
		if (excludeRenewed && order.is_renewed === true) continue;
		if (order.id !== undefined && seen.has(String(order.id))) continue;
		seen.add(String(order.id));
		const day = readDay((order.certificate as IDataObject | undefined)?.valid_till);
		if (day === undefined) {
			unreadable.push(order);
			continue;
		}
		const remaining = daysRemaining(day, now);
		if (withinDays(remaining, days))
			expiring.push({ order, valid_till: day, days_remaining: remaining });
	}
	expiring.sort(
		(a, b) => a.days_remaining - b.days_remaining || Number(a.order.id) - Number(b.order.id),
	);
	return { expiring, unreadable };
}

/** What to tell the user about orders left out for an unreadable valid_till (the first 5 named). */
export function unreadableWarning(unreadable: IDataObject[]): string {
	const named = unreadable
		.slice(0, 5)
		.map(
			(order) =>
				`order ${String(order.id)} (${quoteValue((order.certificate as IDataObject | undefined)?.valid_till ?? null)})`,
		);
	const more = unreadable.length > 5 ? `, and ${unreadable.length - 5} more` : '';
	const one = unreadable.length === 1;
	return `${unreadable.length} order${one ? ' was' : 's were'} left out because ${one ? 'its' : 'their'} certificate's valid_till is not a date: ${named.join(', ')}${more}`;
}

/** One validation (OV, EV, code signing …) of a domain or organization, and the day it expires. */
export interface ExpiringValidation {
	/** DigiCert's validation type, e.g. `ov`, `ev`. */
	type: string;
	/** `YYYY-MM-DD`. */
	expires: string;
	days_remaining: number;
}

/** A domain or organization with those of its validations that expire within the window, soonest first. */
export interface ValidationAudit {
	record: IDataObject;
	validations: ExpiringValidation[];
}

/** An expiry DigiCert gave that is not a date: the validation is skipped and the user told. */
export interface UnreadableDate {
	record: IDataObject;
	type: string;
	value: unknown;
}

/** The expiry of each validation of a record, as DigiCert gave it (a date, a timestamp, or anything). */
export type ValidationDates = (record: IDataObject) => Array<{ type: string; value: unknown }>;

/**
 * The records whose validations (read by `datesOf`) expire within `days` of `now`, soonest first
 * (ties by record ID), each with its expiring validations soonest first (ties by type). A date that
 * cannot be read is not fatal: that validation is skipped and listed in `unreadable`.
 */
export function findExpiringValidations(
	records: IDataObject[],
	days: number,
	now: number,
	datesOf: ValidationDates,
): { found: ValidationAudit[]; unreadable: UnreadableDate[] } {
	const found: ValidationAudit[] = [];
	const unreadable: UnreadableDate[] = [];
	for (const record of records) {
		const validations: ExpiringValidation[] = [];
		for (const { type, value } of datesOf(record)) {
			const expires = readDay(value);
			if (expires === undefined) {
				unreadable.push({ record, type, value });
				continue;
			}
			const remaining = daysRemaining(expires, now);
			if (withinDays(remaining, days))
				validations.push({ type, expires, days_remaining: remaining });
		}
		if (validations.length === 0) continue;
		validations.sort((a, b) => a.days_remaining - b.days_remaining || a.type.localeCompare(b.type));
		found.push({ record, validations });
	}
	found.sort(
		(a, b) =>
			a.validations[0].days_remaining - b.validations[0].days_remaining ||
			Number(a.record.id) - Number(b.record.id),
	);
	return { found, unreadable };
}
