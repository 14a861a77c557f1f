/**
 * The node as n8n's guidelines ask (UX guidelines, Node UI design): names in n8n's vocabulary,
 * short dropdown descriptions, "e.g." placeholders, defaults a user expects, notices on what cannot
 * be undone, and tool descriptions an AI agent can trust — computed with n8n's own code.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DigiCert } from '../../../nodes/DigiCert/DigiCert.node';
import { DigiCertTrigger } from '../../../nodes/DigiCertTrigger/DigiCertTrigger.node';
import { resources } from '../../../nodes/DigiCert/resources';
import { fieldShownIn, shownIn } from '../../helpers/versions';

const { description } = new DigiCert();
const properties = description.properties;

const field = fieldShownIn(properties);

/** Every property and option, collections included. */
function walk(
	list: Array<INodeProperties | INodePropertyOptions>,
): Array<INodeProperties | INodePropertyOptions> {
	return list.flatMap((entry) => [
		entry,
		...('options' in entry && Array.isArray(entry.options)
			? walk(entry.options as INodeProperties[])
			: []),
	]);
}

describe('what an AI agent reads', () => {
	it.each(
		resources.flatMap((r) =>
			r.operations.map((o) => [`${r.value}.${o.value}`, r.value, o] as const),
		),
	)(
		"%s: n8n 2.41 describes the tool as '<action> in DigiCert', and the action says what it does",
		(_name, resource, operation) => {
			// What n8n's own code (getToolDescriptionForNode → makeDescription) gives the agent with the default "Set Automatically".
			const told = NodeHelpers.makeDescription(
				{ resource, operation: operation.value },
				description,
			);
			expect(told).toBe(`${operation.action} in DigiCert`);
			// Sentence case, no articles, the object named (not just "Get").
			expect(operation.action).toMatch(/^[A-Z][a-z]+ [a-zA-Z]/);
			expect(operation.action).not.toMatch(/\b(a|an|the)\b/i);
			expect(operation.action).toMatch(/certificate|order|request|domain|organization/);
		},
	);

	it('no two operations tell the agent the same', () => {
		const actions = resources.flatMap((r) => r.operations.map((o) => o.action));
		expect(new Set(actions).size).toBe(actions.length);
	});
});

describe("n8n's vocabulary", () => {
	it('operation names do not repeat the resource; internal values are unchanged', () => {
		const names = Object.fromEntries(
			resources.map((r) => [
				r.value,
				Object.fromEntries(r.operations.map((o) => [o.value, o.name])),
			]),
		);
		expect(names).toEqual({
			order: {
				listDuplicates: 'Get Duplicates',
				get: 'Get',
				getMany: 'Get Many',
				getExpiring: 'Get Expiring',
				listReissues: 'Get Reissues',
				create: 'Create',
				reissue: 'Reissue',
				duplicate: 'Duplicate',
				revoke: 'Revoke',
				cancel: 'Cancel',
				checkDcv: 'Check DCV',
				getDcvRandomValue: 'Get DCV Random Value',
				changeDcvMethod: 'Change DCV Method',
				setAutoReissue: 'Set Auto-Reissue',
			},
			request: { get: 'Get', getMany: 'Get Many', approve: 'Approve', reject: 'Reject' },
			certificate: { download: 'Download', revoke: 'Revoke' },
			domain: {
				get: 'Get',
				getMany: 'Get Many',
				getExpiringValidations: 'Get Expiring Validations',
				checkDcv: 'Check DCV',
				submitForValidation: 'Submit for Validation',
				generateDcvToken: 'Generate DCV Token',
				changeDcvMethod: 'Change DCV Method',
			},
			organization: { getMany: 'Get Many', getExpiringValidations: 'Get Expiring Validations' },
		});
	});

	it('dropdown descriptions fit the two lines the editor shows (at most 100 characters)', () => {
		const long = walk(properties)
			.filter(
				(entry): entry is INodePropertyOptions =>
					'value' in entry && typeof entry.description === 'string',
			)
			.filter((option) => option.description!.length > 100)
			.map((option) => `${option.name}: ${option.description!.length}`);
		expect(long).toEqual([]);
	});

	it('placeholders of fields to fill start with "e.g." (a multi-line sample of a format, like a CSR, is not an example value)', () => {
		const placeholders = walk(properties)
			.filter(
				(entry): entry is INodeProperties =>
					'type' in entry &&
					['string', 'number'].includes(entry.type) &&
					entry.placeholder !== undefined,
			)
			.filter((p) => !String(p.placeholder).includes('\n'))
			.map((p) => p.placeholder);
		expect(placeholders.length).toBeGreaterThan(3);
		expect(placeholders.filter((p) => !String(p).startsWith('e.g. '))).toEqual([]);
	});

	it("calls a container a Division, as CertCentral's screens do (the parameter keeps its name)", () => {
		const filters = field(1.1, 'order', 'getMany', 'filters');
		expect(
			(filters?.options as INodeProperties[]).find((o) => o.name === 'containerId')?.displayName,
		).toBe('Division ID');
	});

	it('the trigger asks "Trigger On" and its subtitle shows the event\'s name', () => {
		const trigger = new DigiCertTrigger().description;
		const event = trigger.properties.find((p) => p.name === 'event')!;
		expect(event.displayName).toBe('Trigger On');
		const subtitle = String(trigger.subtitle);
		for (const option of event.options as INodePropertyOptions[])
			expect(subtitle).toContain(`"${option.value}":"${option.name}"`);
		expect(subtitle).toMatch(
			/^=\{\{ \{.*\}\[\$parameter\["event"\]\] \|\| \$parameter\["event"\] \}\}$/,
		);
	});
});

