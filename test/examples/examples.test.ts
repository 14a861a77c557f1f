import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { DigiCert } from '../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../nodes/DigiCert/resources';
import { DigiCertTrigger } from '../../nodes/DigiCertTrigger/DigiCertTrigger.node';
import { DigiCertWebhookTrigger } from '../../nodes/DigiCertWebhookTrigger/DigiCertWebhookTrigger.node';

const EXAMPLES = join(__dirname, '../../examples');
/**
 * This suite's examples (other examples in the folder have their own tests): each as users import it
 * (examples/, the current typeVersion) and as saved at typeVersion 1 (examples/v1/).
 */
const files = [
	'approve-request-from-slack.json',
	'download-issued-certificates.json',
	'weekly-expiry-audit-email.json',
	'reissue-before-expiry.json',
	'revoke-from-ticket.json',
].flatMap((file) => [`v1/${file}`, file]);
/** Examples written after typeVersion 1.1 came out: no typeVersion 1 original (examples/v1.1/ keeps their 1.1 form). */
const writtenForLatest = ['weekly-audit-report.json'];
const LATEST_VERSION = new DigiCert().description.defaultVersion;

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

const properties = new DigiCert().description.properties;

/** The node's properties shown for this resource and operation. */
function shownFor(resource: string, operation: string): INodeProperties[] {
	return properties.filter((p) => {
		const show = p.displayOptions?.show;
		if (!show) return true;
		return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
	});
}

