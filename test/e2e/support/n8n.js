// @ts-check
'use strict';
/**
 * Runs the freshly built package inside a real n8n: the one runner the end-to-end tests, the
 * browser test, `npm run dev`, the benchmark and the queue-mode checks share (over 300 lines because
 * all of them need the same install, user folder, import, start and stop of a real n8n).
 *
 *   const { createN8nHome } = require('./test/e2e/support/n8n');
 *   const home = await createN8nHome({ major: 2 });          // n8n 2.41.1 on Node 24 (1 = 1.123.x on Node 20)
 *   await home.importCredential({ id: 'cred1', name: 'DigiCert', type: 'digiCertApi',
 *                                 data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: fake.apiKey } });
 *   await home.importWorkflow(workflowJson);                 // object or file path; needs an `id`
 *   const { ok, run, items } = await home.executeWorkflow(workflowJson.id);
 *   items('DigiCert')                                        // that node's output items (json only)
 *   const n8n = await home.startN8n();                       // `n8n start`: { url, stop() }
 *   await home.cleanup();                                    // removes the user folder
 *
 * What it does:
 * - `ensureN8n(major)` runs scripts/ensure-n8n.sh (installs once into ~/.cache/n8n-nodes-digicert,
 *   progress on stderr) and returns the Node binary and n8n's bin script.
 * - `createN8nHome` makes a temporary N8N_USER_FOLDER and puts the package where n8n looks for
 *   installed community packages, `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-digicert`, so its
 *   types are the published names (`n8n-nodes-digicert.digiCert`, credential `digiCertApi`) and
 *   shipped workflows import unchanged. `install: 'copy'` (default) copies package.json + dist — what
 *   `npm pack` ships — so `n8n-workflow` resolves to n8n's own copy, as for a user; `install: 'link'`
 *   symlinks the repo instead (for `npm run dev`: a rebuild is picked up on restart).
 *   The package must be built first (`npm run build`); the runner does not build.
 * - Every n8n process gets its own free ports (editor, task broker), so several homes can run at
 *   once, and the environment n8n needs to run offline and quietly (`home.env`).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '../../..');
const PACKAGE_NAME = 'n8n-nodes-digicert';
/** The node's type as users get it from the published package. */
const NODE_TYPE = `${PACKAGE_NAME}.digiCert`;
const CREDENTIAL_TYPE = 'digiCertApi';

/** @typedef {1 | 2} N8nMajor */
/** @typedef {{ major: N8nMajor, version: string, node: string, n8nBin: string }} N8nInstall */

/** @type {Map<number, Promise<N8nInstall>>} */
const installs = new Map();

/**
 * Installs (once, cached outside the repo) and locates the pinned n8n of a major version.
 * @param {N8nMajor} [major]
 * @param {{ quiet?: boolean }} [options] quiet: keep the installer's progress off the terminal
 * @returns {Promise<N8nInstall>}
 */
function ensureN8n(major = 2, options = {}) {
	let pending = installs.get(major);
	if (!pending) {
		pending = new Promise((resolve, reject) => {
			const child = spawn('bash', [path.join(REPO_ROOT, 'scripts/ensure-n8n.sh'), String(major)], {
				stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
			});
			let out = '';
			let err = '';
			child.stdout.on('data', (c) => (out += c));
			child.stderr?.on('data', (c) => (err += c));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code !== 0)
					return reject(new Error(`scripts/ensure-n8n.sh ${major} failed (exit ${code})\n${err}`));
				const [node, n8nBin] = out.trim().split('\n');
				const version = JSON.parse(
					fs.readFileSync(path.join(path.dirname(n8nBin), '..', 'package.json'), 'utf8'),
				).version;
				resolve({ major, version, node, n8nBin });
			});
		});
		installs.set(major, pending);
		pending.catch(() => installs.delete(major));
	}
	return pending;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for n8n to take). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** Puts the package where n8n loads installed community packages from. */