describe('defaults a user expects (typeVersion 1.1; typeVersion 1 keeps its own)', () => {
	const orderPicker = (version: number) =>
		properties.find(
			(p) =>
				shownIn(version)(p) &&
				p.name === 'operation' &&
				p.displayOptions?.show?.resource?.[0] === 'order',
		);

	it('Order opens on Get Many; typeVersion 1 still on Get Duplicates', () => {
		expect(orderPicker(1.1)?.default).toBe('getMany');
		expect(orderPicker(1)?.default).toBe('listDuplicates');
	});

	it('Get Many Orders sorts in its own collection, soonest expiry first; typeVersion 1 keeps Options > Sort', () => {
		expect(field(1.1, 'order', 'getMany', 'sort')).toMatchObject({
			type: 'collection',
			default: { by: 'valid_till' },
		});
		// From 1.1 Options holds only the Include options (issue 17), not Sort.
		expect(
			(field(1.1, 'order', 'getMany', 'options')?.options as INodeProperties[]).map((o) => o.name),
		).toEqual(['includeDuplicates', 'includeReissues']);
		expect(field(1, 'order', 'getMany', 'sort')).toBeUndefined();
		expect(
			(field(1, 'order', 'getMany', 'options')?.options as INodeProperties[]).find(
				(o) => o.name === 'sort',
			),
		).toMatchObject({ default: 'date_created' });
	});

	it.each([
		['order', 'get'],
		['order', 'getMany'],
		['order', 'getExpiring'],
		['request', 'get'],
		['request', 'getMany'],
	])(
		'%s %s offers Simplify, on by default (not in typeVersion 1), and Output when used as a tool',
		(resource, operation) => {
			expect(field(1.1, resource, operation, 'simplify')).toMatchObject({
				type: 'boolean',
				default: true,
				displayOptions: { show: { '@tool': [false] } },
			});
			expect(field(1.1, resource, operation, 'output')).toMatchObject({
				type: 'options',
				default: 'simple',
				displayOptions: { show: { '@tool': [true] } },
			});
			expect(field(1, resource, operation, 'simplify')).toBeUndefined();
		},
	);
});

describe('what cannot be undone', () => {
	it.each([
		['request', 'approve'],
		['request', 'reject'],
		['order', 'revoke'],
		['order', 'cancel'],
		['certificate', 'revoke'],
	])('%s %s shows a notice first', (resource, operation) => {
		const fields = properties.filter(
			(p) =>
				p.displayOptions?.show?.resource?.[0] === resource &&
				p.displayOptions?.show?.operation?.[0] === operation,
		);
		expect(fields[0]).toMatchObject({
			type: 'notice',
			displayName: expect.stringMatching(/This cannot be undone\.$/),
		});
	});

	it("Reject's comment (the reason its description promises) is required from typeVersion 1.1, optional in 1", () => {
		expect(field(1.1, 'request', 'reject', 'comment')).toMatchObject({ required: true });
		expect(field(1, 'request', 'reject', 'comment')?.required).toBeUndefined();
		expect(field(1.1, 'request', 'approve', 'comment')?.required).toBeUndefined();
	});
});
