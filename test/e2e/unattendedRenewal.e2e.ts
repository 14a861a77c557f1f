/**
 * End-to-end: examples/unattended-renewal.json in real n8n (2.41.1 and 1.123.x) against the fake
 * CertCentral and a loopback stand-in for Cloudflare's DNS API. The fake's DCV check reads the
 * stand-in's records, so the reissue is issued only because the workflow published the TXT record
 * DigiCert asked for; nobody approves, clicks or publishes anything.
 *
 * The one change made to the example on import: its "Renewal settings" point at the stand-in
 * (DNS API, deploy hook, team webhook) and wait 1 second between checks instead of 60.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { NEW_CSR } from '../fixtures/csr';
import type { FakeCertCentral } from '../helpers/fake';
import { startFakeCertCentral } from '../helpers/fake';
import type { DnsProviderStandIn } from '../helpers/dnsProviderStandIn';
import { startDnsProviderStandIn } from '../helpers/dnsProviderStandIn';
import { expectNoKey } from '../helpers/secrets';
import type { N8nHome, N8nMajor } from './support/n8n';
import { REPO_ROOT, createN8nHome } from './support/n8n';

const ORDER_ID = 21000001;
const oneLine = (pem: string) => pem.replace(/\s+/g, '');

function exampleFor(standIn: DnsProviderStandIn) {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(REPO_ROOT, 'examples/unattended-renewal.json'), 'utf8'),
	);
	const settings = workflow.nodes.find((n: { name: string }) => n.name === 'Renewal settings');
	const values: Record<string, unknown> = {
		dnsApi: `${standIn.origin}/client/v4`,
		zoneId: 'zone-e2e',
		waitSeconds: 1,
		deployUrl: `${standIn.origin}/deploy`,
		teamWebhook: `${standIn.origin}/team`,
	};
	for (const assignment of settings.parameters.assignments.assignments)
		if (assignment.name in values) assignment.value = values[assignment.name];
	return workflow;
}

describe.each([2, 1] as N8nMajor[])('unattended renewal in a real n8n %s.x', (major) => {
	let fake: FakeCertCentral;
	let standIn: DnsProviderStandIn;
	let home: N8nHome;

	beforeAll(async () => {
		fake = await startFakeCertCentral();
		standIn = await startDnsProviderStandIn();
		// DigiCert looks the random value up in the DNS the workflow publishes to.
		fake.data.orderDcv.resolveTxt = (name: string) => standIn.resolveTxt(name);
		home = await createN8nHome({ major });
		await home.importCredential([
			{
				id: 'e2eSandboxCred01',
				name: 'DigiCert sandbox',
				data: { region: 'custom', baseUrl: fake.baseUrl, apiKey: fake.apiKey },
			},
			{
				id: 'e2eCloudflare001',
				name: 'Cloudflare API token',
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${standIn.token}` },
			},
		]);
		await home.importWorkflow([exampleFor(standIn)]);
	}, 20 * 60_000);

	afterAll(async () => {
		await fake?.close();
		await standIn?.close();
		await home?.cleanup();
	});

	it(
		'reissues, publishes the TXT record, checks DCV until DigiCert finds it, downloads and hands on the new certificate',
		async () => {
			fake.data.addOrder({
				id: ORDER_ID,
				status: 'issued',
				commonName: 'new.example.com',
				validDays: 20,
			});
			const run = await home.executeWorkflow('digicertUnattended');
			const tail = `\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`;
			expect({ ok: run.ok, error: run.error?.message, tail }).toMatchObject({ ok: true });

			// DigiCert: the reissue asked for DNS TXT DCV, and the order is issued for the new CSR.
			const reissue = fake.requests.find((r) => r.path.endsWith(`/${ORDER_ID}/reissue`));
			expect(reissue?.body).toMatchObject({ dcv_method: 'dns-txt-token', skip_approval: true });
			const order = fake.data.orders.get(ORDER_ID);
			expect(order.status).toBe('issued');
			expect(oneLine(order.certificate.csr)).toBe(oneLine(NEW_CSR));
			expect(order.certificate.common_name).toBe('new.example.com');

			// The DNS provider got the record DigiCert asked for, with the token from the credential.
			const randomValue = fake.data.orderDcv.state(ORDER_ID)!.randomValue;
			expect(standIn.records).toEqual([
				expect.objectContaining({
					zone: 'zone-e2e',
					type: 'TXT',
					name: '_dnsauth.new.example.com',
					content: randomValue,
				}),
			]);

			// Check DCV ran until the record was visible (the first check came before it propagated).
			const checks = fake.requests.filter((r) => r.path.endsWith(`/${ORDER_ID}/check-dcv`));
			expect(checks).toHaveLength(2);
			expect(run.items('Check DCV')).toEqual([
				expect.objectContaining({ validated: false, pendingNames: ['new.example.com'] }),
			]);

			// The new certificate went to the deploy hook, and the team was told.
			const deployed = standIn.received.find((r) => r.path === '/deploy');
			expect(deployed?.body.toString('utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
			const told = standIn.received.find((r) => r.path === '/team');
			expect(JSON.parse(told!.body.toString('utf8')).text).toContain(
				`(order ${ORDER_ID}) without a person`,
			);

			// The DigiCert key went only to the fake; the Cloudflare token only to the stand-in.
			expectNoKey(run.stdout + run.stderr, [fake.apiKey, standIn.token]);
			for (const r of standIn.received)
				expect(JSON.stringify(r.headers)).not.toContain(fake.apiKey);
		},
		10 * 60_000,
	);
});
