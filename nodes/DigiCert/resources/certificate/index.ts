import type { DigiCertResource } from '../../shared/operation';
import { download } from './download';

export const certificate: DigiCertResource = {
	value: 'certificate',
	name: 'Certificate',
	description: 'Issued certificates, as files',
	operations: [download],
};
