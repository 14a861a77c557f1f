import type { IDataObject } from 'n8n-workflow';

import { domainIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { UnexpectedAnswerError } from '../../shared/operation';
import { isObject } from '../../../common/types';
import { assertPositiveId } from '../../../common/inputChecks';

type Parameters = { domainId: number };

/** DigiCert's refusals that mean "the DNS record or file was not found (yet)": a result, not a failure. */
const DCV_NOT_FOUND_CODES = ['invalid_dns_txt', 'invalid_dns_cname', 'file_random_value_not_found'];

export const checkDcv: DigiCertOperation<Parameters> = {
	value: 'checkDcv',
	name: 'Check DCV',
	action: 'Check domain control validation now',
	description:
		'Ask DigiCert to look for a DNS or HTTP token now; not found yet gives validated: false',
	properties: [domainIdProperty('The ID of the domain whose DCV to check')],
	readParameters: (read) => ({ domainId: assertPositiveId(read('domainId'), 'Domain ID') }),
	request: ({ domainId }) => ({
		method: 'PUT',
		path: `/domain/${domainId}/dcv/validate-token`,
		subject: `Domain ${domainId}`,
		answerCodes: DCV_NOT_FOUND_CODES,
	}),
	toItems: ({ statusCode, body }, { domainId }) => {
		if (!isObject(body)) throw new UnexpectedAnswerError();
		if (statusCode >= 400) {
			const [refusal] = body.errors as IDataObject[];
			return [dcvResult(domainId, false, { code: refusal.code, message: refusal.message })];
		}
		// A 200 means the token was found (not finding it is a 400). Its `status` is the domain's
		// (active or inactive), not the check's: passed on as it is.
		return [dcvResult(domainId, true, body)];
	},
};

/** The item: domainId and validated first, then DigiCert's answer, which cannot overwrite those two. */
function dcvResult(domainId: number, validated: boolean, answer: IDataObject): IDataObject {
	return Object.assign({ domainId, validated }, answer, { domainId, validated });
}
