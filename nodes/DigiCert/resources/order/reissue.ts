import { certificateRequestOperation } from '../../shared/certificateRequestOperation';

export const reissue = certificateRequestOperation({
	value: 'reissue',
	name: 'Reissue',
	action: 'Reissue order certificate with new CSR',
	description:
		"A new certificate for the order from a new CSR (new key); it replaces the current one once issued. Changing or removing host names (SANs) revokes the order's earlier certificates.",
	segment: 'reissue',
	dnsNamesNote:
		". Changing or removing a host name revokes the order's earlier certificates (DigiCert's rule)",
	csrDescription:
		'The certificate signing request made with the new private key (PEM, -----BEGIN CERTIFICATE REQUEST-----), e.g. read from the file the server left',
});
