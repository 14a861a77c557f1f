import type { DigiCertResource } from '../../shared/operation';
import { approve } from './approve';
import { get } from './get';
import { getMany } from './getMany';
import { reject } from './reject';

export const request: DigiCertResource = {
	value: 'request',
	name: 'Request',
	description: 'Certificate requests waiting for, or past, approval',
	operations: [get, getMany, approve, reject],
};
