import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const reissue = certificateRequestOperation({
	value: 'reissue',
	name: 'Reissue',
	action: 'Reissue order certificate with new CSR',
	description:
		'A new certificate for the order from a new CSR (new key); it replaces the current one once issued',
	segment: 'reissue',
	dcv: true,
	csrDescription:
		'The certificate signing request made with the new private key (PEM, -----BEGIN CERTIFICATE REQUEST-----), e.g. read from the file the server left',
});
