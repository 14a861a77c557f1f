/**
 * docs/architecture.md stays true to the tree: every operation and trigger event file is listed, each
 * resource folder holds only operations (and its index), and the README links the page.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { fakeData } from '../helpers/fake';

const root = path.resolve(__dirname, '..', '..');
const page = fs.readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');

/** The files an index module imports values from (`import { x } from './file'`; type imports aside). */
function importedFiles(indexFile: string): string[] {
	const source = fs.readFileSync(indexFile, 'utf8');
	return [...source.matchAll(/^import \{[^}]*\} from '\.\/([^']+)';$/gm)].map((match) => `${match[1]}.ts`);
}

const resourcesDir = path.join(root, 'nodes', 'DigiCert', 'resources');
const resourceNames = fs.readdirSync(resourcesDir).filter((name) => fs.statSync(path.join(resourcesDir, name)).isDirectory());
const operationFiles = resourceNames.flatMap((resource) =>
	importedFiles(path.join(resourcesDir, resource, 'index.ts')).map((file) => `${resource}/${file}`),
);
const eventFiles = importedFiles(path.join(root, 'nodes', 'DigiCertTrigger', 'events', 'index.ts')).map((file) => `events/${file}`);

const testsDir = path.join(root, 'test', 'nodes', 'DigiCert', 'resources');

/**
 * CertCentral's resources (the first segment of their Services API paths) and the fake's route file
 * for each: a file serves one resource, a resource is served by one file.
 */
const FAKE_RESOURCES: Record<string, string> = {
	'user.js': 'user',
	'requests.js': 'request',
	'orders.js': 'order',
	'certificates.js': 'certificate',
	'domains.js': 'domain',
	'organizations.js': 'organization',
	'webhooks.js': 'webhook',
	'products.js': 'product',
	'containers.js': 'container',
	'reports.js': 'report',
};
const fakeRoutesDir = path.join(root, 'test', 'fake-certcentral', 'routes');
const routeFiles = fs.readdirSync(fakeRoutesDir).filter((file) => file !== 'index.js');
let builtFakeData: unknown;
/** One fake's data for every route file (building it takes a while). */
const sharedFakeData = () => (builtFakeData ??= fakeData.buildData());

describe('docs/architecture.md', () => {
	it('finds the operations and events it checks (the index files still import them this way)', () => {
		expect(operationFiles).toEqual(expect.arrayContaining(['order/get.ts', 'request/approve.ts', 'certificate/download.ts']));
		expect(eventFiles).toEqual(expect.arrayContaining(['events/requestPending.ts']));
	});

	it.each([...operationFiles, ...eventFiles])('lists %s', (file) => {
		expect(page).toContain(`\`${file}\``);
	});

	it.each(resourceNames)('resources/%s holds only its operations and its index', (resource) => {
		const files = fs.readdirSync(path.join(resourcesDir, resource)).filter((file) => file !== 'index.ts');
		expect(files.sort()).toEqual(operationFiles.filter((file) => file.startsWith(`${resource}/`)).map((file) => file.slice(resource.length + 1)).sort());
	});

	it.each(operationFiles)('%s has its test file, test/nodes/DigiCert/resources/<resource>/<operation>.test.ts', (file) => {
		const testFile = path.join(testsDir, file.replace(/\.ts$/, '.test.ts'));
		expect(fs.existsSync(testFile)).toBe(true);
	});

	it.each(resourceNames)('test/…/resources/%s holds only tests of its operations (<operation>[.<aspect>].test.ts)', (resource) => {
		const dir = path.join(testsDir, resource);
		const operations = operationFiles.filter((file) => file.startsWith(`${resource}/`)).map((file) => file.slice(resource.length + 1, -'.ts'.length));
		for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
			expect([file, operations]).toEqual([file, expect.arrayContaining([file.split('.')[0]])]);
			expect(file).toMatch(/^\w+(\.\w+)*\.test\.ts$/);
		}
	});

	it.each(routeFiles)(
		'the fake serves one CertCentral resource per route file: routes/%s serves its paths only',
		(file) => {
			const resourcePath = FAKE_RESOURCES[file];
			expect([file, resourcePath]).toEqual([file, expect.any(String)]);
			const routesOf = require(path.join(fakeRoutesDir, file)) as (
				data: unknown,
			) => Array<{ pattern: RegExp }>;
			const patterns = routesOf(sharedFakeData()).map((route) => route.pattern.source);
			expect(patterns.length).toBeGreaterThan(0);
			// `^\/order\/...` or `^\/order$`: the resource's own path segment, not merely its prefix.
			const own = `^\\/${resourcePath}`;
			for (const pattern of patterns)
				expect([pattern, pattern.startsWith(`${own}\\/`) || pattern === `${own}$`]).toEqual([
					pattern,
					true,
				]);
		},
	);

	it("the fake's routes/index.js loads every route file", () => {
		const index = fs.readFileSync(path.join(fakeRoutesDir, 'index.js'), 'utf8');
		const loaded = [...index.matchAll(/require\('\.\/(\w+)'\)/g)].map((match) => `${match[1]}.js`);
		expect(loaded.sort()).toEqual([...routeFiles].sort());
	});

	it("is linked from the README's Development section", () => {
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const development = readme.slice(readme.indexOf('## Development'));
		expect(development.slice(0, development.indexOf('\n## ', 3))).toContain('(docs/architecture.md)');
	});
});
