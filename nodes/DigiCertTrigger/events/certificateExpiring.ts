import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ExpiringOrder } from '../../shared/expiry';
import { assertDays, EXPIRY_MAX_DAYS, expiringOrdersQuery, expiryDaysProperty, expiryWindow, findExpiring, isoDay, readDay, unreadableWarning } from '../../shared/expiry';
import { checkedMap, isIdKey, MAX_REMEMBERED, recordId } from '../shared/state';
import { SAMPLE_ORDER } from './samples';
import type { DigiCertSource, DigiCertTriggerEvent } from './types';

/**
 * The threshold the reports were made for, and the orders reported under it (order ID → the
 * certificate's valid_till). An order leaves the map when it leaves the window (renewed, expired,
 * revoked), so the map holds only certificates now within the threshold.
 */
export interface ExpiringState {
	days: number;
	reported: Record<string, string>;
}

interface Parameters extends IDataObject {
	days: number;
}

/**
 * The issued orders among `orders` whose certificate expires within `days` (not yet expired),
 * soonest first, at most `max` (past that, the later ones wait until they are among the soonest);
 * and those whose expiry cannot be read (left out, see findExpiring).
 */
export function expiringWithin(
	orders: IDataObject[],
	days: number,
	now: number,
	max = MAX_REMEMBERED,
): { expiring: ExpiringOrder[]; unreadable: IDataObject[] } {
	const { expiring, unreadable } = findExpiring(
		orders.filter((order) => order.status === 'issued'),
		days,
		now,
	);
	return { expiring: expiring.slice(0, max), unreadable };
}

/**
 * The orders to report: within the threshold and not reported under it yet (a new certificate on
 * the same order, with another valid_till, counts as new). With nothing remembered for this
 * threshold (the first poll, or the threshold was changed) the certificates already inside the
 * window are recorded, not reported: from then on each order is reported once, when it crosses it.
 */
export function newlyExpiring(
	previous: ExpiringState | undefined,
	expiring: ExpiringOrder[],
	days: number,
	now: number,
	max = MAX_REMEMBERED,
): { reports: ExpiringOrder[]; state: ExpiringState } {
	const baseline = previous === undefined || previous.days !== days;
	const before = baseline ? {} : previous.reported;
	const reports: ExpiringOrder[] = [];
	// A report is remembered until its certificate expires, not only while the order is listed: a list
	// that shifted while it was read can leave an order out of one poll, and it must not be reported again.
	const today = isoDay(now);
	const remembered = new Map(Object.entries(before).filter(([, validTill]) => validTill >= today));
	for (const entry of expiring) {
		const id = recordId(entry.order);
		if (id === undefined) continue;
		if (!baseline && before[id] !== entry.valid_till) reports.push(entry);
		remembered.set(String(id), entry.valid_till);
	}
	// Past the cap, the soonest to expire are kept (the others are the least likely to come back).
	const reported = Object.fromEntries([...remembered].sort(([, a], [, b]) => a.localeCompare(b)).slice(0, max));
	return { reports, state: { days, reported } };
}

/** The item for one expiring certificate. */
export function expiringItem({ order, valid_till, days_remaining }: ExpiringOrder, days: number): IDataObject {
	return {
		event: 'certificateExpiring',
		orderId: order.id,
		common_name: (order.certificate as IDataObject | undefined)?.common_name,
		valid_till,
		days_remaining,
		threshold_days: days,
		order,
	};
}

const properties: INodeProperties[] = [
	expiryDaysProperty(
		'Report an issued certificate once, when it comes within this many days of expiry. Use one trigger per threshold (e.g. 30 and 7) to be told at each.',
	),
];

async function currentlyExpiring(source: DigiCertSource, days: number, now: number) {
	const orders = await source.list('/order/certificate', expiringOrdersQuery(days, now), 'orders');
	return expiringWithin(orders, days, now);
}

export const certificateExpiring: DigiCertTriggerEvent<Parameters, ExpiringState> = {
	value: 'certificateExpiring',
	name: 'Certificate Expiring',
	description:
		"An issued certificate will expire within the given number of days: one item per order, once per threshold (not on every poll), with days_remaining",
	properties,
	readParameters: (read) => ({ days: assertDays(read<unknown>('days', 30)) }),
	readState(stored) {
		const state = stored as IDataObject | undefined;
		const reported = checkedMap(state?.reported, isIdKey, (day): day is string => readDay(day) === day);
		const days = state?.days;
		return reported && typeof days === 'number' && Number.isSafeInteger(days) && days >= 0 && days <= EXPIRY_MAX_DAYS ? { days, reported } : undefined;
	},
	async poll(source, { days }, previous, now) {
		const { expiring, unreadable } = await currentlyExpiring(source, days, now);
		const { reports, state } = newlyExpiring(previous, expiring, days, now);
		return {
			events: reports.map((entry) => expiringItem(entry, days)),
			state,
			// One unreadable order must not hide the others (nor fail every poll): it is only left out.
			...(unreadable.length > 0 ? { warning: unreadableWarning(unreadable) } : {}),
		};
	},
	async sample(source, { days }, now) {
		const [soonest] = (await currentlyExpiring(source, days, now)).expiring;
		if (soonest) return [expiringItem(soonest, days)];
		const validTill = expiryWindow(days, now).to;
		const order = { ...SAMPLE_ORDER, certificate: { ...(SAMPLE_ORDER.certificate as IDataObject), valid_till: validTill, days_remaining: days } };
		return [{ ...expiringItem({ order, valid_till: validTill, days_remaining: days }, days), sample: true }];
	},
};
