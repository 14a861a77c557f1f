import type { DigiCertResource } from '../../shared/operation';
import { getExpiringValidations } from './getExpiringValidations';
import { getMany } from './getMany';

export const organization: DigiCertResource = {
	value: 'organization',
	name: 'Organization',
	description: 'Organizations and their validations (OV, EV …)',
	operations: [getMany, getExpiringValidations],
};
