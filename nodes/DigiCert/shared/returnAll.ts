import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../../common/types';
import { assertWholeNumber } from '../../common/inputChecks';

/** n8n's Return All / Limit pair for a list operation, worded as n8n's lint requires. */
export function returnAllProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** How many elements a list operation returns: all of them (undefined) or at most `limit`. */
export function readMaxItems(read: ParameterReader): number | undefined {
	const returnAll = read<unknown>('returnAll', false);
	if (returnAll === true || returnAll === 'true') return undefined;
	return assertWholeNumber(read<unknown>('limit', 50), 'Limit', { min: 1 });
}
