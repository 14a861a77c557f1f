import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ExpiringOrder } from '../../common/expiry';
import {
	assertDays,
	expiringOrdersQuery,
	expiryDaysProperty,
	expiryWindow,
	findExpiring,
	unreadableWarning,
} from '../../common/expiry';
import type { ExpiringState, ExpiryKey } from '../shared/expiring';
import { newlyWithin, readExpiringState } from '../shared/expiring';
import { isIdKey, MAX_REMEMBERED, recordId } from '../shared/state';
import { SAMPLE_ORDER } from './samples';
import type { DigiCertSource, DigiCertTriggerEvent } from './types';

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

/** An order is remembered by its ID, with its certificate's valid_till. */
const orderExpiry: ExpiryKey<ExpiringOrder> = ({ order, valid_till }) => {
	const id = recordId(order);
	return id === undefined ? undefined : { key: String(id), expires: valid_till };
};

/**
 * The orders to report: within the threshold and not reported under it yet (a new certificate on
 * the same order, with another valid_till, counts as new); see newlyWithin.
 */
export function newlyExpiring(
	previous: ExpiringState | undefined,
	expiring: ExpiringOrder[],
	days: number,
	now: number,
	max = MAX_REMEMBERED,
): { reports: ExpiringOrder[]; state: ExpiringState } {
	return newlyWithin(previous, expiring, orderExpiry, days, now, max);
}

/** The item for one expiring certificate. */
export function expiringItem(
	{ order, valid_till, days_remaining }: ExpiringOrder,
	days: number,
): IDataObject {
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
		'An issued certificate will expire within the given number of days: one item per order, once per threshold (not on every poll), with days_remaining',
	properties,
	readParameters: (read) => ({ days: assertDays(read<unknown>('days', 30)) }),
	readState: (stored) => readExpiringState(stored, isIdKey),
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
		const order = {
			...SAMPLE_ORDER,
			certificate: {
				...(SAMPLE_ORDER.certificate as IDataObject),
				valid_till: validTill,
				days_remaining: days,
			},
		};
		return [
			{
				...expiringItem({ order, valid_till: validTill, days_remaining: days }, days),
				sample: true,
			},
		];
	},
};
