import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const reissue = certificateRequestOperation({
	value: 'reissue',
	name: 'Reissue Certificate',
	action: "Reissue an order's certificate",
	description:
		"Reissue an order's certificate with a new CSR (a new key), optionally changing its common name, other host names, signature hash; the new certificate replaces the order's current one once approved and issued (the order is reissue_pending until then). Outputs {orderId, requestId, status, certificateId} (certificateId only when issued at once; otherwise Get Order shows the new certificate ID once issued). A change to DigiCert: not retried after an answer that may mean DigiCert took it.",
	segment: 'reissue',
	csrDescription: 'The certificate signing request made with the new private key (PEM, -----BEGIN CERTIFICATE REQUEST-----), e.g. read from the file the server left',
});
