import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ExpiringOrder } from '../../common/expiry';
import {
	assertDays,
	excludeRenewedProperty,
	expiringOrdersQueries,
	expiryDaysProperty,
	expiryWindow,
	findExpiring,
	unreadableWarning,
} from '../../common/expiry';
import { assertBoolean } from '../../common/inputChecks';
import { changedTriggerDefault } from '../shared/versions';
import type { ExpiringState, ExpiryKey } from '../shared/expiring';
import { droppedWarning, newlyWithin, readExpiringState } from '../shared/expiring';
import { isIdKey, MAX_REMEMBERED, recordId } from '../shared/state';
import { SAMPLE_ORDER } from './samples';
import type { DigiCertSource, DigiCertTriggerEvent } from './types';

interface Parameters extends IDataObject {
	days: number;
	excludeRenewed: boolean;
}

/**
 * The orders among `orders` whose current certificate expires within `days` (not yet expired):
 * issued ones and those whose reissue is pending, renewed ones left out when asked; soonest first,
 * at most `max` (past that, the later ones wait until they are among the soonest, and `dropped`
 * says how many waited); and those whose expiry cannot be read (left out, see findExpiring).
 */
export function expiringWithin(
	orders: IDataObject[],
	days: number,
	now: number,
	{ excludeRenewed = false, max = MAX_REMEMBERED }: { excludeRenewed?: boolean; max?: number } = {},
): { expiring: ExpiringOrder[]; unreadable: IDataObject[]; dropped: number } {
	const { expiring, unreadable } = findExpiring(orders, days, now, { excludeRenewed });
	return {
		expiring: expiring.slice(0, max),
		unreadable,
		dropped: Math.max(0, expiring.length - max),
	};
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
		// The certificate most at risk: a reissue waits (for DCV or approval) while this one runs out.
		...(order.status === 'reissue_pending' ? { reissue_pending: true } : {}),
		order,
	};
}

const properties: INodeProperties[] = [
	expiryDaysProperty(
		"Report an order's current certificate once, when it comes within this many days of expiry (also while a reissue is pending). Use one trigger per threshold (e.g. 30 and 7) to be told at each.",
	),
	// On for new trigger nodes (typeVersion 1.1); nodes saved at 1 keep reporting renewed orders.
	...changedTriggerDefault(excludeRenewedProperty, false),
];

async function currentlyExpiring(
	source: DigiCertSource,
	{ days, excludeRenewed }: Parameters,
	now: number,
) {
	const orders: IDataObject[] = [];
	for (const qs of expiringOrdersQueries(now, excludeRenewed))
		orders.push(...(await source.list('/order/certificate', qs, 'orders')));
	return expiringWithin(orders, days, now, { excludeRenewed });
}

export const certificateExpiring: DigiCertTriggerEvent<Parameters, ExpiringState> = {
	value: 'certificateExpiring',
	name: 'Certificate Expiring',
	description:
		"An order's current certificate will expire within the given number of days (issued, or with a reissue still pending): one item per order, once per threshold (not on every poll), with days_remaining",
	properties,
	readParameters: (read) => ({
		days: assertDays(read<unknown>('days', 30)),
		excludeRenewed: assertBoolean(read<unknown>('excludeRenewed', false), 'Exclude Renewed Orders'),
	}),
	readState: (stored) => readExpiringState(stored, isIdKey),
	async poll(source, parameters, previous, now) {
		const { days } = parameters;
		const { expiring, unreadable, dropped } = await currentlyExpiring(source, parameters, now);
		const { reports, state } = newlyExpiring(previous, expiring, days, now);
		// One unreadable order must not hide the others (nor fail every poll): it is only left out.
		const warnings = [
			...(unreadable.length > 0 ? [unreadableWarning(unreadable)] : []),
			...(dropped > 0 ? [droppedWarning(dropped, expiring.length, days, 'certificates')] : []),
		];
		return {
			events: reports.map((entry) => expiringItem(entry, days)),
			state,
			...(warnings.length > 0 ? { warning: warnings.join(' ') } : {}),
		};
	},
	async sample(source, parameters, now) {
		const { days } = parameters;
		const [soonest] = (await currentlyExpiring(source, parameters, now)).expiring;
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
