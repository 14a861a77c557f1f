import type { INodeProperties } from 'n8n-workflow';

/** Whether a node of typeVersion `version` shows `property`, as far as its `@version` condition goes. */
export const shownIn = (version: number) => (property: INodeProperties) => {
	const condition = property.displayOptions?.show?.['@version'] as
		Array<number | { _cnd: { gte: number } | { lt: number } }> | undefined;
	return (
		condition === undefined ||
		condition.some((c) =>
			typeof c === 'number'
				? c === version
				: 'gte' in c._cnd
					? version >= c._cnd.gte
					: version < c._cnd.lt,
		)
	);
};
