import type { IDataObject } from 'n8n-workflow';

import { clock } from '../../../common/clock';
import {
	assertDays,
	expiringOrdersQuery,
	expiryDaysProperty,
	findExpiring,
	unreadableWarning,
} from '../../../common/expiry';
import { warnUser } from '../../shared/hints';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyOrder } from '../../shared/output';

type Parameters = { days: number; now: number };

/**
 * The expiring orders among `orders`, soonest first, each with `days_remaining` counted from `now`;
 * and the warning for those whose expiry cannot be read (left out, not a reason to fail the audit).
 */
export function expiringOrders(
	orders: IDataObject[],
	days: number,
	now: number,
): { items: IDataObject[]; warning?: string } {
	const { expiring, unreadable } = findExpiring(orders, days, now);
	const items = expiring.map(({ order, days_remaining }) => ({ ...order, days_remaining }));
	return unreadable.length > 0 ? { items, warning: unreadableWarning(unreadable) } : { items };
}

export const getExpiring: DigiCertOperation<Parameters> = {
	value: 'getExpiring',
	name: 'Get Expiring',
	action: 'Get orders with certificates expiring soon',
	description: 'Issued orders whose certificate expires within the given days, soonest first',
	output: { simplify: simplifyOrder, noun: 'order' },
	properties: [
		expiryDaysProperty('List certificates that expire within this many days from today (UTC)'),
	],
	readParameters: (read) => ({ days: assertDays(read('days')), now: clock.now() }),
	request: ({ days, now }) => ({
		method: 'GET',
		path: '/order/certificate',
		qs: expiringOrdersQuery(days, now),
		paginate: { rootProperty: 'orders' },
	}),
	toItems: ({ body }, { days, now }, context) => {
		const { items, warning } = expiringOrders(body as IDataObject[], days, now);
		if (warning !== undefined) warnUser(context, warning);
		return items;
	},
};