async function installPackage(
	/** @type {string} */ userFolder,
	/** @type {'copy' | 'link'} */ mode,
) {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(path.join(dist, 'nodes/DigiCert/DigiCert.node.js'))) {
		throw new Error(`The package is not built (${dist} is missing): run \`npm run build\` first`);
	}
	const nodeModules = path.join(userFolder, '.n8n/nodes/node_modules');
	const target = path.join(nodeModules, PACKAGE_NAME);
	await fsp.mkdir(nodeModules, { recursive: true });
	await fsp.rm(target, { recursive: true, force: true });
	if (mode === 'link') {
		await fsp.symlink(REPO_ROOT, target, 'dir');
	} else {
		await fsp.mkdir(target);
		await fsp.copyFile(path.join(REPO_ROOT, 'package.json'), path.join(target, 'package.json'));
		await fsp.cp(dist, path.join(target, 'dist'), { recursive: true });
	}
	// n8n's own record of installed packages lives in its database; the folder's package.json
	// is what `npm` would have left there.
	await fsp.writeFile(
		path.join(userFolder, '.n8n/nodes/package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: 'file:' + REPO_ROOT },
			},
			null,
			2,
		),
	);
	return target;
}

/**
 * @typedef {{ code: number | null, stdout: string, stderr: string }} CommandResult
 * @typedef {{ id: string, name: string, type?: string, data: Record<string, unknown> }} CredentialSpec
 * @typedef {{ json: Record<string, any>, pairedItem?: any, error?: any }} RunItem
 * @typedef {{ ok: boolean, code: number | null, run: any, stdout: string, stderr: string,
 *   items: (nodeName: string, output?: number) => Array<Record<string, any>>,
 *   rawItems: (nodeName: string, output?: number) => RunItem[],
 *   nodeError: (nodeName: string) => any, error: any }} ExecuteResult
 */

/**
 * A fresh n8n user folder with the package installed, and the commands to drive n8n in it.
 * @param {{ major?: N8nMajor, install?: 'copy' | 'link', userFolder?: string, env?: Record<string, string>, quietInstall?: boolean }} [options]
 */
