/**
 * scripts/ensure-n8n.sh as `npm run dev` and `npm run test:e2e` call it: inside `npm run`, where npm
 * exports the project's `.npmrc` (ignore-scripts=true) as npm_config_ignore_scripts. With that variable
 * a nested `npm rebuild sqlite3` compiles nothing yet prints success, and n8n cannot open its database.
 *
 * The installer, bash and npm are the real ones; n8n and sqlite3 are two tiny stand-in packages in a
 * temporary cache, so the check runs in seconds without the 3 GB install. The stand-in sqlite3 builds its
 * "binding" in an install script, exactly where the real one compiles it, so npm skips it for the same
 * reasons it skips the real one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-n8n.sh');
const N8N_1 = 'n8n-1.123.81';

/** What `npm run dev` hands its children: the project's settings as npm_config_*, and its lifecycle. */
const INSIDE_NPM_RUN = {
	npm_config_ignore_scripts: 'true',
	npm_lifecycle_event: 'dev',
	npm_package_name: 'n8n-nodes-digicert',
};

function writeFile(file: string, text: string) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

/** A cache holding an installed "n8n 1.123.81" whose sqlite3 binding was never built (the broken state). */
function brokenCache(options: { buildScript?: string } = {}) {
	const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-n8n-test-'));
	const n8nDir = path.join(cache, N8N_1);
	writeFile(path.join(n8nDir, 'package.json'), JSON.stringify({ private: true }));
	writeFile(
		path.join(n8nDir, 'node_modules/n8n/package.json'),
		JSON.stringify({ name: 'n8n', version: '1.123.81' }),
	);
	writeFile(
		path.join(n8nDir, 'node_modules/n8n/bin/n8n'),
		"console.log(require('../package.json').version);\n",
	);
	const sqlite3 = path.join(n8nDir, 'node_modules/sqlite3');
	const build =
		options.buildScript ??
		"require('fs').mkdirSync('build',{recursive:true});require('fs').writeFileSync('build/binding.js','')";
	writeFile(
		path.join(sqlite3, 'package.json'),
		JSON.stringify({
			name: 'sqlite3',
			version: '5.1.7',
			main: 'index.js',
			scripts: { install: `node -e "${build}"` },
		}),
	);
	// Like the real module: loading it loads the compiled binding, and fails without one.
	writeFile(
		path.join(sqlite3, 'index.js'),
		"require('./build/binding.js');\nexports.Database = class { constructor() {} close() {} };\n",
	);
	fs.writeFileSync(path.join(n8nDir, '.complete'), '');
	// Should the installer start over from the registry (a repair that did not work), it fails at once
	// on loopback instead of downloading n8n: npm reads this user config even when the project's is dropped.
	writeFile(path.join(cache, 'home/.npmrc'), 'registry=http://127.0.0.1:9/\nfetch-retries=0\n');
	return { cache, n8nDir, binding: path.join(sqlite3, 'build/binding.js') };
}

function ensureN8n(cache: string, env: Record<string, string> = {}) {
	const result = spawnSync('bash', [SCRIPT, '1'], {
		env: {
			...process.env,
			// Never the real registry, whatever the installer keeps or drops of npm's settings.
			HOME: path.join(cache, 'home'),
			npm_config_userconfig: path.join(cache, 'home/.npmrc'),
			npm_config_registry: 'http://127.0.0.1:9/',
			npm_config_fetch_retries: '0',
			...env,
			DIGICERT_CACHE_DIR: cache,
		},
		encoding: 'utf8',
		timeout: 120_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/ensure-n8n.sh', () => {
	const caches: string[] = [];
	afterAll(() => caches.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

	it('repairs a cache whose sqlite3 binding was never built, even inside `npm run` with ignore-scripts=true', () => {
		const { cache, n8nDir, binding } = brokenCache();
		caches.push(cache);

		const result = ensureN8n(cache, INSIDE_NPM_RUN);

		expect(result.stderr).toContain(
			'does not start (its sqlite3 binding does not load): repairing it',
		);
		expect(result.stderr).toContain('repaired n8n 1.123.81');
		expect(result.code).toBe(0);
		expect(fs.existsSync(binding)).toBe(true);
		expect(fs.existsSync(path.join(n8nDir, '.complete'))).toBe(true);
		expect(result.stdout.trim().split('\n')).toEqual([
			expect.stringMatching(/node$/),
			path.join(n8nDir, 'node_modules/n8n/bin/n8n'),
		]);
	});

	it('says nothing and changes nothing when the cache works', () => {
		const { cache, binding } = brokenCache();
		caches.push(cache);
		expect(ensureN8n(cache).code).toBe(0);
		const before = fs.statSync(binding).mtimeMs;

		const again = ensureN8n(cache, INSIDE_NPM_RUN);

		expect(again.code).toBe(0);
		expect(again.stderr).toBe('');
		expect(fs.statSync(binding).mtimeMs).toBe(before);
	});

	it('never marks a cache complete that still does not start, and says what is wrong', () => {
		// A binding that cannot be built (no compiler, a broken toolchain): the install script fails.
		const { cache, n8nDir } = brokenCache({ buildScript: 'process.exit(1)' });
		caches.push(cache);

		const result = ensureN8n(cache, INSIDE_NPM_RUN);

		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('repair did not work: installing n8n 1.123.81 again');
		expect(result.stderr).toContain('installing n8n 1.123.81 failed');
		expect(fs.existsSync(path.join(n8nDir, '.complete'))).toBe(false);
	});
});
