import type { IDataObject } from 'n8n-workflow';

import { assertDays, expiringOrdersQuery, expiryDaysProperty, findExpiring } from '../../../shared/expiry';
import type { DigiCertOperation } from '../../shared/operation';

type Parameters = { days: number; now: number };

/** The expiring orders among `orders`, soonest first, each with `days_remaining` counted from `now`. */
export function expiringOrders(orders: IDataObject[], days: number, now: number): IDataObject[] {
	return findExpiring(orders, days, now).map(({ order, days_remaining }) => ({ ...order, days_remaining }));
}

export const getExpiring: DigiCertOperation<Parameters> = {
	value: 'getExpiring',
	name: 'Get Expiring Orders',
	action: 'Get orders whose certificates expire soon',
	description:
		"List every issued order whose certificate expires within the given number of days (today included, already expired ones excluded), soonest first; each item is the order with days_remaining (0 = expires today). Use it for renewal reminders and expiry audits; DigiCert's own expiring report gives only counts.",
	properties: [expiryDaysProperty('List certificates that expire within this many days from today (UTC)')],
	readParameters: (read) => ({ days: assertDays(read('days')), now: Date.now() }),
	request: ({ days, now }) => ({
		method: 'GET',
		path: '/order/certificate',
		qs: expiringOrdersQuery(days, now),
		paginate: { rootProperty: 'orders' },
	}),
	toItems: ({ body }, { days, now }) => expiringOrders(body as IDataObject[], days, now),
};
