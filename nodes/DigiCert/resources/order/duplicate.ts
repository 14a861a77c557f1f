import { certificateRequestOperation } from '../../shared/certificateRequestOperation';
import { withCertificateValidity } from '../../shared/certificateValidity';

export const duplicate = withCertificateValidity(
	certificateRequestOperation({
		value: 'duplicate',
		name: 'Duplicate',
		action: 'Request duplicate certificate for order',
		description:
			'Another certificate on the order for a second server; needs current DCV, else reissue first',
		segment: 'duplicate',
		csrDescription:
			"The certificate signing request made with the other server's private key (PEM, -----BEGIN CERTIFICATE REQUEST-----)",
	}),
	'duplicate',
);
