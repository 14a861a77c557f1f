import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../../../nodes/DigiCert/resources';
import { buildProperties } from '../../../../nodes/DigiCert/shared/description';
import { NODE_VERSIONS, formIn } from '../../../../nodes/DigiCert/shared/versions';
import { outputProperties } from '../../../../nodes/DigiCert/shared/output';
import type {
	DigiCertOperation,
	DigiCertResource,
} from '../../../../nodes/DigiCert/shared/operation';
import { fieldShownIn, shownIn } from '../../../helpers/versions';

const properties = buildProperties(resources);

const byName = (a: string, b: string) => a.localeCompare(b);
const optionNames = (property: INodeProperties) =>
	(property.options as INodePropertyOptions[]).map((o) => o.name);
const sorted = (names: string[]) => [...names].sort(byName);

/** Every property, including those inside collections, with where it is. */
function walk(
	list: INodeProperties[],
	path = '',
): Array<{ path: string; property: INodeProperties }> {
	return list.flatMap((property) => {
		const here = `${path}${property.name}`;
		const inner =
			property.type === 'collection'
				? walk(property.options as INodeProperties[], `${here} > `)
				: property.type === 'fixedCollection'
					? (property.options as INodePropertyCollection[]).flatMap((group) =>
							walk(group.values, `${here} > ${group.name} > `),
						)
					: [];
		return [{ path: here, property }, ...inner];
	});
}

describe('the node description built from the declared resources', () => {
	it('is what the DigiCert node uses', () => {
		expect(new DigiCert().description.properties).toEqual(properties);
	});

	it('starts with Resource: options sorted by name, no expressions, a valid default', () => {
		const [resource] = properties;
		expect(resource).toMatchObject({ name: 'resource', type: 'options', noDataExpression: true });
		expect(resource.displayOptions).toBeUndefined();
		expect(optionNames(resource)).toEqual(sorted(optionNames(resource)));
		const values = (resource.options as INodePropertyOptions[]).map((o) => o.value);
		expect(values).toEqual(expect.arrayContaining(['order', 'request']));
		expect(values).toHaveLength(resources.length);
		expect(values).toContain(resource.default);
	});

	it.each(resources.map((r) => [r.value, r] as const))(
		'has one Operation picker for %s in each version: sorted, no expressions, each with an action',
		(value, resource) => {
			for (const version of NODE_VERSIONS) {
				const pickers = properties.filter(
					(p) =>
						shownIn(version)(p) &&
						p.name === 'operation' &&
						p.displayOptions?.show?.resource?.[0] === value,
				);
				expect(pickers).toHaveLength(1);
				const [picker] = pickers;
				expect(picker).toMatchObject({
					type: 'options',
					noDataExpression: true,
					displayOptions: { show: { resource: [value] } },
				});
				expect(optionNames(picker)).toEqual(sorted(optionNames(picker)));
				const options = picker.options as INodePropertyOptions[];
				expect(options.map((o) => o.value).sort()).toEqual(
					resource.operations.map((o) => o.value).sort(),
				);
				for (const option of options) {
					expect(option.action).toEqual(expect.any(String));
					expect(option.description).toEqual(expect.any(String));
				}
				// typeVersion 1 keeps its default (a saved node without `operation` relies on it); new nodes may open elsewhere.
				expect(picker.default).toBe(
					version === 1
						? resource.operations[0].value
						: (resource.defaultOperation ?? resource.operations[0].value),
				);
			}
		},
	);

	/** What an operation declares for a node of `version`: its fields (typeVersion 1's forms in 1), then Simplify/Output from 1.1. */
	const declaredFields = (operation: DigiCertOperation, version: number) => [
		...operation.properties.map((p) => formIn(p, version)).filter(shownIn(version)),
		...(operation.output && version >= 1.1 ? outputProperties(operation.output.noun) : []),
	];

	it("shows every operation's fields only for that resource and operation, in each version", () => {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				for (const version of NODE_VERSIONS) {
					const fields = properties.filter(
						(p) =>
							shownIn(version)(p) &&
							p.displayOptions?.show?.resource?.[0] === resource.value &&
							p.displayOptions?.show?.operation?.[0] === operation.value,
					);
					expect(fields.map((f) => [f.name, f.type])).toEqual(
						declaredFields(operation, version).map((p) => [p.name, p.type]),
					);
					for (const field of fields) {
						expect(field.displayOptions?.show?.resource).toEqual([resource.value]);
						expect(field.displayOptions?.show?.operation).toEqual([operation.value]);
					}
				}
			}
		}
	});

	it('has no other fields than resource, the operation pickers, the operation fields and the settings', () => {
		for (const version of NODE_VERSIONS) {
			const operationFields = resources.flatMap((r) =>
				r.operations.flatMap((o) => declaredFields(o, version)),
			);
			expect(properties.filter(shownIn(version))).toHaveLength(
				1 + resources.length + operationFields.length + 2,
			);
		}
	});

	it("ends with the rate limit and retry settings, in the node's Settings tab with a note on Retry On Fail, for every operation", () => {
		const [settings, notice] = properties.slice(-2);
		expect(settings).toMatchObject({
			name: 'requestOptions',
			type: 'collection',
			displayName: 'Rate Limit and Retries',
			isNodeSetting: true,
		});
		expect(notice).toMatchObject({
			type: 'notice',
			isNodeSetting: true,
			displayName: expect.stringContaining('Retry On Fail'),
		});
		expect(settings.displayOptions).toBeUndefined();
		expect(notice.displayOptions).toBeUndefined();
	});

	const field = fieldShownIn(properties);

	it('keeps the contract of typeVersion 1: order > listDuplicates (orderId, options.show_archived), request > get (requestId)', () => {
		expect(field(1, 'order', 'listDuplicates', 'orderId')).toMatchObject({
			type: 'string',
			required: true,
			default: '',
		});
		const options = field(1, 'order', 'listDuplicates', 'options');
		expect((options?.options as INodeProperties[]).map((o) => o.name)).toContain('show_archived');
		expect(field(1, 'request', 'get', 'requestId')).toMatchObject({
			type: 'string',
			required: true,
			default: '',
		});
	});

	it('gives typeVersion 1.1 resource locators for every Order, Request, Certificate and Domain ID, under the same names', () => {
		const idNames = ['orderId', 'requestId', 'certificateId', 'domainId'];
		for (const resource of resources) {
			for (const operation of resource.operations) {
				for (const name of operation.properties
					.map((p) => p.name)
					.filter((n) => idNames.includes(n))) {
					expect(field(1.1, resource.value, operation.value, name)).toMatchObject({
						type: 'resourceLocator',
						required: true,
					});
					expect(field(1, resource.value, operation.value, name)).toMatchObject({
						type: 'string',
						default: '',
					});
				}
			}
		}
	});

	it('is versioned: typeVersion 1 and 1.1 (saved workflows) and 1.2, the default for new nodes', () => {
		const { description } = new DigiCert();
		expect(description.version).toEqual([1, 1.1, 1.2]);
		expect(description.defaultVersion).toBe(1.2);
		expect(Object.keys(new DigiCert().methods.listSearch).sort()).toEqual([
			'searchCertificates',
			'searchDomains',
			'searchOrders',
			'searchProducts',
			'searchRequests',
		]);
	});

	it('lists no older forms as data of their own: each is a property of its versions', () => {
		expect(walk(properties).filter(({ property }) => 'olderForms' in property)).toEqual([]);
	});

	it('names a list search the node has in every locator', () => {
		const searches = Object.keys(new DigiCert().methods.listSearch);
		for (const property of properties.filter((p) => p.type === 'resourceLocator')) {
			expect(searches).toContain(
				property.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod,
			);
		}
	});

	it.each(walk(properties).filter(({ property }) => property.type === 'collection'))(
		'sorts the options of the collection $path by display name',
		({ property }) => {
			const names = (property.options as INodeProperties[]).map((o) => o.displayName);
			expect(names).toEqual(sorted(names));
		},
	);

	it('sorts options-type fields with five or more options by name (as the n8n lint rule asks)', () => {
		for (const { property } of walk(properties)) {
			if (property.type !== 'options' || (property.options?.length ?? 0) < 5) continue;
			expect(optionNames(property)).toEqual(sorted(optionNames(property)));
		}
	});

	it('describes every boolean with "Whether"', () => {
		for (const { property } of walk(properties)) {
			if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
		}
	});
});

