import type { DigiCertResource } from '../../shared/operation';
import { checkDcv } from './checkDcv';
import { get } from './get';
import { getExpiringValidations } from './getExpiringValidations';
import { getMany } from './getMany';

export const domain: DigiCertResource = {
	value: 'domain',
	name: 'Domain',
	description: 'Domains and their domain control validation (DCV)',
	operations: [get, getMany, getExpiringValidations, checkDcv],
};
