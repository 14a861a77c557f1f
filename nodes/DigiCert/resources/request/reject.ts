import { requestStatusOperation } from '../../shared/requestStatusOperation';

export const reject = requestStatusOperation({
	status: 'rejected',
	value: 'reject',
	name: 'Reject',
	action: 'Reject pending certificate request',
	description: 'Reject a request waiting for approval, giving the reason. Cannot be undone.',
	notice: 'Rejecting ends the request: the requester must submit a new one',
	commentRequired: true,
	commentDescription: 'The reason for rejecting, shown to the requester',
});
