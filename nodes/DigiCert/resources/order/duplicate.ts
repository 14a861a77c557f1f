import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const duplicate = certificateRequestOperation({
	value: 'duplicate',
	name: 'Duplicate',
	action: 'Request duplicate certificate for order',
	description:
		"Another certificate on the same order (e.g. for a second server with its own key). Needs the order's domain validation to be current: if it has expired, reissue first.",
	segment: 'duplicate',
	csrDescription:
		"The certificate signing request made with the other server's private key (PEM, -----BEGIN CERTIFICATE REQUEST-----)",
});
