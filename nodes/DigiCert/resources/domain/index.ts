import type { DigiCertResource } from '../../shared/operation';
import { changeDcvMethod } from './changeDcvMethod';
import { checkDcv } from './checkDcv';
import { generateDcvToken } from './generateDcvToken';
import { get } from './get';
import { getExpiringValidations } from './getExpiringValidations';
import { getMany } from './getMany';
import { submitForValidation } from './submitForValidation';

export const domain: DigiCertResource = {
	value: 'domain',
	name: 'Domain',
	description: 'Domains and their domain control validation (DCV)',
	operations: [
		get,
		getMany,
		getExpiringValidations,
		checkDcv,
		submitForValidation,
		generateDcvToken,
		changeDcvMethod,
	],
};
