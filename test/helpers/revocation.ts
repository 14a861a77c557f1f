import { SUBMITTED_MESSAGE } from '../../nodes/DigiCert/shared/revocationOperation';

/**
 * The item Revoke outputs when DigiCert answers 204 to a revocation with Skip Approval (key
 * compromise): submitted, not awaiting approval. `subject` names what was revoked.
 */
export function submittedRevocation(subject: { orderId: number } | { certificateId: number }) {
	return {
		...subject,
		revocationReason: 'key_compromise',
		status: 'revoked',
		waitingForApproval: false,
		submittedForRevocation: true,
		message: SUBMITTED_MESSAGE,
		requestId: null,
	};
}
