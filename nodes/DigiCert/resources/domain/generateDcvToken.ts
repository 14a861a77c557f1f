import { isObject } from '../../../common/types';
import { assertPositiveId } from '../../../common/inputChecks';
import { domainIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { UnexpectedAnswerError } from '../../shared/operation';

type Parameters = { domainId: number };

/** DigiCert's "OV/EV SSL: Generate DCV token": a new random value for a domain's DNS or HTTP DCV. */
export const generateDcvToken: DigiCertOperation<Parameters> = {
	value: 'generateDcvToken',
	name: 'Generate DCV Token',
	action: 'Generate new DCV token for domain',
	description:
		"A new random value to publish for a domain's DNS or HTTP validation (e.g. when the old one expired)",
	properties: [domainIdProperty('The ID of the domain that needs a new token')],
	readParameters: (read) => ({ domainId: assertPositiveId(read('domainId'), 'Domain ID') }),
	request: ({ domainId }) => ({
		method: 'POST',
		path: `/domain/${domainId}/dcv/token`,
		subject: `Domain ${domainId}`,
	}),
	toItems: ({ body }, { domainId }) => {
		if (!isObject(body) || typeof body.token !== 'string') throw new UnexpectedAnswerError();
		return [{ domainId, dcv_token: body }];
	},
};
