/**
 * What npm would publish, checked the way n8n's verification and its Community Nodes installer
 * read it: the tarball's file list (from `npm pack --dry-run --json`), the package.json fields,
 * and the built node and credential classes with their icons and codex file.
 * Needs a build: `npm run build` first (.ci/run builds before it tests).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialType, INodeType, Icon } from 'n8n-workflow';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;

interface PackageJson {
	name: string;
	version: string;
	description?: string;
	keywords?: string[];
	license?: string;
	homepage?: string;
	author?: { name?: string; email?: string };
	repository?: { type?: string; url?: string };
	main?: string;
	files?: string[];
	scripts?: Record<string, string>;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	bundleDependencies?: unknown;
	bundledDependencies?: unknown;
	n8n?: { n8nNodesApiVersion?: number; strict?: boolean; nodes?: string[]; credentials?: string[] };
}

interface PackResult {
	size: number;
	unpackedSize: number;
	files: Array<{ path: string; size: number }>;
}

const nodeFiles = pkg.n8n?.nodes ?? [];
const credentialFiles = pkg.n8n?.credentials ?? [];
/**
 * Three nodes (action, polling trigger, webhook trigger) and a credential, compiled without comments,
 * maps or type declarations, and the README: 96.3 KB packed (the code ~80 KB of it, the README ~8),
 * with 4 % headroom. A rise past it is a README or a build that ships more than it should.
 */
const MAX_TARBALL_BYTES = 100 * 1024;

function packDryRun(): PackResult {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [result] = JSON.parse(output) as PackResult[];
	return result;
}

/** The built class a package.json "n8n" entry points at (the one exported class of that file). */
function loadBuilt<T>(distFile: string): T {
	const exports = require(path.join(root, distFile)) as Record<string, new () => T>;
	const classes = Object.values(exports).filter((value) => typeof value === 'function');
	expect(classes).toHaveLength(1);
	return new classes[0]();
}

/** The two icon files (light, dark) an `icon` names, relative to the package root. */
function iconFiles(icon: Icon | undefined, besideFile: string): string[] {
	expect(icon).toEqual({
		light: expect.stringMatching(/^file:/),
		dark: expect.stringMatching(/^file:/),
	});
	const { light, dark } = icon as { light: string; dark: string };
	return [light, dark].map((ref) =>
		path.posix.join(path.posix.dirname(besideFile), ref.slice('file:'.length)),
	);
}

const isHttpsUrl = (value: unknown) =>
	typeof value === 'string' && /^https:\/\/[^\s/]+\.[^\s/]+\/\S*$/.test(value);

