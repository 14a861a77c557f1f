import type { INodeProperties } from 'n8n-workflow';

/**
 * The trigger's versions (apart from the DigiCert node's): saved workflows keep the version they
 * were made with, and n8n stores only the parameters that differ from their defaults, so a changed
 * default raises the version and nodes saved before keep the old one.
 * - typeVersion 1: the first release;
 * - typeVersion 1.1: Certificate Expiring leaves renewed orders out by default.
 */
export const TRIGGER_VERSIONS = [1, 1.1];
/** What a new trigger node gets (n8n's `defaultVersion`). */
export const LATEST_TRIGGER_VERSION = 1.1;

const ONLY_VERSION_1 = { '@version': [1] };
const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

const showing = (property: INodeProperties, show: Record<string, unknown>): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, ...show } as never,
	},
});

/**
 * A property whose default changes for new trigger nodes (typeVersion 1.1 on): its two forms, the
 * old default shown to typeVersion 1 nodes and `property` (the new default) from 1.1 on.
 */
export function changedTriggerDefault(
	property: INodeProperties,
	defaultBefore1_1: INodeProperties['default'],
): INodeProperties[] {
	return [
		showing({ ...property, default: defaultBefore1_1 }, ONLY_VERSION_1),
		showing(property, FROM_VERSION_1_1),
	];
}
