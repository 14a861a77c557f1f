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
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { createN8nHome, setupOwner, REPO_ROOT } = require('../test/e2e/support/n8n');
const { startFakeCertCentral } = require('../test/fake-certcentral');

const EDITOR_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.DIGICERT_SANDBOX_PORT ?? 5690);
const USER_FOLDER = path.join(REPO_ROOT, '.cache/dev-n8n');
/** The examples reference this credential, so they run in the sandbox as imported. */
const SANDBOX_CREDENTIAL = { id: 'digicertSandbox1', name: 'DigiCert sandbox' };
const OWNER = { email: 'dev@example.com', password: 'DigiCert-sandbox-1', firstName: 'Sandbox', lastName: 'Owner' };

const step = (/** @type {string} */ text) => console.log(`\n▶ ${text}`);

async function main() {
	step('Building the package (npm run build)');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');

	step('Preparing n8n 2.41.1 on Node 24 (installed once into ~/.cache/n8n-nodes-digicert, a few minutes the first time)');
	const firstRun = !fs.existsSync(path.join(USER_FOLDER, '.sandbox-ready'));
	// A link to the repo: after `npm run build`, restarting `npm run dev` loads the new build.
	const home = await createN8nHome({ major: 2, install: 'link', userFolder: USER_FOLDER });

	step(`Starting the sandbox CertCentral on http://127.0.0.1:${SANDBOX_PORT}`);
	const sandbox = await startFakeCertCentral({ port: SANDBOX_PORT }).catch((error) => {
		throw new Error(`Could not start the sandbox on port ${SANDBOX_PORT} (${error.message}); set DIGICERT_SANDBOX_PORT to a free port`);
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
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	const examples = fs
		.readdirSync(path.join(REPO_ROOT, 'examples'))
		.filter((name) => name.endsWith('.json'))
		.map((name) => path.join(REPO_ROOT, 'examples', name));
	if (firstRun) {
		step('Creating the "DigiCert sandbox" credential and importing examples/');
		await home.importCredential({ ...SANDBOX_CREDENTIAL, data: { region: 'custom', baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey } });
		await home.importWorkflow(examples);
	}
	const exampleNames = examples.map((file) => `"${JSON.parse(fs.readFileSync(file, 'utf8')).name}"`);

	step(`Starting n8n at http://127.0.0.1:${EDITOR_PORT}`);
	n8n = await home.startN8n({ port: EDITOR_PORT }).catch(async (error) => {
		await sandbox.close();
		throw error;
	});
	await setupOwner(n8n.url, OWNER);
	if (firstRun) fs.writeFileSync(path.join(USER_FOLDER, '.sandbox-ready'), new Date().toISOString());
	n8n.process.on('exit', (code) => {
		if (!stopping) {
			console.error(`n8n exited (${code}); its log:\n${n8n?.log().slice(-4000)}`);
			void stop(1);
		}
	});

	console.log(`
────────────────────────────────────────────────────────────────────────
  n8n with the DigiCert node is running:  ${n8n.url}
  Log in as:  ${OWNER.email}  /  ${OWNER.password}

  Sandbox:    a fake CertCentral at ${sandbox.baseUrl}
              credential "DigiCert sandbox" (region Custom) points at it;
              requests 198 (approved) and 199 (pending), order 12345678 (duplicates).
  Examples:   under Workflows, imported from examples/:
              ${exampleNames.join('\n              ')}

  Use a real API key: Credentials > Create credential > "DigiCert CertCentral API",
  pick Region US or Europe, paste the key (CertCentral > Automation > API Keys),
  then choose that credential in the DigiCert nodes.

  n8n data: ${USER_FOLDER} (delete it to start over)
  Ctrl-C stops n8n and the sandbox.
────────────────────────────────────────────────────────────────────────
`);
	// From here on, n8n's own log goes to the terminal.
	n8n.process.stdout?.pipe(process.stdout);
	n8n.process.stderr?.pipe(process.stderr);
}

main().catch((error) => {
	console.error(`\nnpm run dev failed: ${error.message}`);
	process.exit(1);
});
