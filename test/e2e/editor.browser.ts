/**
 * The package in n8n's editor, in a real browser (Debian's Chromium driven by playwright-core):
 * `n8n start` with the built package installed, the owner made through the REST API, then what a
 * user does — find DigiCert in the node panel, add "Get a certificate request", test the credential
 * (the sandbox's key succeeds, a wrong key fails), execute the node, read its output.
 * Each run writes the README's screenshots into docs/screenshots (SCREENSHOTS_DIR elsewhere), so
 * they show the node as built; commit them when they change. A failed step's picture goes to
 * .cache/browser-screenshots/failure.png, never among them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { N8nHome, RunningN8n } from './support/n8n';
import { REPO_ROOT, createN8nHome, setupOwner } from './support/n8n';
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData, startFakeCertCentral } from '../helpers/fake';

const SCREENSHOTS = path.resolve(REPO_ROOT, process.env.SCREENSHOTS_DIR ?? 'docs/screenshots');
const FAILURES = path.resolve(REPO_ROOT, '.cache/browser-screenshots');
const OWNER = { email: 'owner@example.com', password: 'Browser-test-1' };
const WRONG_KEY = 'dc-wrong-key-browser-3c9e';
const CREDENTIAL = { id: 'browserSandbox01', name: 'DigiCert sandbox' };

let fake: FakeCertCentral;
let home: N8nHome;
let n8n: RunningN8n;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	const chromiumPath = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/ensure-chromium.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	fake = await startFakeCertCentral();
	home = await createN8nHome({ major: 2 });
	await home.importCredential({
		...CREDENTIAL,
		data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
	});
	n8n = await home.startN8n();
	await setupOwner(n8n.url, OWNER);
	browser = await chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(30_000);
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	fs.mkdirSync(FAILURES, { recursive: true });
}, 15 * 60_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await fake?.close();
	await home?.cleanup();
});

const screenshot = async (name: string) =>
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
/** n8n's toasts ("Credential saved", …) would cover parts of the screenshots. */
const hideToasts = async () =>
	await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
