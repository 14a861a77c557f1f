import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const duplicate = certificateRequestOperation({
	value: 'duplicate',
	name: 'Duplicate',
	action: 'Request duplicate certificate for order',
	description:
		'Another certificate on the order for a second server; needs current DCV, else reissue first',
	segment: 'duplicate',
	csrDescription:
		"The certificate signing request made with the other server's private key (PEM, -----BEGIN CERTIFICATE REQUEST-----)",
});