describe('example workflows', () => {
	it('are all in examples/ and examples/v1/', () => {
		const present = [...readdirSync(EXAMPLES), ...readdirSync(join(EXAMPLES, 'v1')).map((f) => `v1/${f}`)];
		expect([...files, ...writtenForLatest].filter((f) => !present.includes(f))).toEqual([]);
	});

	describe.each([...files, ...writtenForLatest])('%s', (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as {
			id: string;
			name: string;
			nodes: ExampleNode[];
			connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		};
		const digiCertNodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-digicert.digiCert');

		it('uses the DigiCert node as installed from npm, with the sandbox credential', () => {
			expect(digiCertNodes.length).toBeGreaterThan(0);
			for (const node of digiCertNodes) {
				expect(node.typeVersion).toBe(file.startsWith('v1/') ? 1 : LATEST_VERSION);
				expect(node.credentials).toEqual({ digiCertApi: { id: expect.any(String), name: 'DigiCert sandbox' } });
			}
		});

		it("sets only parameters the node has for the node's resource and operation, with valid option values", () => {
			for (const node of digiCertNodes) {
				const { resource, operation } = node.parameters as { resource: string; operation: string };
				const declared = resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
				expect(declared).toBeDefined();
				const shown = shownFor(resource, operation);
				for (const [name, value] of Object.entries(node.parameters)) {
					const property = shown.find((p) => p.name === name);
					expect({ node: node.name, name, known: property !== undefined }).toEqual({ node: node.name, name, known: true });
					if (property?.type === 'collection' && typeof value === 'object' && value !== null) {
						for (const key of Object.keys(value)) {
							expect(property.options?.some((o) => 'name' in o && o.name === key)).toBe(true);
						}
					}
					if (property?.type === 'options' && typeof value === 'string' && !value.startsWith('=')) {
						expect(property.options?.some((o) => 'value' in o && o.value === value)).toBe(true);
					}
				}
			}
		});

		it('connects only nodes that exist; only triggers have no input; it has a Manual Trigger and an id, so it runs as imported', () => {
			const names = new Set(workflow.nodes.map((n) => n.name));
			const targets = new Set<string>();
			for (const [source, { main }] of Object.entries(workflow.connections)) {
				expect(names.has(source)).toBe(true);
				for (const { node } of main.flat()) {
					expect(names.has(node)).toBe(true);
					targets.add(node);
				}
			}
			const untargeted = workflow.nodes.filter((n) => !targets.has(n.name));
			expect(untargeted.every((n) => /[tT]rigger$|\.webhook$/.test(n.type))).toBe(true);
			expect(workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
		});
	});
});

describe('weekly-audit-report.json', () => {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, 'weekly-audit-report.json'), 'utf8')) as {
		nodes: Array<ExampleNode & { executeOnce?: boolean; alwaysOutputData?: boolean; onError?: string }>;
	};
	const audits = workflow.nodes.filter((n) => n.type === 'n8n-nodes-digicert.digiCert');
	const compose = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.code');

	it('audits certificates, domains and organizations over the same 30 days', () => {
		expect(audits.map((n) => [n.parameters.resource, n.parameters.operation, n.parameters.days])).toEqual([
			['order', 'getExpiring', 30],
			['domain', 'getExpiringValidations', 30],
			['organization', 'getExpiringValidations', 30],
		]);
	});

	it('runs each audit once and goes on when one finds nothing, so a quiet week still gets its report', () => {
		// The domain and organization audits follow the certificates' items: once, not once per item.
		expect(audits.map((n) => [n.executeOnce === true, n.alwaysOutputData === true])).toEqual([
			[false, true],
			[true, true],
			[true, true],
		]);
	});

	it('composes the report from the three audits, by their names', () => {
		const code = String(compose?.parameters.jsCode);
		for (const audit of audits) expect(code).toContain(`found('${audit.name}')`);
	});

	/** The Code node's report for what each audit node output (by its name), as n8n's `$(node).all()` gives it. */
	function report(outputs: Array<Array<Record<string, unknown>>>) {
		const byName = new Map(audits.map((audit, index) => [audit.name, outputs[index].map((json) => ({ json }))]));
		const $ = (name: string) => ({ all: () => byName.get(name) ?? [] });
		const [{ json }] = new Function('$', String(compose?.parameters.jsCode))($) as Array<{ json: Record<string, string> }>;
		return json;
	}
	const domain = (name: string) => ({ id: 7, name, expiring_validations: [{ type: 'ov', expires: '2026-12-01', days_remaining: 6 }] });

	it('still sends the report when one audit fails, saying it is incomplete and why, with what the others found', () => {
		// The audits go on with their error item ({ error, details }), n8n's On Error: Continue.
		expect(audits.map((n) => n.onError)).toEqual(['continueRegularOutput', 'continueRegularOutput', 'continueRegularOutput']);
		const sent = report([[{}], [{ error: 'DigiCert refused the request (403): no permission' }], [{}]]);
		expect(sent.subject).toBe('DigiCert audit INCOMPLETE (1 of 3 audits failed): Nothing needs action within 30 days');
		expect(sent.text).toContain('Domains whose validation lapses (revalidate DCV before the next issuance):\n- could not be audited: DigiCert refused the request (403): no permission');
		expect(sent.html).toContain('<p>Could not be audited: DigiCert refused the request (403): no permission</p>');
	});

	it('escapes what DigiCert names in the HTML email (a domain named <script>)', () => {
		const sent = report([[{}], [domain('<script>alert(1)</script>.example.com')], [{}]]);
		expect(sent.html).toContain('<li>&#60;script&#62;alert(1)&#60;/script&#62;.example.com (domain 7): OV on 2026-12-01 (in 6 days)</li>');
		expect(sent.html).not.toContain('<script>');
	});
});

/** The version n8n gives a node added now: `defaultVersion`, else the newest of `version`. */
function newestVersion({ description }: { description: { version: number | number[]; defaultVersion?: number } }) {
	return description.defaultVersion ?? Math.max(...[description.version].flat());
}

describe('the examples in examples/ (what users import)', () => {
	const latest: Record<string, number> = {
		'n8n-nodes-digicert.digiCert': newestVersion(new DigiCert()),
		'n8n-nodes-digicert.digiCertTrigger': newestVersion(new DigiCertTrigger()),
		'n8n-nodes-digicert.digiCertWebhookTrigger': newestVersion(new DigiCertWebhookTrigger()),
	};
	const shipped = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

	it.each(shipped)('%s: every DigiCert node is at the version a node added now gets', (file) => {
		const { nodes } = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: ExampleNode[] };
		const ours = nodes.filter((n) => n.type.startsWith('n8n-nodes-digicert.'));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			expect(Object.keys(latest)).toContain(node.type);
			expect({ node: node.name, typeVersion: node.typeVersion }).toEqual({ node: node.name, typeVersion: latest[node.type] });
		}
	});
});
