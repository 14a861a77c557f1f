import type { INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { orderIdProperty } from '../../../../nodes/DigiCert/shared/locators';
import {
	LATEST_VERSION,
	NODE_VERSIONS,
	changedDefault,
	formIn,
	formsByVersion,
	fromVersion1_1,
	withOlderForms,
} from '../../../../nodes/DigiCert/shared/versions';
import savedNodeDefaults from '../../../fixtures/savedNodeDefaults.json';
import { shownIn } from '../../../helpers/versions';

/** The parameters n8n resolves for a node of `version` that stores only `parameters` (what a saved workflow holds). */
function resolved(
	properties: INodeProperties[],
	version: number,
	parameters: Record<string, unknown>,
) {
	const node = { name: 'n', type: 't', typeVersion: version, position: [0, 0], parameters };
	const description = { name: 'digiCert', properties } as INodeTypeDescription;
	const values = NodeHelpers.getNodeParameters(
		properties,
		parameters as never,
		true,
		false,
		node as INode,
		description,
	);
	if (values === null) throw new Error('n8n resolved no parameters');
	return values;
}

describe('node versions', () => {
	it('new nodes get the newest version', () => {
		expect(LATEST_VERSION).toBe(NODE_VERSIONS[NODE_VERSIONS.length - 1]);
		expect(new DigiCert().description.defaultVersion).toBe(LATEST_VERSION);
	});

	// Recorded from the node before typeVersion 1.2 existed: a saved node's parameters are what n8n
	// resolves from its defaults, so a default changed for 1 or 1.1 changes what saved workflows do.
	it.each(
		Object.entries(savedNodeDefaults).flatMap(([version, byOperation]) =>
			Object.entries(byOperation).map(([key, expected]) => [version, key, expected] as const),
		),
	)('a typeVersion %s node of %s keeps the parameters it had', (version, key, expected) => {
		const [resource, operation] = key.split(' ');
		expect(
			resolved(new DigiCert().description.properties, Number(version), { resource, operation }),
		).toEqual(expected);
	});
});

describe('a property with older forms', () => {
	const current: INodeProperties = {
		displayName: 'Exclude Renewed',
		name: 'excludeRenewed',
		type: 'boolean',
		default: true,
	};

	it('changedDefault: new nodes get the new default, nodes saved before 1.2 keep theirs', () => {
		const property = changedDefault(current, false);
		expect(NODE_VERSIONS.map((v) => formIn(property, v).default)).toEqual([false, false, true]);
		const forms = formsByVersion(property);
		for (const version of NODE_VERSIONS) {
			const shown = forms.filter(shownIn(version));
			expect(shown).toHaveLength(1);
			expect(shown[0]).not.toHaveProperty('olderForms');
		}
		expect(NODE_VERSIONS.map((v) => resolved(forms, v, {}).excludeRenewed)).toEqual([
			false,
			false,
			true,
		]);
		// A saved value that differs from its version's default is kept as it is.
		expect(resolved(forms, 1.1, { excludeRenewed: true }).excludeRenewed).toBe(true);
		expect(resolved(forms, 1.2, { excludeRenewed: false }).excludeRenewed).toBe(false);
	});

	it('keeps a typeVersion 1 form and a changed default apart: 1, 1.1 and 1.2 each get their own', () => {
		const version1: INodeProperties = { ...current, type: 'string', default: 'no' };
		const property = changedDefault(withOlderForms(current, { version1 }), false);
		expect(
			NODE_VERSIONS.map((v) => resolved(formsByVersion(property), v, {}).excludeRenewed),
		).toEqual(['no', false, true]);
	});

	it('keeps its older forms when spread, and they show where the spread one does', () => {
		const spread: INodeProperties = {
			...orderIdProperty('d'),
			displayOptions: { show: { downloadBy: ['order'] } },
		};
		expect(formIn(spread, 1)).toMatchObject({
			type: 'string',
			displayOptions: { show: { downloadBy: ['order'] } },
		});
		expect(formIn(spread, 1.1).type).toBe('resourceLocator');
		const forms = formsByVersion(spread);
		expect(forms.map((f) => [f.type, f.displayOptions?.show])).toEqual([
			['string', { downloadBy: ['order'], '@version': [1] }],
			['resourceLocator', { downloadBy: ['order'], '@version': [{ _cnd: { gte: 1.1 } }] }],
		]);
	});

	it('refuses a version condition of its own next to older forms (the builder would replace it)', () => {
		expect(() => formsByVersion(changedDefault(fromVersion1_1(current), false))).toThrow(
			'excludeRenewed has a version condition of its own',
		);
	});
});
