import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const duplicate = certificateRequestOperation({
	value: 'duplicate',
	name: 'Duplicate Certificate',
	action: 'Request a duplicate certificate for an order',
	description:
		"Request another certificate on the same order, e.g. for a second server with its own private key: same names and end date as the order's, a new CSR (and optionally another signature hash). The order's certificate stays valid. Outputs {orderId, requestId, status, certificateId}; once issued it appears in List Order Duplicates. A change to DigiCert: not retried after an answer that may mean DigiCert took it.",
	segment: 'duplicate',
	csrDescription: "The certificate signing request made with the other server's private key (PEM, -----BEGIN CERTIFICATE REQUEST-----)",
});
