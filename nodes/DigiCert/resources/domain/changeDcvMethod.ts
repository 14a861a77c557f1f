import { assertPositiveId } from '../../../common/inputChecks';
import { assertDcvMethod, dcvMethodProperty } from '../../shared/dcv';
import { domainIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { emptyOrObject } from '../../shared/operation';

type Parameters = { domainId: number; dcvMethod: string };

/** Change a domain's DCV method: PUT `{dcv_method}`; a token method's new token is passed on when DigiCert gives one. */
export const changeDcvMethod: DigiCertOperation<Parameters> = {
	value: 'changeDcvMethod',
	name: 'Change DCV Method',
	action: "Change domain's DCV method",
	description:
		'Validate a domain another way (e.g. DNS TXT instead of email, so a workflow can publish the token)',
	properties: [
		domainIdProperty('The ID of the domain'),
		dcvMethodProperty('How DigiCert is to check control of the domain', true),
	],
	readParameters: (read) => ({
		domainId: assertPositiveId(read('domainId'), 'Domain ID'),
		dcvMethod: assertDcvMethod(read('dcvMethod')),
	}),
	request: ({ domainId, dcvMethod }) => ({
		method: 'PUT',
		path: `/domain/${domainId}/dcv/method`,
		body: { dcv_method: dcvMethod },
		subject: `Domain ${domainId}`,
	}),
	toItems: ({ body }, { domainId, dcvMethod }) => [{ domainId, dcvMethod, ...emptyOrObject(body) }],
};
