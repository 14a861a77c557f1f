import { orderCertificateListOperation } from '../../shared/orderCertificateListOperation';

export const listReissues = orderCertificateListOperation({
	value: 'listReissues',
	name: 'Get Reissues',
	action: 'Get reissued certificates of order',
	description: 'Every reissue of the order, with its status; none when it was never reissued',
	segment: 'reissue',
	noun: 'reissued certificates',
});
