import type { IDataObject } from 'n8n-workflow';

import { EXPIRY_MAX_DAYS, isoDay, readDay } from '../../common/expiry';
import { checkedMap, MAX_REMEMBERED } from './state';

/**
 * What the expiring events share (Certificate Expiring, Domain and Organization Validation
 * Expiring): each thing that expires (an order's certificate, a validation) is reported once per
 * threshold and expiry day, when it comes within the threshold.
 */

/**
 * The threshold the reports were made for, and what was reported under it (its key → the expiry
 * day it was reported for). A report is dropped the day after that expiry, so the map holds only
 * what is now within the threshold (or was, until it was renewed).
 */
export interface ExpiringState {
	days: number;
	reported: Record<string, string>;
}

/** How an expiring entry is remembered: its key in the state and its expiry day (`YYYY-MM-DD`), or undefined when it cannot be. */
export type ExpiryKey<T> = (entry: T) => { key: string; expires: string } | undefined;

/**
 * The entries to report among `expiring` (all within the threshold, soonest first): those not
 * reported under it yet (a renewal, with another expiry day, counts as new). With nothing
 * remembered for this threshold (the first poll, or the threshold was changed) the entries already
 * inside the window are recorded, not reported: from then on each is reported once, when it crosses it.
 */
export function newlyWithin<T>(
	previous: ExpiringState | undefined,
	expiring: T[],
	keyOf: ExpiryKey<T>,
	days: number,
	now: number,
	max = MAX_REMEMBERED,
): { reports: T[]; state: ExpiringState } {
	const baseline = previous === undefined || previous.days !== days;
	const before = baseline ? {} : previous.reported;
	const reports: T[] = [];
	// A report is remembered until its expiry, not only while it is listed: a list that shifted while
	// it was read can leave an entry out of one poll, and it must not be reported again.
	const today = isoDay(now);
	const unlisted = new Map(Object.entries(before).filter(([, expires]) => expires >= today));
	const listed = new Map<string, string>();
	for (const entry of expiring) {
		const remembering = keyOf(entry);
		// Listed twice (a list that shifted, an ID given as a number and as text): reported once.
		if (remembering === undefined || listed.has(remembering.key)) continue;
		const { key, expires } = remembering;
		if (!baseline && before[key] !== expires) reports.push(entry);
		listed.set(key, expires);
		unlisted.delete(key);
	}
	// Past the cap, what is listed now is kept first (else it would be reported again on the next
	// poll), then the soonest to expire of the others (the least likely to come back).
	const soonest = (entries: Map<string, string>) =>
		[...entries].sort(([, a], [, b]) => a.localeCompare(b));
	const reported = Object.fromEntries([...soonest(listed), ...soonest(unlisted)].slice(0, max));
	return { reports, state: { days, reported } };
}

/** The remembered state, if it is one (keys passing `isKey`, days that are expiry days, a valid threshold), else undefined. */
export function readExpiringState(
	stored: unknown,
	isKey: (key: string) => boolean,
): ExpiringState | undefined {
	const state = stored as IDataObject | undefined;
	const reported = checkedMap(state?.reported, isKey, (day): day is string => readDay(day) === day);
	const days = state?.days;
	return reported &&
		typeof days === 'number' &&
		Number.isSafeInteger(days) &&
		days >= 0 &&
		days <= EXPIRY_MAX_DAYS
		? { days, reported }
		: undefined;
}
