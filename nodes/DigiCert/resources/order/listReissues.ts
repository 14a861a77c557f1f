import { orderCertificateListOperation } from '../../shared/orderCertificateListOperation';

export const listReissues = orderCertificateListOperation({
	value: 'listReissues',
	name: 'List Order Reissues',
	action: 'List reissued certificates of an order',
	description:
		'List every reissue of a certificate order (one item per reissued certificate, with its status issued, pending or rejected; none when the order was never reissued)',
	segment: 'reissue',
	noun: 'reissued certificates',
});
