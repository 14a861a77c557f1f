import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MAX_REMEMBERED, recordId, stringMap } from '../shared/state';
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

const DAY_MS = 86_400_000;
export const MAX_DAYS = 2000;

/** `YYYY-MM-DD` (UTC) of a time. */
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `now`'s day (UTC) until `date` (YYYY-MM-DD): 0 on the day itself, negative once past. */
export function daysUntil(date: string, now: number): number {
	return Math.round((Date.parse(`${date}T00:00:00Z`) - Math.floor(now / DAY_MS) * DAY_MS) / DAY_MS);
}

/**
 * The order list query for issued orders whose certificate expires from today to `days` from now
 * (UTC days, like the DigiCert node's Get Expiring Orders); the result is sorted here, not by DigiCert.
 */
export function expiringQuery(days: number, now: number): IDataObject {
	return {
		'filters[status]': 'issued',
		'filters[valid_till]': `${isoDate(now)}...${isoDate(now + days * DAY_MS)}`,
	};
}

export interface ExpiringOrder {
	order: IDataObject;
	valid_till: string;
	days_remaining: number;
}

/**
 * The issued orders among `orders` whose certificate expires within `days` (not yet expired),
 * soonest first, at most `max` (past that, the later ones wait until they are among the soonest).
 */
export function expiringWithin(orders: IDataObject[], days: number, now: number, max = MAX_REMEMBERED): ExpiringOrder[] {
	const found: ExpiringOrder[] = [];
	for (const order of orders) {
		const validTill = (order.certificate as IDataObject | undefined)?.valid_till;
		if (order.status !== 'issued' || typeof validTill !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(validTill)) continue;
		const daysRemaining = daysUntil(validTill.slice(0, 10), now);
		if (daysRemaining >= 0 && daysRemaining <= days) found.push({ order, valid_till: validTill.slice(0, 10), days_remaining: daysRemaining });
	}
	found.sort((a, b) => a.valid_till.localeCompare(b.valid_till) || Number(a.order.id) - Number(b.order.id));
	return found.slice(0, max);
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
): { reports: ExpiringOrder[]; state: ExpiringState } {
	const baseline = previous === undefined || previous.days !== days;
	const before = baseline ? {} : previous.reported;
	const reported: Record<string, string> = {};
	const reports: ExpiringOrder[] = [];
	for (const entry of expiring) {
		const id = recordId(entry.order);
		if (id === undefined) continue;
		if (!baseline && before[id] !== entry.valid_till) reports.push(entry);
		reported[id] = entry.valid_till;
	}
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
	{
		displayName: 'Days',
		name: 'days',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_DAYS },
		default: 30,
		required: true,
		description:
			'Report an issued certificate once, when it comes within this many days of expiry. Use one trigger per threshold (e.g. 30 and 7) to be told at each.',
	},
];

async function currentlyExpiring(source: DigiCertSource, days: number, now: number) {
	const orders = await source.list('/order/certificate', expiringQuery(days, now), 'orders');
	return expiringWithin(orders, days, now);
}

export const certificateExpiring: DigiCertTriggerEvent<Parameters, ExpiringState> = {
	value: 'certificateExpiring',
	name: 'Certificate Expiring',
	description:
		"An issued certificate will expire within the given number of days: one item per order, once per threshold (not on every poll), with days_remaining",
	properties,
	readParameters(read) {
		const raw = read<unknown>('days', 30);
		const days = typeof raw === 'number' || (typeof raw === 'string' && raw.trim() !== '') ? Number(raw) : NaN;
		if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
			throw new Error(`Days must be a whole number from 0 to ${MAX_DAYS}, but it is ${JSON.stringify(raw)}`);
		}
		return { days };
	},
	readState(stored) {
		const state = stored as IDataObject | undefined;
		const reported = stringMap(state?.reported);
		const days = state?.days;
		return reported && typeof days === 'number' ? { days, reported } : undefined;
	},
	async poll(source, { days }, previous, now) {
		const { reports, state } = newlyExpiring(previous, await currentlyExpiring(source, days, now), days);
		return { events: reports.map((entry) => expiringItem(entry, days)), state };
	},
	async sample(source, { days }, now) {
		const [soonest] = await currentlyExpiring(source, days, now);
		if (soonest) return [expiringItem(soonest, days)];
		const validTill = isoDate(now + days * DAY_MS);
		const order = { ...SAMPLE_ORDER, certificate: { ...(SAMPLE_ORDER.certificate as IDataObject), valid_till: validTill, days_remaining: days } };
		return [{ ...expiringItem({ order, valid_till: validTill, days_remaining: days }, days), sample: true }];
	},
};