async function waitUntil(condition: () => boolean, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${condition}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
/** The DigiCert Trigger's events in the built package (n8n lists one trigger entry per event). */
function builtTriggerEvents(): number {
	const { DigiCertTrigger } = require(
		path.join(REPO_ROOT, 'dist/nodes/DigiCertTrigger/DigiCertTrigger.node.js'),
	);
	const event = new DigiCertTrigger().description.properties.find(
		(p: INodeProperties) => p.name === 'event',
	);
	return event.options.length;
}
/** The DigiCert node's operations in the built package, each once (Order has a picker per version). */
function builtOperations(): number {
	const { DigiCert } = require(path.join(REPO_ROOT, 'dist/nodes/DigiCert/DigiCert.node.js'));
	const pickers = new DigiCert().description.properties.filter(
		(p: INodeProperties) => p.name === 'operation',
	);
	const operations = new Set<string>();
	for (const picker of pickers as INodeProperties[])
		for (const option of picker.options as Array<{ value: string }>)
			operations.add(`${picker.displayOptions?.show?.resource}/${option.value}`);
	return operations.size;
}
const requestsTo = (pathEnd: string) => fake.requests.filter((r) => r.path.endsWith(pathEnd));

/** Opens the resource locator `name`'s list, optionally types a search, and picks the entry containing `entry`. */
async function pickFromList(name: string, entry: string, search?: string) {
	const locator = page.locator(`[data-test-id=resource-locator-${name}]`);
	await locator.locator('[data-test-id=rlc-input]').click();
	// The list's search box has the focus once it opens.
	if (search !== undefined) await page.keyboard.type(search);
	const item = page.locator('[data-test-id=rlc-item]', { hasText: entry }).first();
	await item.waitFor();
	return item;
}

/** Switches the resource locator `name` to the mode shown as `mode` (By URL, By ID). */
async function switchMode(name: string, mode: string) {
	await page
		.locator(`[data-test-id=resource-locator-${name}] [data-test-id=rlc-mode-selector]`)
		.click();
	await page
		.locator('.el-select-dropdown__item:visible, [role=option]:visible', { hasText: mode })
		.first()
		.click();
}

/** A step of the walk; when it fails, a picture of the page shows why (failure.png). */
function step(name: string, walk: () => Promise<void>) {
	it(name, async () => {
		try {
			await walk();
		} catch (error) {
			await page?.screenshot({ path: path.join(FAILURES, 'failure.png') }).catch(() => undefined);
			throw error;
		}
	});
}

/** One walk through the editor; each step needs the one before, so they share the page. */
describe('the DigiCert node in the n8n 2.41.1 editor', () => {
	step('logs in and opens a new workflow', async () => {
		await page.goto(`${n8n.url}/signin`);
		await page.fill('input[type=email], input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[type=password]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		await page.goto(`${n8n.url}/workflow/new`);
		await page.locator('[data-test-id=canvas-plus-button]').waitFor();
		await hideToasts();
	});

	step('finds DigiCert in the node panel, with its operations', async () => {
		await page.click('[data-test-id=canvas-plus-button]');
		await page.fill(
			'input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input',
			'DigiCert',
		);
		const digiCert = page
			.locator('[data-test-id=node-creator-item-name]')
			.getByText('DigiCert', { exact: true });
		await digiCert.first().waitFor();
		expect(await digiCert.count()).toBe(1);
		await digiCert.click();
		const actions = page.locator('[data-test-id=node-creator-item-name]');
		const getRequest = actions.filter({ hasText: 'Get certificate request by ID' });
		// With the package's trigger listed first, n8n folds the actions away: unfold them.
		await page.getByText(/^Actions \(\d+\)$/).waitFor();
		if (!(await getRequest.isVisible())) await page.getByText(/^Actions \(\d+\)$/).click();
		await getRequest.waitFor();
		const names = await actions.allInnerTexts();
		expect(names).toEqual(
			expect.arrayContaining([
				'Get certificate request by ID',
				'Get duplicate certificates of order',
			]),
		);
		// The node's own icon, served by n8n from the package.
		await expect(page.locator('img[src*="digicert"]').count()).resolves.toBeGreaterThan(0);
		await page.waitForTimeout(1000); // let the panel finish sliding in before the picture
		await screenshot('node-panel');
		// The picture shows every event and operation the built package has (the README's went stale).
		await page.getByText(`Triggers (${builtTriggerEvents()})`, { exact: false }).first().waitFor();
		await page.getByText(`Actions (${builtOperations()})`, { exact: false }).first().waitFor();
	});

	step(
		'adds Request "Get", picks the pending request from the list (searched in the sandbox), with the sandbox credential selected',
		async () => {
			fake.reset();
			await page
				.locator('[data-test-id=node-creator-item-name]', {
					hasText: 'Get certificate request by ID',
				})
				.first()
				.click();
			await page.locator('[data-test-id=ndv]').waitFor();
			await expect(
				page.locator('[data-test-id=node-credentials-select] input').inputValue(),
			).resolves.toBe(CREDENTIAL.name);
			await expect(
				page.locator('[data-test-id=parameter-input-operation] input').first().inputValue(),
			).resolves.toBe('Get');
			await (await pickFromList('requestId', `request ${fakeData.PENDING_REQUEST_ID},`)).click();
			// The list came from DigiCert's pending requests, one page.
			expect(requestsTo('/request').map((r) => r.query['filters[status]'])).toContain('pending');
			await page.locator('[data-test-id=node-parameters]').click({ position: { x: 5, y: 5 } });
			await screenshot('node-settings');
		},
	);

	step(
		'tests the sandbox credential: connection succeeds, the key sent only to the sandbox',
		async () => {
			fake.reset();
			await page.locator('[data-test-id=credential-edit-button]').first().click();
			const modal = page.locator('[data-test-id=editCredential-modal]');
			await modal.getByText('Connection tested successfully').waitFor();
			// "Retry" is the modal's Test connection button: it spins while testing, then comes back.
			await modal.getByRole('button', { name: 'Retry' }).click();
			await waitUntil(() => requestsTo('/user/me').length > 0);
			await modal
				.locator('button:not([disabled]):not(.is-loading)', { hasText: 'Retry' })
				.waitFor();
			await page.waitForTimeout(500); // the spinner's fade-out, for the picture
			await modal.getByText('Connection tested successfully').waitFor();
			for (const request of requestsTo('/user/me'))
				expect(request.headers['x-dc-devkey']).toBe(fake.apiKey);
			await screenshot('credential-test-success');
		},
	);

	step('tests a wrong key: the connection test fails with a message', async () => {
		fake.reset();
		const modal = page.locator('[data-test-id=editCredential-modal]');
		await modal.locator('[data-test-id=apiKey] input').fill(WRONG_KEY);
		await page.locator('[data-test-id=credential-save-button]').click();
		await modal.getByText('Couldn’t connect with these settings').waitFor();
		const details = modal.getByText('More details');
		if (await details.isVisible()) await details.click();
		// n8n's generic "Forbidden", or the credential's own explanation where it declares one.
		await modal
			.getByText(/Forbidden|rejected the API key/)
			.first()
			.waitFor();
		expect(requestsTo('/user/me').map((r) => r.headers['x-dc-devkey'])).toContain(WRONG_KEY);
		await hideToasts();
		await screenshot('credential-test-failure');
		// Put the sandbox's key back for the run below.
		await modal.locator('[data-test-id=apiKey] input').fill(fake.apiKey);
		await page.locator('[data-test-id=credential-save-button]').click();
		await modal.getByText('Connection tested successfully').waitFor();
		await modal.locator('.el-dialog__close, [aria-label=Close]').first().click();
		await modal.waitFor({ state: 'hidden' });
	});

	step('executes the node and shows the request it got from DigiCert', async () => {
		fake.reset();
		await page.locator('[data-test-id=node-execute-button]').click();
		const output = page.locator('[data-test-id=output-panel]');
		await output.getByText('1 item').waitFor();
		await output.getByText('pending', { exact: true }).first().waitFor();
		const text = await output.innerText();
		expect(text).toContain(String(fakeData.PENDING_REQUEST_ID));
		expect(text).toContain('new_request');
		// Simplify is on for a new node: the requester's name, not DigiCert's nested object.
		expect(text).toContain('requester_email');
		expect(requestsTo(`/request/${fakeData.PENDING_REQUEST_ID}`)).toHaveLength(1);
		await hideToasts();
		await page.waitForTimeout(1000); // the Execute button's own animation, for the picture
		await screenshot('node-output');
	});
	step('adds Order "Get", picks an order From List by its common name and runs it', async () => {
		fake.reset();
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
		// With a node on the canvas, the node panel opens from the + at the top right.
		await page.click('[data-test-id=node-creator-plus-button]');
		await page.fill(
			'input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input',
			'DigiCert',
		);
		await page
			.locator('[data-test-id=node-creator-item-name]')
			.getByText('DigiCert', { exact: true })
			.first()
			.click();
		const getOrder = page
			.locator('[data-test-id=node-creator-item-name]', { hasText: 'Get certificate order by ID' })
			.first();
		if (!(await getOrder.isVisible())) await page.getByText(/^Actions \(\d+\)$/).click();
		await getOrder.click();
		await page.locator('[data-test-id=ndv]').waitFor();
		const item = await pickFromList(
			'orderId',
			`order ${fakeData.ORDER_WITHOUT_DUPLICATES},`,
			'www.example.org',
		);
		await page.waitForTimeout(500); // the list's last page of results, for the picture
		await screenshot('locator-from-list');
		// The search went to DigiCert as its "contains" search, one page, newest first.
		expect(
			requestsTo('/order/certificate').some(
				(r) =>
					r.query['filters[search]'] === '%www.example.org' && r.query.sort === '-date_created',
			),
		).toBe(true);
		await item.click();
		fake.reset();
		await page.locator('[data-test-id=node-execute-button]').click();
		const output = page.locator('[data-test-id=output-panel]');
		await output.getByText('1 item').waitFor();
		await output.getByText(String(fakeData.ORDER_WITHOUT_DUPLICATES)).first().waitFor();
		await output.getByText('www.example.org', { exact: true }).first().waitFor();
		expect(requestsTo(`/order/certificate/${fakeData.ORDER_WITHOUT_DUPLICATES}`)).toHaveLength(1);
	});

	step('takes the order By URL (a CertCentral page) and runs it, then By ID', async () => {
		await switchMode('orderId', 'By URL');
		const input = page
			.locator(
				'[data-test-id=resource-locator-orderId] [data-test-id=rlc-input] input, [data-test-id=resource-locator-orderId] input[data-test-id=rlc-input]',
			)
			.first();
		await input.fill(`https://www.digicert.com/secure/orders/#${fakeData.SEED_ORDER_ID}`);
		await page.locator('[data-test-id=node-parameters]').click({ position: { x: 5, y: 5 } });
		await hideToasts();
		await screenshot('locator-by-url');
		fake.reset();
		await page.locator('[data-test-id=node-execute-button]').click();
		await page.locator('[data-test-id=output-panel]').getByText('1 item').waitFor();
		await waitUntil(() => requestsTo(`/order/certificate/${fakeData.SEED_ORDER_ID}`).length === 1);
		await switchMode('orderId', 'By ID');
		await input.fill(String(fakeData.ORDER_WITHOUT_DUPLICATES));
		await page.locator('[data-test-id=node-parameters]').click({ position: { x: 5, y: 5 } });
		await screenshot('locator-by-id');
	});

	step('adds the DigiCert Webhook Trigger: its events and options render', async () => {
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
		await page.click('[data-test-id=node-creator-plus-button]');
		await page.fill(
			'input[data-test-id=node-creator-search-bar], [data-test-id=node-creator-search-bar] input',
			'DigiCert Webhook',
		);
		// n8n lists it as "DigiCert Webhook", with one trigger entry per event of its Events field.
		await page
			.locator('[data-test-id=node-creator-item-name]')
			.getByText('DigiCert Webhook', { exact: true })
			.first()
			.click();
		const entries = page.locator('[data-test-id=node-creator-item-name]', { hasText: /^On / });
		await entries.filter({ hasText: 'On order rejected' }).waitFor();
		expect(await entries.allInnerTexts()).toEqual(
			expect.arrayContaining([
				'On certificate issued',
				'On certificate revoked',
				'On order rejected',
			]),
		);
		await screenshot('webhook-trigger-events');
		await entries.filter({ hasText: 'On certificate issued' }).first().click();
		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.waitFor();
		await ndv
			.getByText('CertCentral has one webhook per account', { exact: false })
			.first()
			.waitFor();
		await ndv.getByText('Certificate Issued', { exact: true }).first().waitFor();
		await ndv.getByText("Replace the Account's Existing Webhook").waitFor();
		// The collection's picker: a select whose placeholder is "Add Option".
		await ndv.locator('[placeholder="Add Option"], :text-is("Add Option")').first().click();
		for (const option of ['Certificate Chain', 'Chain as Binary Files', 'Include Order Details'])
			await page.getByText(option, { exact: true }).first().waitFor();
		await screenshot('webhook-trigger');
		// Opening the node registers nothing with CertCentral.
		expect(fake.requests.filter((r) => r.path.includes('/webhook'))).toEqual([]);
	});
});
