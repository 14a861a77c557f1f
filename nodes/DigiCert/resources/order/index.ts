import type { DigiCertResource } from '../../shared/operation';
import { listDuplicates } from './listDuplicates';

export const order: DigiCertResource = {
	value: 'order',
	name: 'Order',
	description: 'Certificate orders',
	operations: [listDuplicates],
};