describe('buildProperties', () => {
	const field = (name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
		...extra,
	});
	const operation = (
		value: string,
		name: string,
		fields: INodeProperties[] = [],
	): DigiCertOperation => ({
		value,
		name,
		action: `${name} action`,
		description: `${name} description`,
		properties: fields,
		readParameters: () => ({}),
		request: () => ({ method: 'GET', path: '/' }),
		toItems: () => [],
	});
	const kept = field('kept', {
		displayOptions: { show: { mode: ['advanced'] }, hide: { legacy: [true] } },
	});
	const synthetic: DigiCertResource[] = [
		{
			value: 'zeta',
			name: 'Zeta',
			description: 'z',
			operations: [operation('b', 'Beta', [field('x')]), operation('a', 'Alpha', [kept])],
		},
		{ value: 'alpha', name: 'Alpha', description: 'a', operations: [operation('only', 'Only')] },
	];
	const built = buildProperties(synthetic);

	it('sorts resources and operations by name, whatever order they are declared in', () => {
		expect(optionNames(built[0])).toEqual(['Alpha', 'Zeta']);
		const zetaPicker = built.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'zeta',
		);
		expect(optionNames(zetaPicker!)).toEqual(['Alpha', 'Beta']);
	});

	it("merges a field's own displayOptions with the resource and operation", () => {
		const merged = built.find((p) => p.name === 'kept');
		expect(merged?.displayOptions).toEqual({
			show: { mode: ['advanced'], resource: ['zeta'], operation: ['a'] },
			hide: { legacy: [true] },
		});
	});

	it('does not change the declared fields', () => {
		expect(kept.displayOptions).toEqual({ show: { mode: ['advanced'] }, hide: { legacy: [true] } });
		expect(synthetic[0].operations[0].properties[0].displayOptions).toBeUndefined();
	});
});
