import { orderCertificateListOperation } from '../../shared/orderCertificateListOperation';

export const listDuplicates = orderCertificateListOperation({
	value: 'listDuplicates',
	name: 'Get Duplicates',
	action: 'Get duplicate certificates of order',
	description: 'Every duplicate certificate issued under the order; none when it has no duplicates',
	segment: 'duplicate',
	noun: 'duplicate certificates',
});
