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

/**
 * Every status an order can reach, as its status changes report them: the list's, and
 * `needs_approval` (DigiCert's Order info and glossary), `processing`, `needs_csr` and `expired`
 * (seen by public clients), so a workflow can react to "an order needs approval".
 */
export const ORDER_CHANGE_STATUSES = [
	...ORDER_STATUSES,
	'expired',
	'needs_approval',
	'needs_csr',
	'processing',
].sort();

/** Statuses as choices of an options field: "Reissue Pending" for reissue_pending. */
export const statusOptions = (statuses: string[]): INodePropertyOptions[] =>
	statuses.map((status) => ({
		name: status.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
		value: status,
	}));

/** The list's order statuses as choices of an options field. */
export const ORDER_STATUS_OPTIONS: INodePropertyOptions[] = statusOptions(ORDER_STATUSES);
