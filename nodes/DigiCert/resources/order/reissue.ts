import { certificateRequestOperation } from '../../shared/certificateRequestOperation';
import { withCertificateValidity } from '../../shared/certificateValidity';

export const reissue = withCertificateValidity(
	certificateRequestOperation({
		value: 'reissue',
		name: 'Reissue',
		action: 'Reissue order certificate with new CSR',
		description:
			"A new certificate from a new CSR; changing or removing SANs revokes the order's earlier certificates",
		segment: 'reissue',
		dcv: true,
		dnsNamesNote:
			". Changing or removing a host name revokes the order's earlier certificates (DigiCert's rule)",
		csrDescription:
			'The certificate signing request made with the new private key (PEM, -----BEGIN CERTIFICATE REQUEST-----), e.g. read from the file the server left',
	}),
	'reissue',
);
