import { requestStatusOperation } from '../../shared/requestStatusOperation';

export const approve = requestStatusOperation({
	status: 'approved',
	value: 'approve',
	name: 'Approve',
	action: 'Approve pending certificate request',
	description:
		'Approve a request waiting for approval; DigiCert then processes the order. Cannot be undone.',
	notice: 'Approving sends the request to DigiCert, which processes the order',
	commentDescription: 'A note for the requester and the audit log, e.g. who approved it and why',
});
