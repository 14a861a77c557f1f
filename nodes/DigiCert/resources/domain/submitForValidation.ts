import { quoteValue, assertPositiveId } from '../../../common/inputChecks';
import { assertDcvMethod, dcvMethodProperty } from '../../shared/dcv';
import { domainIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { emptyOrObject } from '../../shared/operation';

type Parameters = { domainId: number; types: string[]; dcvMethod: string };

const VALIDATION_TYPES = ['ov', 'ev'];

/**
 * DigiCert's "Submit for validation": (re)validate a domain for OV and/or EV before its DCV reuse
 * period lapses, with the DCV method to prove control by. The token to publish is in the answer
 * when DigiCert gives it [Assumption], else in Domain > Get.
 */
export const submitForValidation: DigiCertOperation<Parameters> = {
	value: 'submitForValidation',
	name: 'Submit for Validation',
	action: 'Submit domain for validation',
	description:
		'Revalidate a domain (OV/EV) before its DCV lapses; outputs the DCV token to publish',
	properties: [
		domainIdProperty('The ID of the domain to validate'),
		{
			displayName: 'Validation Types',
			name: 'validationTypes',
			type: 'multiOptions',
			required: true,
			options: [
				{ name: 'EV', value: 'ev' },
				{ name: 'OV', value: 'ov' },
			],
			default: ['ov'],
			description: 'The validations to (re)start for the domain',
		},
		dcvMethodProperty('How DigiCert is to check control of the domain', true),
	],
	readParameters: (read) => {
		const raw = read<unknown>('validationTypes', ['ov']);
		const types = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
		const cleaned = types.map((t) => String(t).trim().toLowerCase()).filter((t) => t !== '');
		if (cleaned.length === 0 || !cleaned.every((t) => VALIDATION_TYPES.includes(t)))
			throw new Error(`Validation Types must be OV, EV or both, but it is ${quoteValue(raw)}`);
		return {
			domainId: assertPositiveId(read('domainId'), 'Domain ID'),
			types: [...new Set(cleaned)],
			dcvMethod: assertDcvMethod(read('dcvMethod')),
		};
	},
	request: ({ domainId, types, dcvMethod }) => ({
		method: 'POST',
		path: `/domain/${domainId}/validation`,
		body: { validations: types.map((type) => ({ type })), dcv_method: dcvMethod },
		subject: `Domain ${domainId}`,
	}),
	toItems: ({ body }, { domainId, types, dcvMethod }) => [
		{
			domainId,
			validationTypes: types,
			dcvMethod,
			...emptyOrObject(body),
		},
	],
};
