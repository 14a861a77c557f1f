import type { DigiCertResource } from '../../shared/operation';
import { get } from './get';
import { getExpiring } from './getExpiring';
import { cancel } from './cancel';
import { changeDcvMethod } from './changeDcvMethod';
import { checkDcv } from './checkDcv';
import { create } from './create';
import { duplicate } from './duplicate';
import { getDcvRandomValue } from './getDcvRandomValue';
import { getMany } from './getMany';
import { listDuplicates } from './listDuplicates';
import { listReissues } from './listReissues';
import { reissue } from './reissue';
import { revoke } from './revoke';
import { setAutoReissue } from './setAutoReissue';

export const order: DigiCertResource = {
	value: 'order',
	name: 'Order',
	description: 'Certificate orders',
	// typeVersion 1 opened on the first (Get Duplicates); new nodes open on Get Many.
	operations: [
		listDuplicates,
		get,
		getMany,
		getExpiring,
		listReissues,
		create,
		reissue,
		duplicate,
		revoke,
		cancel,
		checkDcv,
		getDcvRandomValue,
		changeDcvMethod,
		setAutoReissue,
	],
	defaultOperation: 'getMany',
};
