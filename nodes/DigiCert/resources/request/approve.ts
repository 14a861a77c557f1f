import { requestStatusOperation } from '../../shared/requestStatusOperation';

export const approve = requestStatusOperation({
	status: 'approved',
	value: 'approve',
	name: 'Approve Request',
	action: 'Approve a pending certificate request',
	description:
		'Approve a certificate request that is waiting for approval (status pending), with an optional comment; outputs {requestId, status: "approved"}. Fails if the request is not pending.',
	commentDescription: 'A note for the requester and the audit log, e.g. who approved it and why',
});
