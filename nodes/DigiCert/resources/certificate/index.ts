import type { DigiCertResource } from '../../shared/operation';
import { download } from './download';
import { revoke } from './revoke';

export const certificate: DigiCertResource = {
	value: 'certificate',
	name: 'Certificate',
	description: 'Issued certificates: download as files, revoke',
	operations: [download, revoke],
};
