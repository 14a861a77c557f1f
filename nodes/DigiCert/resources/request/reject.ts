import { requestStatusOperation } from '../../shared/requestStatusOperation';

export const reject = requestStatusOperation({
	status: 'rejected',
	value: 'reject',
	name: 'Reject Request',
	action: 'Reject a pending certificate request',
	description:
		'Reject a certificate request that is waiting for approval (status pending), with a comment giving the reason; outputs {requestId, status: "rejected"}. Fails if the request is not pending.',
	commentDescription: 'The reason for rejecting, shown to the requester',
});