describe('the npm package', () => {
	let packed: PackResult;
	let packedPaths: string[];

	beforeAll(() => {
		const builtEntries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
		const missing = builtEntries.filter((file) => !fs.existsSync(path.join(root, file)));
		if (builtEntries.length === 0 || missing.length > 0) {
			throw new Error(
				`dist/ is missing or stale (${missing.join(', ') || 'no n8n entries'}): run npm run build first`,
			);
		}
		packed = packDryRun();
		packedPaths = packed.files.map((file) => file.path).sort();
	});

	describe('tarball', () => {
		it('holds only dist/, README.md, LICENSE and package.json', () => {
			const outside = packedPaths.filter(
				(file) =>
					!file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(file),
			);
			expect(outside).toEqual([]);
			expect(packedPaths).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		});

		it('ships compiled code, icons and codex files, but no sources, tests or maps', () => {
			const unexpected = packedPaths
				.filter((file) => file.startsWith('dist/'))
				.filter((file) => !/\.(js|d\.ts|svg|png|node\.json)$/.test(file));
			expect(unexpected).toEqual([]);
			expect(packedPaths.filter((file) => /(^|\/)test\/|\.test\.|\.map$/.test(file))).toEqual([]);
		});

		it('holds every node and credential n8n is told to load', () => {
			expect(packedPaths).toEqual(
				expect.arrayContaining([...pkg.n8n!.nodes!, ...pkg.n8n!.credentials!]),
			);
		});

		it(`is smaller than ${MAX_TARBALL_BYTES / 1024} KB`, () => {
			expect(packed.size).toBeGreaterThan(0);
			expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
		});
	});

	describe('package.json', () => {
		it('names and describes the package as n8n and npm require', () => {
			expect(pkg.name).toBe('n8n-nodes-digicert');
			expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
			expect(pkg.description).toEqual(expect.stringMatching(/DigiCert/));
			expect(pkg.license).toBe('MIT');
			expect(pkg.keywords).toEqual(
				expect.arrayContaining(['n8n-community-node-package', 'n8n', 'digicert']),
			);
			expect(pkg.author?.name).toEqual(expect.stringMatching(/\S/));
			expect(pkg.author?.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
			expect(pkg.repository).toEqual({
				type: 'git',
				url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/),
			});
			expect(isHttpsUrl(pkg.homepage)).toBe(true);
		});

		it('has no runtime dependencies and n8n-workflow as its only peer', () => {
			expect(pkg.dependencies ?? {}).toEqual({});
			expect(pkg.bundleDependencies ?? pkg.bundledDependencies).toBeUndefined();
			expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		});

		it('runs nothing when installed', () => {
			const lifecycle = [
				'preinstall',
				'install',
				'postinstall',
				'prepare',
				'prepublish',
				'preprepare',
				'postprepare',
			];
			expect(Object.keys(pkg.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual([]);
		});

		it('tells n8n where the node and the credential are, under dist/', () => {
			expect(pkg.files).toEqual(['dist']);
			expect(pkg.main === undefined || packedPaths.includes(pkg.main)).toBe(true);
			expect(pkg.n8n).toEqual({
				n8nNodesApiVersion: 1,
				strict: true,
				nodes: [
					'dist/nodes/DigiCert/DigiCert.node.js',
					'dist/nodes/DigiCertTrigger/DigiCertTrigger.node.js',
					'dist/nodes/DigiCertWebhookTrigger/DigiCertWebhookTrigger.node.js',
				],
				credentials: ['dist/credentials/DigiCertApi.credentials.js'],
			});
			for (const file of nodeFiles) expect(file).toMatch(/^dist\/nodes\/\w+\/\w+\.node\.js$/);
		});
	});

	describe('built node and credential', () => {
		it.each([
			...nodeFiles.map((file) => ['node', file]),
			...credentialFiles.map((file) => ['credential', file]),
		])(
			'the %s %s has a light and a dark icon: two different files, both in the tarball',
			(kind, distFile) => {
				const built = loadBuilt<INodeType | ICredentialType>(distFile);
				const icon =
					kind === 'node' ? (built as INodeType).description.icon : (built as ICredentialType).icon;
				const [light, dark] = iconFiles(icon as Icon, distFile);
				expect(packedPaths).toEqual(expect.arrayContaining([light, dark]));
				expect(light).not.toBe(dark);
				const lightBytes = fs.readFileSync(path.join(root, light));
				const darkBytes = fs.readFileSync(path.join(root, dark));
				expect(lightBytes.equals(darkBytes)).toBe(false);
				for (const bytes of [lightBytes, darkBytes])
					expect(bytes.toString('utf8')).toMatch(/<svg[\s>]/);
			},
		);

		it('the credential links its documentation with a full URL', () => {
			const credential = loadBuilt<ICredentialType>('dist/credentials/DigiCertApi.credentials.js');
			expect(credential.name).toBe('digiCertApi');
			expect(isHttpsUrl(credential.documentationUrl)).toBe(true);
		});

		it('the webhook trigger registers itself (webhookMethods) and answers on one POST webhook', () => {
			const trigger = loadBuilt<INodeType>(
				'dist/nodes/DigiCertWebhookTrigger/DigiCertWebhookTrigger.node.js',
			);
			expect(trigger.description).toMatchObject({
				name: 'digiCertWebhookTrigger',
				group: ['trigger'],
				inputs: [],
				credentials: [{ name: 'digiCertApi', required: true }],
				webhooks: [{ name: 'default', httpMethod: 'POST', path: 'webhook' }],
			});
			expect(trigger.description).not.toHaveProperty('usableAsTool');
			expect(Object.keys(trigger.webhookMethods?.default ?? {}).sort()).toEqual([
				'checkExists',
				'create',
				'delete',
			]);
			expect(typeof trigger.webhook).toBe('function');
		});

		it.each(nodeFiles)(
			'the node %s has a codex file with categories and documentation links',
			(nodeFile) => {
				const node = loadBuilt<INodeType>(nodeFile);
				const codexFile = nodeFile.replace(/\.js$/, '.json');
				expect(packedPaths).toContain(codexFile);
				const codex = JSON.parse(fs.readFileSync(path.join(root, codexFile), 'utf8'));
				expect(codex).toEqual(
					expect.objectContaining({
						node: `${pkg.name}.${node.description.name}`,
						nodeVersion: '1.0',
						codexVersion: '1.0',
						categories: expect.arrayContaining([expect.any(String)]),
					}),
				);
				for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
					const links = codex.resources?.[kind] as Array<{ url: string }> | undefined;
					expect(links?.length).toBeGreaterThan(0);
					for (const link of links ?? []) expect(isHttpsUrl(link.url)).toBe(true);
				}
			},
		);
	});
});
