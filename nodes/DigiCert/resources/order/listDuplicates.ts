import { orderCertificateListOperation } from '../../shared/orderCertificateListOperation';

export const listDuplicates = orderCertificateListOperation({
	value: 'listDuplicates',
	name: 'List Order Duplicates',
	action: 'List duplicate certificates of an order',
	description:
		'List every duplicate certificate issued under a certificate order (one item per certificate, none when the order has no duplicates)',
	segment: 'duplicate',
	noun: 'duplicate certificates',
});
