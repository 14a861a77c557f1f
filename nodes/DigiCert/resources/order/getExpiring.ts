import type { IDataObject } from 'n8n-workflow';

import { clock } from '../../../common/clock';
import {
	assertDays,
	excludeRenewedProperty,
	expiringOrdersQueries,
	expiryDaysProperty,
	findExpiring,
	unreadableWarning,
} from '../../../common/expiry';
import { assertBoolean } from '../../../common/inputChecks';
import { warnUser } from '../../shared/hints';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyOrder } from '../../shared/output';
import { changedDefault } from '../../shared/versions';

type Parameters = { days: number; now: number; excludeRenewed: boolean };

/**
 * The expiring orders among `orders`, soonest first, each with `days_remaining` counted from `now`
 * (and `reissue_pending: true` when a reissue waits while the current certificate runs out); and
 * the warning for those whose expiry cannot be read (left out, not a reason to fail the audit).
 */
export function expiringOrders(
	orders: IDataObject[],
	days: number,
	now: number,
	excludeRenewed = false,
): { items: IDataObject[]; warning?: string } {
	const { expiring, unreadable } = findExpiring(orders, days, now, { excludeRenewed });
	const items = expiring.map(({ order, days_remaining }) => ({
		...order,
		days_remaining,
		...(order.status === 'reissue_pending' ? { reissue_pending: true } : {}),
	}));
	return unreadable.length > 0 ? { items, warning: unreadableWarning(unreadable) } : { items };
}

/** The order list for one of expiringOrdersQueries, every page. */
const orderList = (qs: IDataObject) => ({
	method: 'GET' as const,
	path: '/order/certificate',
	qs,
	paginate: { rootProperty: 'orders' },
});

export const getExpiring: DigiCertOperation<Parameters> = {
	value: 'getExpiring',
	name: 'Get Expiring',
	action: 'Get orders with certificates expiring soon',
	description:
		'Orders whose current certificate expires within the days, soonest first (reissue_pending too)',
	output: { simplify: simplifyOrder, noun: 'order' },
	properties: [
		expiryDaysProperty('List certificates that expire within this many days from today (UTC)'),
		// On for new nodes (typeVersion 1.2); nodes saved before keep listing renewed orders.
		changedDefault(excludeRenewedProperty, false),
	],
	readParameters: (read) => ({
		days: assertDays(read('days')),
		now: clock.now(),
		excludeRenewed: assertBoolean(read('excludeRenewed', false), 'Exclude Renewed Orders'),
	}),
	// The issued orders first, then (in toItems) those whose reissue is pending.
	request: ({ now, excludeRenewed }) => orderList(expiringOrdersQueries(now, excludeRenewed)[0]),
	toItems: async ({ body }, { days, now, excludeRenewed }, context, { send }) => {
		const pending = await send(orderList(expiringOrdersQueries(now, excludeRenewed)[1]));
		const orders = [...(body as IDataObject[]), ...(pending.body as IDataObject[])];
		const { items, warning } = expiringOrders(orders, days, now, excludeRenewed);
		if (warning !== undefined) warnUser(context, warning);
		return items;
	},
};
