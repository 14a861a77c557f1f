/**
 * examples/v1.1/: the examples as saved at typeVersion 1.1. Those first written for typeVersion 1
 * (examples/v1/, what users saved) differ from their original only in what 1.1 changed; those first
 * written for 1.1 are the current example back at 1.1. All run with the same end-to-end checks as
 * the current examples/ (test/e2e/cases.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { DigiCert } from '../../nodes/DigiCert/DigiCert.node';

const EXAMPLES = join(__dirname, '../../examples');
const originals = readdirSync(join(EXAMPLES, 'v1')).filter((f) => f.endsWith('.json'));
const copies = originals.filter((f) => readdirSync(join(EXAMPLES, 'v1.1')).includes(f));
/** Copies of examples first written at typeVersion 1.1 (no typeVersion 1 original). */
const writtenFor1_1 = readdirSync(join(EXAMPLES, 'v1.1')).filter((f) => f.endsWith('.json') && !originals.includes(f));
const read = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
const ID_FIELDS = ['orderId', 'requestId', 'certificateId', 'domainId'];
const properties = new DigiCert().description.properties;

/** Properties a typeVersion 1.1 node shows for this resource and operation. */
function shownInLatest(resource: string, operation: string): INodeProperties[] {
	return properties.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		if (show['@version'] !== undefined && JSON.stringify(show['@version']) === '[1]') return false;
		return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
	});
}

/** An expression reading an order's certificate ID, rewritten for Get Order's simplified output in 1.1. */
const readingSimplified = (value: unknown) => (value === '={{ $json.certificate.id }}' ? '={{ $json.certificate_id }}' : value);

describe('examples updated to typeVersion 1.1', () => {
	it('there is one for every example saved at typeVersion 1 with a DigiCert node', () => {
		const withNode = originals.filter((f) =>
			read(`v1/${f}`).nodes.some((n: { type: string; typeVersion: number }) => n.type === 'n8n-nodes-digicert.digiCert' && n.typeVersion === 1),
		);
		expect(copies.sort()).toEqual(withNode.sort());
	});

	it.each(writtenFor1_1)('%s: the current example with its DigiCert nodes back at typeVersion 1.1', (file) => {
		const current = read(file);
		const copy = read(`v1.1/${file}`);
		expect(copy.id).toBe(current.id.replace(/^(digicert|dc)/, 'v11'));
		const at1_1 = (nodes: Array<{ type: string; typeVersion: number }>) =>
			nodes.map((n) => (n.type === 'n8n-nodes-digicert.digiCert' ? { ...n, typeVersion: 1.1 } : n));
		expect(copy.nodes).toEqual(at1_1(current.nodes));
		expect(copy.connections).toEqual(current.connections);
	});

	it.each(copies)('%s: the original workflow, its DigiCert nodes at typeVersion 1.1 with IDs in locators (By ID)', (file) => {
		const original = read(`v1/${file}`);
		const copy = read(`v1.1/${file}`);
		expect(copy.id).toBe(original.id.replace(/^v10/, 'v11'));
		expect(copy.connections).toEqual(original.connections);
		const shape = (w: { nodes: Array<{ name: string; type: string }> }) => w.nodes.map((n) => [n.name, n.type]);
		expect(shape(copy)).toEqual(shape(original));
		for (const node of original.nodes.filter((n: { type: string }) => n.type === 'n8n-nodes-digicert.digiCert')) {
			const expected = { ...node, typeVersion: 1.1, parameters: { ...node.parameters } };
			for (const name of ID_FIELDS) {
				if (name in node.parameters) expected.parameters[name] = { __rl: true, mode: 'id', value: readingSimplified(node.parameters[name]) };
			}
			// Get Many Orders: Options > Sort became its own Sort collection.
			if (node.parameters.options?.sort !== undefined && node.parameters.operation === 'getMany') {
				const { sort, ...rest } = node.parameters.options;
				delete expected.parameters.options;
				if (Object.keys(rest).length > 0) expected.parameters.options = rest;
				expected.parameters.sort = { by: sort };
			}
			expect(copy.nodes.find((n: { name: string }) => n.name === node.name)).toEqual(expected);
		}
	});

	it('the copies read the simplified output (Simplify is on by default from typeVersion 1.1)', () => {
		const text = copies.map((file) => readFileSync(join(EXAMPLES, 'v1.1', file), 'utf8')).join('\n');
		for (const raw of ['$json.requester.first_name', '$json.certificate.common_name', '$json.container.name', 'json.certificate.']) expect(text).not.toContain(raw);
	});

	it.each(copies)('%s: sets only parameters typeVersion 1.1 has, IDs as locators', (file) => {
		for (const node of read(`v1.1/${file}`).nodes.filter((n: { type: string }) => n.type === 'n8n-nodes-digicert.digiCert')) {
			const shown = shownInLatest(node.parameters.resource, node.parameters.operation);
			for (const [name, value] of Object.entries(node.parameters)) {
				const property = shown.find((p) => p.name === name);
				expect({ name, type: property?.type }).toEqual({ name, type: expect.any(String) });
				if (ID_FIELDS.includes(name)) expect({ name, type: property?.type, value }).toMatchObject({ type: 'resourceLocator', value: { __rl: true } });
			}
		}
	});
});
