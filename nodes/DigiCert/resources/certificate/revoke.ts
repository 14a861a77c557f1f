import type { IDataObject } from 'n8n-workflow';

import { assertOneOf, assertSerialNumber } from '../../../common/certificateInput';
import { assertPositiveId } from '../../../common/inputChecks';
import { serialNumberProperty } from '../../shared/fields';
import { certificateIdProperty } from '../../shared/locators';
import { revocationOperation } from '../../shared/revocationOperation';

/** Certificate ID or serial number: DigiCert takes either in the path. */
type Target = { certificateId: number } | { serialNumber: string };

export const revoke = revocationOperation<Target>({
	value: 'revoke',
	name: 'Revoke',
	action: 'Revoke one certificate',
	description: 'Revoke one certificate by ID or serial number; the order stays active. Permanent.',
	notice: 'Revoking makes the certificate invalid at once, and servers using it break',
	targetProperties: [
		{
			displayName: 'Identify By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{ name: 'Certificate ID', value: 'certificateId' },
				{ name: 'Serial Number', value: 'serialNumber' },
			],
			default: 'certificateId',
			description: 'Whether to name the certificate by its DigiCert ID or by its serial number',
		},
		{
			...certificateIdProperty('The ID of the certificate to revoke'),
			displayOptions: { show: { identifyBy: ['certificateId'] } },
		},
		{
			...serialNumberProperty('The serial number of the certificate to revoke, in hexadecimal'),
			displayOptions: { show: { identifyBy: ['serialNumber'] } },
		},
	],
	readTarget: (read): Target =>
		assertOneOf(
			read('identifyBy', 'certificateId'),
			['certificateId', 'serialNumber'] as const,
			'Identify By',
		) === 'certificateId'
			? { certificateId: assertPositiveId(read('certificateId'), 'Certificate ID') }
			: { serialNumber: assertSerialNumber(read('serialNumber'), 'Serial Number') },
	request: (target, body) => {
		const identifier = 'certificateId' in target ? target.certificateId : target.serialNumber;
		return {
			method: 'PUT',
			path: `/certificate/${identifier}/revoke`,
			body,
			subject: `Certificate ${identifier}`,
		};
	},
	output: (target) => ({ ...target }) as IDataObject,
});
