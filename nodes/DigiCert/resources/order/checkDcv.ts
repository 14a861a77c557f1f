import type { IDataObject } from 'n8n-workflow';

import { assertHostNames } from '../../../common/certificateInput';
import { isObject } from '../../../common/types';
import { assertPositiveId } from '../../../common/inputChecks';
import { optionsProperty } from '../../shared/fields';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { UnexpectedAnswerError } from '../../shared/operation';

type Parameters = { orderId: number; names: string[] };

/**
 * DigiCert's refusals that mean "the record or file was not found (yet)": a result, not a failure
 * (an http-token check answers 400 `file_random_value_not_found`; the DNS codes are the domain
 * check's, accepted here too in case DigiCert answers them for orders [Assumption]).
 */
const NOT_FOUND_CODES = ['file_random_value_not_found', 'invalid_dns_txt', 'invalid_dns_cname'];
/** A name's status once DigiCert found its token ([Assumption]: `approved` in public examples). */
const FOUND = new Set(['approved', 'valid', 'validated', 'complete', 'completed']);

export const checkDcv: DigiCertOperation<Parameters> = {
	value: 'checkDcv',
	name: 'Check DCV',
	action: "Check order's domain control validation now",
	description:
		"Ask DigiCert to look for a pending order's DNS or HTTP token; not found yet gives validated: false",
	properties: [
		orderIdProperty('The ID of the pending order (or order with a pending reissue) to check'),
		optionsProperty([
			{
				displayName: 'Only These Host Names',
				name: 'dnsNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com, www.example.com',
				description:
					"Check only these names of the order, separated by commas; by default all the order's names",
			},
		]),
	],
	readParameters: (read) => {
		const options = read<IDataObject>('options', {}) ?? {};
		return {
			orderId: assertPositiveId(read('orderId'), 'Order ID'),
			names: assertHostNames(options.dnsNames ?? '', 'Only These Host Names'),
		};
	},
	request: ({ orderId, names }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/check-dcv`,
		...(names.length > 0 ? { body: { dns_names_validations: names } } : {}),
		subject: `Order ${orderId}`,
		answerCodes: NOT_FOUND_CODES,
	}),
	toItems: ({ statusCode, body }, { orderId }) => {
		if (!isObject(body)) throw new UnexpectedAnswerError();
		if (statusCode >= 400) {
			const [refusal] = body.errors as IDataObject[];
			return [{ orderId, validated: false, code: refusal.code, message: refusal.message }];
		}
		const names = Array.isArray(body.dns_name_validations)
			? body.dns_name_validations.filter(isObject)
			: [];
		const pending = names.filter((n) => !FOUND.has(String(n.status)));
		const validated = body.dcv_status === 'valid' || (names.length > 0 && pending.length === 0);
		return [
			Object.assign({ orderId, validated }, body, {
				orderId,
				validated,
				issued: body.order_status === 'issued',
				pendingNames: pending.map((n) => n.dns_name),
			}),
		];
	},
};