async function createN8nHome(options = {}) {
	const n8n = await ensureN8n(options.major ?? 2, { quiet: options.quietInstall });
	const userFolder =
		options.userFolder ?? (await fsp.mkdtemp(path.join(os.tmpdir(), `n8n-digicert-${n8n.major}-`)));
	await fsp.mkdir(userFolder, { recursive: true });
	const packageDir = await installPackage(userFolder, options.install ?? 'copy');

	/** @type {Record<string, string>} */
	const env = {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'n8n-nodes-digicert-e2e-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_TYPE: 'sqlite',
		// n8n 1.123's default `vm` engine needs isolated-vm built natively, which the install skips
		// (--ignore-scripts; it does not compile for Node 20 here): use the in-process engine.
		...(n8n.major === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...options.env,
	};

	/** The environment of one n8n process: the home's, plus ports nobody else holds. */
	async function processEnv(/** @type {Record<string, string>} */ extra = {}) {
		const childEnv = { ...process.env, ...env, ...extra };
		// Run n8n under its own Node: put that Node first on PATH for anything n8n spawns (task runners).
		childEnv.PATH = `${path.dirname(n8n.node)}${path.delimiter}${process.env.PATH ?? ''}`;
		childEnv.N8N_RUNNERS_BROKER_PORT ??= String(await freePort());
		childEnv.N8N_PORT ??= String(await freePort());
		// A test runner's environment must not leak in: NODE_ENV=test (jest) makes n8n silence its
		// output and refuse to load nodes.
		for (const name of ['NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID'])
			if (!(name in env) && !(name in extra)) delete childEnv[name];
		return childEnv;
	}

	/**
	 * Runs `n8n <args>` to completion.
	 * @param {string[]} args
	 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [runOptions]
	 * @returns {Promise<CommandResult>}
	 */
	async function run(args, runOptions = {}) {
		const childEnv = await processEnv(runOptions.env);
		// Output goes to files, not pipes: n8n exits right after printing the run, and a pipe would
		// lose the unflushed end of a large JSON document.
		const outDir = await fsp.mkdtemp(path.join(userFolder, '.out-'));
		const outFile = path.join(outDir, 'stdout');
		const errFile = path.join(outDir, 'stderr');
		const out = fs.openSync(outFile, 'w');
		const err = fs.openSync(errFile, 'w');
		try {
			/** @type {{ code: number | null, signal: NodeJS.Signals | null }} */
			const exit = await new Promise((resolve, reject) => {
				const child = spawn(n8n.node, [n8n.n8nBin, ...args], {
					env: childEnv,
					cwd: userFolder,
					stdio: ['ignore', out, err],
				});
				const timer = setTimeout(() => child.kill('SIGKILL'), runOptions.timeoutMs ?? 300_000);
				child.on('error', reject);
				child.on('exit', (code, signal) => {
					clearTimeout(timer);
					resolve({ code, signal });
				});
			});
			return {
				...exit,
				stdout: await fsp.readFile(outFile, 'utf8'),
				stderr: await fsp.readFile(errFile, 'utf8'),
			};
		} finally {
			fs.closeSync(out);
			fs.closeSync(err);
			await fsp.rm(outDir, { recursive: true, force: true });
		}
	}

	/** Writes a JSON document into the home (for n8n's --input) and returns its path. */
	async function writeInput(/** @type {string} */ name, /** @type {unknown} */ value) {
		const dir = path.join(userFolder, 'inputs');
		await fsp.mkdir(dir, { recursive: true });
		const file = path.join(
			dir,
			`${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
		);
		await fsp.writeFile(file, JSON.stringify(value, null, 2));
		return file;
	}

	async function mustRun(/** @type {string[]} */ args) {
		const result = await run(args);
		if (result.code !== 0)
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`,
			);
		return result;
	}

	/**
	 * Imports credentials (plain `data`; n8n encrypts it on import). Type defaults to digiCertApi.
	 * @param {CredentialSpec | CredentialSpec[]} credentials
	 */
	async function importCredential(credentials) {
		const list = (Array.isArray(credentials) ? credentials : [credentials]).map((c) => ({
			type: CREDENTIAL_TYPE,
			...c,
		}));
		await mustRun(['import:credentials', `--input=${await writeInput('credentials', list)}`]);
	}

	/**
	 * Imports one workflow or several: objects, or paths of JSON files (used unchanged).
	 * Each needs an `id` (≤ 21 characters) to be executed by id.
	 * @param {any} workflows
	 */
	async function importWorkflow(workflows) {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		// One n8n process for all of them (each start costs seconds): a folder of files, --separate.
		const dir = await fsp.mkdtemp(path.join(userFolder, 'inputs-'));
		for (const [index, workflow] of list.entries()) {
			const file = path.join(dir, `${index}.json`);
			if (typeof workflow === 'string') await fsp.copyFile(path.resolve(workflow), file);
			else await fsp.writeFile(file, JSON.stringify(workflow, null, 2));
		}
		await mustRun(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/**
	 * Runs a stored workflow with `n8n execute --id=<id> --rawOutput` and parses the run.
	 * `ok` is n8n's exit status (false when a node failed without continue-on-fail).
	 * @param {string} id
	 * @param {{ env?: Record<string, string> }} [executeOptions] env: extra environment, e.g. a time zone (TZ, GENERIC_TIMEZONE)
	 * @returns {Promise<ExecuteResult>}
	 */
	async function executeWorkflow(id, executeOptions = {}) {
		const result = await run(['execute', `--id=${id}`, '--rawOutput'], { env: executeOptions.env });
		const run_ = parseRunOutput(result.stdout);
		const runData = run_?.data?.resultData?.runData ?? {};
		/** @param {string} nodeName @param {number} [output] @returns {RunItem[]} */
		const rawItems = (nodeName, output = 0) => runData[nodeName]?.[0]?.data?.main?.[output] ?? [];
		return {
			ok: runSucceeded(result, run_),
			code: result.code,
			signal: result.signal,
			run: run_,
			stdout: result.stdout,
			stderr: result.stderr,
			rawItems,
			items: (nodeName, output = 0) => rawItems(nodeName, output).map((item) => item.json),
			nodeError: (nodeName) => runData[nodeName]?.[0]?.error,
			error: run_?.data?.resultData?.error,
		};
	}

	/**
	 * Starts `n8n start` and resolves once the editor is ready (/healthz/readiness and /rest/settings).
	 * @param {{ port?: number, env?: Record<string, string>, output?: 'pipe' | 'inherit', timeoutMs?: number }} [startOptions]
	 */
	async function startN8n(startOptions = {}) {
		const port = startOptions.port ?? (await freePort());
		const childEnv = await processEnv({ N8N_PORT: String(port), ...startOptions.env });
		const child = spawn(n8n.node, [n8n.n8nBin, 'start'], {
			env: childEnv,
			cwd: userFolder,
			stdio: ['ignore', startOptions.output ?? 'pipe', startOptions.output ?? 'pipe'],
			detached: true, // its own process group, so stop() also ends the task runners it spawns
		});
		let log = '';
		child.stdout?.on('data', (c) => (log += c));
		child.stderr?.on('data', (c) => (log += c));
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		const url = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + (startOptions.timeoutMs ?? 120_000);
		let ready = false;
		let exitCode;
		exited.then((code) => (exitCode = code));
		while (!ready && exitCode === undefined && Date.now() < deadline) {
			try {
				// n8n 1.x reports ready before its REST routes exist: wait for those too.
				ready =
					(await fetch(`${url}/healthz/readiness`)).ok && (await fetch(`${url}/rest/settings`)).ok;
			} catch {
				/* not listening yet */
			}
			if (!ready) await new Promise((r) => setTimeout(r, 300));
		}
		const stop = async () => {
			if (exitCode !== undefined) return;
			try {
				process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
			} catch {
				return;
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 15_000);
			await exited;
			clearTimeout(timer);
		};
		if (!ready) {
			await stop();
			throw new Error(`n8n start did not become ready at ${url} (exit ${exitCode})\n${log}`);
		}
		return { url, port, process: child, stop, log: () => log };
	}

	async function cleanup() {
		await fsp.rm(userFolder, { recursive: true, force: true });
	}

	return {
		n8n,
		userFolder,
		packageDir,
		env,
		run,
		importCredential,
		importWorkflow,
		executeWorkflow,
		startN8n,
		cleanup,
	};
}

/**
 * Creates n8n's owner account through the REST API (first start only), logs in, and skips the
 * onboarding survey. Returns the session cookie for further REST calls or a browser.
 * @param {string} url the running n8n
 * @param {{ email: string, password: string, firstName?: string, lastName?: string }} owner
 */
async function setupOwner(url, owner) {
	const post = (/** @type {string} */ route, /** @type {unknown} */ body, cookie = '') =>
		fetch(`${url}/rest${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: JSON.stringify(body),
		});
	const setup = await post('/owner/setup', { firstName: 'Sandbox', lastName: 'Owner', ...owner });
	// 400 once the owner exists: then the login below decides.
	if (!setup.ok && setup.status !== 400)
		throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
	const login = await post('/login', {
		emailOrLdapLoginId: owner.email,
		email: owner.email,
		password: owner.password,
	});
	if (!login.ok)
		throw new Error(`login as ${owner.email} failed: ${login.status} ${await login.text()}`);
	const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get('set-cookie') ?? ''])
		.map((c) => c.split(';')[0])
		.filter(Boolean)
		.join('; ');
	await post(
		'/me/survey',
		{
			version: 'v4',
			personalization_survey_submitted_at: new Date().toISOString(),
			personalization_survey_n8n_version: '1',
		},
		cookie,
	);
	return { cookie };
}

/** The run JSON `n8n execute --rawOutput` prints after its log lines (from the first line that is `{`). */
/**
 * Whether `n8n execute` ran the workflow without a node failing: its exit status, except when n8n
 * died of SIGSEGV after printing the whole run. n8n 2.41.1 on Node 24 does that while exiting, about
 * once in 20 runs on a busy machine, with a Manual Trigger → Set workflow and no community package
 * installed; the printed run's own error then tells what the exit status would have.
 * @param {{ code: number | null, signal: NodeJS.Signals | null }} exit
 * @param {any} run the run n8n printed (parseRunOutput), undefined when none or cut short
 */
function runSucceeded(exit, run) {
	if (exit.code !== null) return exit.code === 0;
	return (
		exit.signal === 'SIGSEGV' &&
		run?.data?.resultData !== undefined &&
		run.data.resultData.error === undefined
	);
}

function parseRunOutput(/** @type {string} */ stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	const text = lines.slice(start).join('\n');
	try {
		return JSON.parse(text);
	} catch {
		// Trailing log lines after the JSON: cut at the last closing brace on its own line.
		const end = text.lastIndexOf('\n}');
		try {
			return JSON.parse(text.slice(0, end + 2));
		} catch {
			return undefined;
		}
	}
}

module.exports = {
	ensureN8n,
	createN8nHome,
	setupOwner,
	freePort,
	parseRunOutput,
	runSucceeded,
	REPO_ROOT,
	PACKAGE_NAME,
	NODE_TYPE,
	CREDENTIAL_TYPE,
};
