#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run dev`: a real n8n editor with this package loaded and a sandbox to try it on, no DigiCert
 * account needed. Builds the package, installs n8n 2.41.1 + Node 24 once (cached), starts the fake
 * CertCentral on 127.0.0.1 as the sandbox, and on first run creates the "DigiCert sandbox" credential
 * (region custom → the sandbox), imports examples/*.json and creates the owner login. Then starts the
 * editor at http://127.0.0.1:5678 and prints how to use it. Ctrl-C stops everything it started.
 *
 * The n8n data (workflows, credentials, login) persists in .cache/dev-n8n between runs; delete that
 * folder to start over. Ports: N8N_PORT (default 5678), DIGICERT_SANDBOX_PORT (default 5690).
 *
 * `npm run dev -- --smoke` walks the same path once and exits (CI runs it): a fresh n8n user folder
 * and free ports, the credential and examples imported, one example executed by n8n against the
 * sandbox, the editor started and asked for its page, everything stopped; exit 0 only if all worked.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createN8nHome, setupOwner, freePort, REPO_ROOT } = require('../test/e2e/support/n8n');
const { startFakeCertCentral } = require('../test/fake-certcentral');

const SMOKE = process.argv.includes('--smoke');
const DEV_USER_FOLDER = path.join(REPO_ROOT, '.cache/dev-n8n');
/** The examples reference this credential, so they run in the sandbox as imported. */
const SANDBOX_CREDENTIAL = { id: 'digicertSandbox1', name: 'DigiCert sandbox' };
const OWNER = {
	email: 'dev@example.com',
	password: 'DigiCert-sandbox-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};
/** The example the smoke run executes: Manual Trigger → DigiCert → Code, nothing outside the sandbox. */
const SMOKE_EXAMPLE = 'duplicate-certificate-audit.json';

const step = (/** @type {string} */ text) => console.log(`\n▶ ${text}`);

/** Runs `npm run <script>` as a user would; throws when it fails. */
function npmRun(/** @type {string} */ script) {
	const result = spawnSync('npm', ['run', script, '--silent'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (result.status !== 0) throw new Error(`npm run ${script} failed`);
}

function exampleFiles() {
	return fs
		.readdirSync(path.join(REPO_ROOT, 'examples'))
		.filter((name) => name.endsWith('.json'))
		.map((name) => path.join(REPO_ROOT, 'examples', name));
}

async function main() {
	step('Building the package (npm run build)');
	npmRun('build');

	step(
		'Preparing n8n 2.41.1 on Node 24 (installed once into ~/.cache/n8n-nodes-digicert: about 5–10 minutes and ~3 GB the first time)',
	);
	const userFolder = SMOKE
		? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-digicert-smoke-'))
		: DEV_USER_FOLDER;
	const firstRun = !fs.existsSync(path.join(userFolder, '.sandbox-ready'));
	// A link to the repo: after `npm run build`, restarting `npm run dev` loads the new build.
	const home = await createN8nHome({ major: 2, install: 'link', userFolder });

	const sandboxPort = SMOKE ? 0 : Number(process.env.DIGICERT_SANDBOX_PORT ?? 5690);
	const editorPort = SMOKE ? await freePort() : Number(process.env.N8N_PORT ?? 5678);
	step(
		`Starting the sandbox CertCentral${sandboxPort ? ` on http://127.0.0.1:${sandboxPort}` : ''}`,
	);
	const sandbox = await startFakeCertCentral({ port: sandboxPort }).catch((error) => {
		throw new Error(
			`Could not start the sandbox on port ${sandboxPort} (${error.message}); set DIGICERT_SANDBOX_PORT to a free port`,
		);
	});

	/** @type {Awaited<ReturnType<typeof home.startN8n>> | undefined} */
	let n8n;
	let stopping = false;
	const stop = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox …');
		await n8n?.stop();
		await sandbox.close();
		if (SMOKE) await home.cleanup();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const examples = exampleFiles();
		if (firstRun) {
			step('Creating the "DigiCert sandbox" credential and importing examples/');
			await home.importCredential({
				...SANDBOX_CREDENTIAL,
				data: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey },
			});
			await home.importWorkflow(examples);
		}
		const exampleNames = examples.map(
			(file) => `"${JSON.parse(fs.readFileSync(file, 'utf8')).name}"`,
		);

		if (SMOKE) await runExample(home, sandbox);

		step(`Starting n8n at http://127.0.0.1:${editorPort}`);
		n8n = await home.startN8n({ port: editorPort });
		const { cookie } = await setupOwner(n8n.url, OWNER);
		if (firstRun && !SMOKE)
			fs.writeFileSync(path.join(userFolder, '.sandbox-ready'), new Date().toISOString());

		if (SMOKE) {
			await checkEditor(n8n.url, cookie);
			console.log(
				'\nSmoke run passed: sandbox, credential, examples, an example executed by n8n, and the editor.',
			);
			await stop(0);
			return;
		}
		n8n.process.on('exit', (code) => {
			if (!stopping) {
				console.error(`n8n exited (${code}); its log:\n${n8n?.log().slice(-4000)}`);
				void stop(1);
			}
		});
		printBanner(n8n.url, sandbox.baseUrl, exampleNames);
		// From here on, n8n's own log goes to the terminal.
		n8n.process.stdout?.pipe(process.stdout);
		n8n.process.stderr?.pipe(process.stderr);
	} catch (error) {
		console.error(`\nnpm run dev failed: ${/** @type {Error} */ (error).message}`);
		await stop(1);
	}
}

/** Smoke: n8n itself runs one imported example against the sandbox, and the DigiCert node must have answered. */
async function runExample(
	/** @type {Awaited<ReturnType<typeof createN8nHome>>} */ home,
	/** @type {Awaited<ReturnType<typeof startFakeCertCentral>>} */ sandbox,
) {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(REPO_ROOT, 'examples', SMOKE_EXAMPLE), 'utf8'),
	);
	const digiCertNode = workflow.nodes.find(
		(/** @type {{ type: string }} */ node) => node.type === 'n8n-nodes-digicert.digiCert',
	).name;
	step(`Running the example "${workflow.name}" in n8n against the sandbox`);
	const before = sandbox.requests.length;
	const result = await home.executeWorkflow(workflow.id);
	const items = result.items(digiCertNode);
	const reached = sandbox.requests.length - before;
	if (!result.ok || items.length === 0 || reached === 0) {
		throw new Error(
			`the example "${workflow.name}" did not run as expected (exit ${result.code}, ${items.length} items from ` +
				`"${digiCertNode}", ${reached} requests reached the sandbox)\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
	}
	console.log(`  ${items.length} items from "${digiCertNode}", ${reached} requests to the sandbox`);
}

/** Smoke: the editor serves its page (what a browser opens first) and knows the DigiCert node. */
async function checkEditor(/** @type {string} */ url, /** @type {string} */ cookie) {
	const page = await fetch(url);
	const html = await page.text();
	if (!page.ok || !/<title>n8n/i.test(html))
		throw new Error(`the editor at ${url} did not answer with its page (HTTP ${page.status})`);
	const types = await fetch(`${url}/types/nodes.json`, { headers: { cookie } });
	const nodes = types.ok ? /** @type {Array<{ name: string }>} */ (await types.json()) : [];
	if (!nodes.some((node) => node.name === 'n8n-nodes-digicert.digiCert')) {
		throw new Error(
			`the editor at ${url} does not list the DigiCert node (types/nodes.json: HTTP ${types.status})`,
		);
	}
	console.log(`  the editor answers at ${url} and lists the DigiCert node`);
}

function printBanner(
	/** @type {string} */ url,
	/** @type {string} */ sandboxUrl,
	/** @type {string[]} */ exampleNames,
) {
	console.log(`
────────────────────────────────────────────────────────────────────────
  n8n with the DigiCert node is running:  ${url}
  Log in as:  ${OWNER.email}  /  ${OWNER.password}

  Sandbox:    a fake CertCentral at ${sandboxUrl}
              credential "DigiCert sandbox" (region Custom) points at it;
              requests 198 (approved) and 199 (pending), order 12345678 (duplicates).
  Examples:   under Workflows, imported from examples/:
              ${exampleNames.join('\n              ')}

  Use a real API key: Credentials > Create credential > "DigiCert CertCentral API",
  pick Region US or Europe, paste the key (CertCentral > Automation > API Keys),
  then choose that credential in the DigiCert nodes.

  n8n data: ${DEV_USER_FOLDER} (delete it to start over)
  Ctrl-C stops n8n and the sandbox.
────────────────────────────────────────────────────────────────────────
`);
}

void main();
