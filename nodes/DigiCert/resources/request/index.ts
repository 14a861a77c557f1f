import type { DigiCertResource } from '../../shared/operation';
import { get } from './get';

export const request: DigiCertResource = {
	value: 'request',
	name: 'Request',
	description: 'Certificate requests waiting for, or past, approval',
	operations: [get],
};
