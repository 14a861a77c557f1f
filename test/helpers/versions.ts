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

/** The field `name` of `resource` > `operation` that a node of typeVersion `version` shows. */
export const fieldShownIn =
	(properties: INodeProperties[]) =>
	(version: number, resource: string, operation: string, name: string) =>
		properties.find(
			(p) =>
				shownIn(version)(p) &&
				p.name === name &&
				p.displayOptions?.show?.resource?.[0] === resource &&
				p.displayOptions?.show?.operation?.[0] === operation,
		);
