import type { INodePropertyOptions } from 'n8n-workflow';

/** The statuses of a DigiCert certificate order, as its API names them. */
export const ORDER_STATUSES = [
	'canceled',
	'issued',
	'pending',
	'reissue_pending',
	'rejected',
	'revoked',
	'waiting_pickup',
];

/** The order statuses as choices of an options field: "Reissue Pending" for reissue_pending. */
export const ORDER_STATUS_OPTIONS: INodePropertyOptions[] = ORDER_STATUSES.map((status) => ({
	name: status.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
	value: status,
}));
