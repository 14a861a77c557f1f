import type { INodeProperties } from 'n8n-workflow';

/**
 * The node's versions. Saved workflows keep the version they were made with, and n8n stores only
 * the parameters that differ from their defaults, so a version keeps its fields' shapes and defaults:
 * - typeVersion 1: plain ID fields, DigiCert's raw objects;
 * - typeVersion 1.1: resource locators, n8n's names and defaults, Simplify;
 * - typeVersion 1.2: new defaults for new nodes (each declared with `changedDefault`).
 */
export const NODE_VERSIONS = [1, 1.1, 1.2];
/** What a new node gets (n8n's `defaultVersion`). */
export const LATEST_VERSION = 1.2;

/** displayOptions that show a property only to typeVersion 1 nodes (saved before 1.1). */
export const ONLY_VERSION_1 = { '@version': [1] };
/** displayOptions that show a property only from typeVersion 1.1 on. */
export const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };
/** displayOptions that show a property only to nodes saved before typeVersion 1.2 (1 and 1.1). */
export const BEFORE_VERSION_1_2 = { '@version': [{ _cnd: { lt: 1.2 } }] };
/** displayOptions that show a property only from typeVersion 1.2 on. */
export const FROM_VERSION_1_2 = { '@version': [{ _cnd: { gte: 1.2 } }] };
/** displayOptions that show a property only to typeVersion 1.1 nodes. */
const ONLY_VERSION_1_1 = { '@version': [1.1] };

/** A property shown only to typeVersion 1 nodes. */
export function onlyInVersion1(property: INodeProperties): INodeProperties {
	return withShow(property, ONLY_VERSION_1);
}

/** A property shown only from typeVersion 1.1 on. */
export function fromVersion1_1(property: INodeProperties): INodeProperties {
	return withShow(property, FROM_VERSION_1_1);
}

/** A property shown only to nodes saved before typeVersion 1.2. */
export function beforeVersion1_2(property: INodeProperties): INodeProperties {
	return withShow(property, BEFORE_VERSION_1_2);
}

/** A property shown only from typeVersion 1.2 on (a field new in 1.2). */
export function fromVersion1_2(property: INodeProperties): INodeProperties {
	return withShow(property, FROM_VERSION_1_2);
}

function withShow(property: INodeProperties, show: Record<string, unknown>): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show } as never,
		},
	};
}

/** How nodes saved at older versions see a property that changed. */
export interface OlderForms {
	/**
	 * What typeVersion 1 showed in its place, e.g. the plain Order ID text field instead of the Order
	 * locator. Without displayOptions of its own it shows when the current form would.
	 */
	version1?: INodeProperties;
	/**
	 * The default of nodes saved before typeVersion 1.2 (1.1, and 1 unless `version1` says otherwise),
	 * when new nodes get another one.
	 */
	defaultBefore1_2?: INodeProperties['default'];
}

/**
 * A property as new nodes see it, carrying its older forms as data: spreading it
 * (`{...orderIdProperty(d), displayOptions}`) keeps them, and the description builder shows each
 * version its own (see `formsByVersion`).
 */
export interface VersionedProperty extends INodeProperties {
	olderForms: OlderForms;
}

/** Declares what nodes saved at older versions see instead of `current`; returns `current` with it. */
export function withOlderForms(
	current: INodeProperties,
	olderForms: OlderForms,
): VersionedProperty {
	const earlier = isVersioned(current) ? current.olderForms : {};
	return { ...current, olderForms: { ...earlier, ...olderForms } };
}

/**
 * A property whose default changes for new nodes (typeVersion 1.2 on): `property` carries the new
 * default, saved nodes keep `defaultBefore1_2`, so their behaviour does not change.
 */
export function changedDefault(
	property: INodeProperties,
	defaultBefore1_2: INodeProperties['default'],
): VersionedProperty {
	return withOlderForms(property, { defaultBefore1_2 });
}

export function isVersioned(property: INodeProperties): property is VersionedProperty {
	return (property as Partial<VersionedProperty>).olderForms !== undefined;
}

/**
 * A declared property as the node description lists it: the current form, preceded by its older
 * forms, each shown only to the versions that had it.
 */
export function formsByVersion(property: INodeProperties): INodeProperties[] {
	if (!isVersioned(property)) return [property];
	const { olderForms, ...current } = property;
	const { version1, defaultBefore1_2 } = olderForms;
	if (current.displayOptions?.show?.['@version'] !== undefined)
		throw new Error(
			`${current.name} has a version condition of its own and older forms: declare one`,
		);
	const forms: INodeProperties[] = [];
	if (version1 !== undefined) forms.push(onlyInVersion1(showingLike(current, version1)));
	if (defaultBefore1_2 === undefined) {
		forms.push(version1 === undefined ? current : fromVersion1_1(current));
	} else {
		const before1_2 = { ...current, default: defaultBefore1_2 };
		forms.push(
			version1 === undefined ? beforeVersion1_2(before1_2) : withShow(before1_2, ONLY_VERSION_1_1),
			fromVersion1_2(current),
		);
	}
	return forms;
}

/** What a node of `version` shows for a declared property (before the builder's displayOptions). */
export function formIn(property: INodeProperties, version: number): INodeProperties {
	if (!isVersioned(property)) return property;
	const { olderForms, ...current } = property;
	if (version < 1.1 && olderForms.version1 !== undefined)
		return showingLike(current, olderForms.version1);
	if (version < 1.2 && olderForms.defaultBefore1_2 !== undefined)
		return { ...current, default: olderForms.defaultBefore1_2 };
	return current;
}

/** An older form without displayOptions of its own shows when the current form would. */
function showingLike(current: INodeProperties, older: INodeProperties): INodeProperties {
	return older.displayOptions === undefined && current.displayOptions !== undefined
		? { ...older, displayOptions: current.displayOptions }
		: older;
}
