/**
 * End-to-end cases for issue 15's operations (Domain: Get, Get Many, Get Expiring Validations,
 * Check DCV; Organization: Get Many, Get Expiring Validations) and its weekly audit report example,
 * run in a real n8n against the shared fake. What each case expects is worked out from the fake's
 * own records at check time (the fake's clock is the real one), never written down here.
 */
import type { ExecuteResult } from './support/n8n';
import type { DigiCertCase } from './support/workflows';
import { DIGICERT } from './support/workflows';
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData, fakeDomains } from '../helpers/fake';
import { MISSING_PERMISSION_403 } from '../helpers/digiCertAnswers';

const { DOMAIN_IDS, TOTAL_DOMAINS } = fakeDomains;
const UNKNOWN_DOMAIN_ID = 987654321;
const DAYS = 30;

const sentTo = (fake: FakeCertCentral) => fake.requests.map((r) => `${r.method} ${r.path}`);
/** The queries of the order lists sent (the expiry audit asks for issued, then reissue_pending, orders). */
const orderListQueries = (fake: FakeCertCentral) =>
	fake.requests.filter((r) => r.path === '/services/v2/order/certificate').map((r) => r.query);
const within = (remaining: number, days: number) => remaining >= 0 && remaining <= days;
const domainsOf = (fake: FakeCertCentral): any[] => [...fake.data.domains.values()];
const organizationsOf = (fake: FakeCertCentral): any[] => [...fake.data.organizations.values()];
/** Soonest first, ties by record ID; each record's validations soonest first, ties by type. */
const soonestFirst = (audits: Array<[number, Array<[string, number]>]>) =>
	audits
		.map(([id, validations]): [number, Array<[string, number]>] => [
			id,
			[...validations].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])),
		])
		.filter(([, validations]) => validations.length > 0)
		.sort((a, b) => a[1][0][1] - b[1][0][1] || a[0] - b[0]);

/** The active domains whose DCV (dcv_expiration, by type) lapses within `days`, as the fake holds them now. */
function expectedDomainAudit(fake: FakeCertCentral, days: number) {
	const now = Date.now();
	return soonestFirst(
		domainsOf(fake)
			.filter((d) => d.is_active && d.dcv_expiration)
			.map((d): [number, Array<[string, number]>] => [
				d.id,
				Object.entries(d.dcv_expiration as Record<string, string>)
					.map(([type, day]): [string, number] => [type, fakeData.daysUntil(day, now)])
					.filter(([, remaining]) => within(remaining, days)),
			]),
	);
}

/** The active organizations whose active validations (validated_until) lapse within `days`. */
function expectedOrganizationAudit(fake: FakeCertCentral, days: number) {
	const now = Date.now();
	return soonestFirst(
		organizationsOf(fake)
			.filter((o) => o.status === 'active')
			.map((o): [number, Array<[string, number]>] => [
				o.id,
				(o.validations as any[])
					.filter((v) => v.status === 'active' && v.validated_until)
					.map((v): [string, number] => [
						v.type,
						fakeData.daysUntil(v.validated_until.slice(0, 10), now),
					])
					.filter(([, remaining]) => within(remaining, days)),
			]),
	);
}

/** The issued orders whose certificate expires within `days` (today included), soonest first, ties by ID. */
function expectedExpiringOrders(fake: FakeCertCentral, days: number): any[] {
	const now = Date.now();
	return (
		(fake.data.orderSummaries() as any[])
			// A reissue_pending order's current certificate still runs out: the audit lists it too.
			.filter((o) => ['issued', 'reissue_pending'].includes(o.status) && o.certificate.valid_till)
			.map((o) => ({
				order: o,
				remaining: fakeData.daysUntil(o.certificate.valid_till.slice(0, 10), now),
			}))
			.filter(({ remaining }) => within(remaining, days))
			.sort((a, b) => a.remaining - b.remaining || a.order.id - b.order.id)
			.map(({ order }) => order)
	);
}

/** What an audit output: [id, [[type, days_remaining] …]] per item. */
const auditShape = (items: Array<Record<string, any>>) =>
	items.map((i) => [
		i.id,
		(i.expiring_validations as any[]).map((v) => [v.type, v.days_remaining]),
	]);

/** The execution hints n8n recorded for a node (its output pane's warnings). */
const hintsOf = (run: ExecuteResult, node: string): Array<{ message: string; type: string }> =>
	run.run?.data?.resultData?.runData?.[node]?.[0]?.hints ?? [];

/** A list answer for the next request to `path` (`/domain` or `/organization`): these records only. */
function answerListOnce(
	fake: FakeCertCentral,
	path: string,
	rootProperty: string,
	records: unknown[],
) {
	fake.fail({
		match: (r) => r.path === `/services/v2${path}`,
		times: 1,
		respond: {
			status: 200,
			body: { [rootProperty]: records, page: { total: records.length, limit: 1000, offset: 0 } },
		},
	});
}

export const validationAuditCases: DigiCertCase[] = [
	{
		name: 'Get Domain: with its DCV token and validations (include_dcv, include_validation), as the fake holds it',
		parameters: { resource: 'domain', operation: 'get', domainId: String(DOMAIN_IDS.bothIn12) },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(sentTo(fake)).toEqual([`GET /services/v2/domain/${DOMAIN_IDS.bothIn12}`]);
			expect(fake.requests[0].query).toEqual({ include_dcv: 'true', include_validation: 'true' });
			const domain = fake.data.domains.get(DOMAIN_IDS.bothIn12);
			expect(run.items(DIGICERT)).toEqual([
				expect.objectContaining({
					id: domain.id,
					name: domain.name,
					dcv_expiration: domain.dcv_expiration,
					dcv_token: domain.dcv_token,
					validations: domain.validations.map((v: any) =>
						expect.objectContaining({ type: v.type, validated_until: v.validated_until }),
					),
				}),
			]);
		},
	},
	{
		name: 'typeVersion 1.1: Get Domain given By ID in the locator',
		typeVersion: 1.1,
		parameters: {
			resource: 'domain',
			operation: 'get',
			domainId: { __rl: true, mode: 'id', value: String(DOMAIN_IDS.ovToday) },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(sentTo(fake)).toEqual([`GET /services/v2/domain/${DOMAIN_IDS.ovToday}`]);
			expect(run.items(DIGICERT)).toEqual([
				expect.objectContaining({
					id: DOMAIN_IDS.ovToday,
					name: fake.data.domains.get(DOMAIN_IDS.ovToday).name,
				}),
			]);
		},
	},
	{
		name: 'Get Domain, an unknown ID: the run fails saying the domain was not found',
		parameters: { resource: 'domain', operation: 'get', domainId: String(UNKNOWN_DOMAIN_ID) },
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toBe(
				`Domain ${UNKNOWN_DOMAIN_ID} was not found in DigiCert`,
			);
			expect(fake.requests).toHaveLength(1);
		},
	},
	{
		name: 'Get Many Domains, Return All: 2 pages of 1000, every domain once with its validations',
		parameters: { resource: 'domain', operation: 'getMany', returnAll: true, filters: {} },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(
				fake.requests.map((r) => [r.query.offset, r.query.limit, r.query.include_validation]),
			).toEqual([
				['0', '1000', 'true'],
				['1000', '1000', 'true'],
			]);
			const ids = run.items(DIGICERT).map((i) => i.id);
			expect(ids).toHaveLength(TOTAL_DOMAINS);
			expect(new Set(ids)).toEqual(new Set(domainsOf(fake).map((d) => d.id)));
		},
	},
	{
		name: 'Get Many Domains, Limit 3 with filters (active, name contains "contoso", DNS TXT): DigiCert query keys, matching domains only',
		parameters: {
			resource: 'domain',
			operation: 'getMany',
			limit: 3,
			filters: { status: 'active', search: 'contoso', dcvMethod: 'dns-txt-token' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0].query).toMatchObject({
				'filters[status]': 'active',
				'filters[search]': expect.stringContaining('contoso'),
				'filters[dcv_method]': 'dns-txt-token',
				limit: '3',
				offset: '0',
			});
			const matching = domainsOf(fake).filter(
				(d) => d.is_active && d.name.includes('contoso') && d.dcv_method === 'dns-txt-token',
			);
			expect(matching.length).toBeGreaterThan(3);
			const items = run.items(DIGICERT);
			expect(items).toHaveLength(3);
			expect(items.map((i) => i.id).every((id) => matching.some((d) => d.id === id))).toBe(true);
		},
	},
	{
		name: `Domain Get Expiring Validations, ${DAYS} days: all pages, soonest first; today and exactly ${DAYS} days in, lapsed and inactive out`,
		parameters: { resource: 'domain', operation: 'getExpiringValidations', days: DAYS },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.query)).toEqual([
				{
					'filters[status]': 'active',
					include_validation: 'true',
					'filters[include_validation_reuse_status]': 'true',
					offset: '0',
					limit: '1000',
				},
				{
					'filters[status]': 'active',
					include_validation: 'true',
					'filters[include_validation_reuse_status]': 'true',
					offset: '1000',
					limit: '1000',
				},
			]);
			const items = run.items(DIGICERT);
			const expected = expectedDomainAudit(fake, DAYS);
			expect(expected.length).toBeGreaterThan(100);
			expect(auditShape(items)).toEqual(expected);
			const byId = new Map(items.map((i) => [i.id, i]));
			expect(byId.get(DOMAIN_IDS.ovToday)).toMatchObject({
				validation_type: 'ov',
				expires: fakeData.isoDate(Date.now()),
				days_remaining: 0,
			});
			expect(byId.get(DOMAIN_IDS.ovIn30)).toMatchObject({
				validation_type: 'ov',
				days_remaining: DAYS,
				expiring_validations: [expect.objectContaining({ type: 'ov' })],
			});
			expect(byId.has(DOMAIN_IDS.inactive)).toBe(false);
			expect(byId.has(DOMAIN_IDS.pendingTxt)).toBe(false);
			expect(hintsOf(run, DIGICERT)).toEqual([]);
		},
	},
	{
		name: 'Domain Get Expiring Validations: an unreadable date is skipped with a warning (no API key in it); the rest is listed',
		prepare: (fake) => {
			const unreadable = {
				...fake.data.domains.get(DOMAIN_IDS.ovToday),
				dcv_expiration: { ov: '2026-02-31', ev: `${fake.apiKey}-soon` },
			};
			answerListOnce(fake, '/domain', 'domains', [
				unreadable,
				fake.data.domains.get(DOMAIN_IDS.bothIn12),
			]);
		},
		parameters: { resource: 'domain', operation: 'getExpiringValidations', days: DAYS },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(run.items(DIGICERT).map((i) => [i.id, i.days_remaining])).toEqual([
				[DOMAIN_IDS.bothIn12, 12],
			]);
			const hints = hintsOf(run, DIGICERT);
			expect(hints).toEqual([
				expect.objectContaining({
					type: 'warning',
					message: expect.stringMatching(
						/^2 validation expiries from DigiCert could not be read as a date/,
					),
				}),
			]);
			expect(hints[0].message).toContain(`ID ${DOMAIN_IDS.ovToday}: OV expires "2026-02-31"`);
			expect(JSON.stringify(run.run)).not.toContain(fake.apiKey);
		},
	},
	{
		name: "Check DCV: a validated domain gives validated: true; one whose TXT record is not found yet gives validated: false with DigiCert's reason",
		input: [{ id: DOMAIN_IDS.bothIn12 }, { id: DOMAIN_IDS.pendingTxt }],
		parameters: { resource: 'domain', operation: 'checkDcv', domainId: '={{ $json.id }}' },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(sentTo(fake)).toEqual(
				[DOMAIN_IDS.bothIn12, DOMAIN_IDS.pendingTxt].map(
					(id) => `PUT /services/v2/domain/${id}/dcv/validate-token`,
				),
			);
			expect(run.rawItems(DIGICERT)).toEqual([
				{
					json: {
						domainId: DOMAIN_IDS.bothIn12,
						validated: true,
						token: fake.data.domains.get(DOMAIN_IDS.bothIn12).dcv_token.token,
						status: 'active',
					},
					pairedItem: { item: 0 },
				},
				{
					json: {
						domainId: DOMAIN_IDS.pendingTxt,
						validated: false,
						code: 'invalid_dns_txt',
						message: 'Could not find a valid TXT record for one or more domains.',
					},
					pairedItem: { item: 1 },
				},
			]);
			// Not found yet is a result, not a change: the domain is still pending.
			expect(fake.data.domains.get(DOMAIN_IDS.pendingTxt).dcv_expiration).toBeUndefined();
		},
	},
	{
		name: 'Check DCV, an unknown domain: the run fails saying the domain was not found, sent once',
		parameters: { resource: 'domain', operation: 'checkDcv', domainId: String(UNKNOWN_DOMAIN_ID) },
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toBe(
				`Domain ${UNKNOWN_DOMAIN_ID} was not found in DigiCert`,
			);
			expect(sentTo(fake)).toEqual([
				`PUT /services/v2/domain/${UNKNOWN_DOMAIN_ID}/dcv/validate-token`,
			]);
		},
	},
	{
		name: 'Get Many Organizations, Return All: every organization, validations only where it has some',
		parameters: { resource: 'organization', operation: 'getMany', returnAll: true, filters: {} },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.query)).toEqual([
				{ include_validation: 'true', offset: '0', limit: '1000' },
			]);
			const items = run.items(DIGICERT);
			const organizations = organizationsOf(fake);
			expect(items.map((i) => i.id).sort()).toEqual(organizations.map((o) => o.id).sort());
			for (const organization of organizations) {
				const item = items.find((i) => i.id === organization.id)!;
				if (organization.validations.length === 0) expect(item).not.toHaveProperty('validations');
				else expect(item.validations).toEqual(organization.validations);
			}
		},
	},
	{
		name: "Get Many Organizations, Limit 2, with a validation pending: the filter as DigiCert's query key, Limit as the page size",
		parameters: {
			resource: 'organization',
			operation: 'getMany',
			limit: 2,
			filters: { validation: 'pending' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.query)).toEqual([
				{ 'filters[validation]': 'pending', include_validation: 'true', offset: '0', limit: '2' },
			]);
			const pending = organizationsOf(fake).filter((o) =>
				o.validations.some((v: any) => v.status === 'pending'),
			);
			const items = run.items(DIGICERT);
			expect(items).toHaveLength(Math.min(2, pending.length));
			expect(items.every((i) => pending.some((o) => o.id === i.id))).toBe(true);
		},
	},
	{
		name: `Organization Get Expiring Validations, ${DAYS} days: soonest first with days_remaining; today and exactly ${DAYS} days in`,
		parameters: { resource: 'organization', operation: 'getExpiringValidations', days: DAYS },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.query)).toEqual([
				{ 'filters[status]': 'active', include_validation: 'true', offset: '0', limit: '1000' },
			]);
			const items = run.items(DIGICERT);
			const expected = expectedOrganizationAudit(fake, DAYS);
			expect(auditShape(items)).toEqual(expected);
			const remaining = items.flatMap((i) =>
				(i.expiring_validations as any[]).map((v) => v.days_remaining),
			);
			expect(remaining).toContain(0);
			expect(remaining).toContain(DAYS);
			expect(items[0]).toMatchObject({
				validation_type: expected[0][1][0][0],
				days_remaining: 0,
				expires: fakeData.isoDate(Date.now()),
			});
		},
	},
	{
		name: 'Organization Get Expiring Validations: an unreadable validated_until is skipped with a warning; the run goes on',
		prepare: (fake) => {
			const broken = {
				id: 1,
				status: 'active',
				name: 'Broken Co',
				validations: [{ type: 'ov', status: 'active', validated_until: 'tomorrow' }],
			};
			answerListOnce(fake, '/organization', 'organizations', [
				broken,
				fake.data.organizations.get(112233),
			]);
		},
		parameters: { resource: 'organization', operation: 'getExpiringValidations', days: DAYS },
		check: (run) => {
			expect(run.ok).toBe(true);
			expect(run.items(DIGICERT).map((i) => i.id)).toEqual([112233]);
			expect(hintsOf(run, DIGICERT)).toEqual([
				expect.objectContaining({
					type: 'warning',
					message: expect.stringContaining('(Broken Co, ID 1: OV expires a text of 8 characters)'),
				}),
			]);
		},
	},
];

/** Cases that change the fake's data: after every case that reads it. */
export const validationAuditChangingCases: DigiCertCase[] = [
	{
		name: 'Check DCV once the HTTP token file is in place: validated: true, and the domain is validated for 199 days',
		prepare: (fake) => fake.data.placeDcvRecord(DOMAIN_IDS.pendingHttp),
		parameters: {
			resource: 'domain',
			operation: 'checkDcv',
			domainId: String(DOMAIN_IDS.pendingHttp),
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(run.items(DIGICERT)).toEqual([
				{
					domainId: DOMAIN_IDS.pendingHttp,
					validated: true,
					token: expect.any(String),
					status: 'active',
				},
			]);
			const lapses = fakeData.isoDate(Date.now() + fakeDomains.DCV_REUSE_DAYS * 86_400_000);
			expect(fake.data.domains.get(DOMAIN_IDS.pendingHttp).dcv_expiration).toEqual({ ov: lapses });
		},
	},
];

/** The report's lines: `- <text>` under each section's title, in order. */
function reportSections(text: string): string[][] {
	return text
		.split('\n\n')
		.slice(1)
		.map((section) => section.split('\n').slice(1));
}
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const validationAuditExampleCases: Array<{
	file: string;
	id: string;
	variant?: string;
	prepare?: (fake: FakeCertCentral) => void;
	check: (run: ExecuteResult, fake: FakeCertCentral) => void;
}> = [
	{
		// Runs up to the email node, whose SMTP credential is left for the user: that is where it stops.
		file: 'weekly-audit-report.json',
		id: 'dcWeeklyAuditReport',
		check: (run, fake) => {
			const orders = expectedExpiringOrders(fake, DAYS);
			const domains = expectedDomainAudit(fake, DAYS);
			const organizations = expectedOrganizationAudit(fake, DAYS);
			expect([orders.length, domains.length, organizations.length].every((n) => n > 0)).toBe(true);
			// The issued orders (every page) and the reissue_pending ones, all pages of domains, one
			// list of organizations: each audit ran once.
			expect(orderListQueries(fake).at(-1)).toMatchObject({ 'filters[status]': 'reissue_pending' });
			expect(sentTo(fake)).toEqual([
				...orderListQueries(fake).map(() => 'GET /services/v2/order/certificate'),
				...Array.from({ length: Math.ceil(TOTAL_DOMAINS / 1000) }, () => 'GET /services/v2/domain'),
				'GET /services/v2/organization',
			]);
			const [report] = run.items('Compose the report');
			const summary = `${plural(orders.length, 'certificate')}, ${plural(domains.length, 'domain')}, ${plural(organizations.length, 'organization')} need action within ${DAYS} days`;
			expect(report).toMatchObject({
				subject: `DigiCert audit: ${summary}`,
				certificates: orders.length,
				domains: domains.length,
				organizations: organizations.length,
			});
			const [certificateLines, domainLines, organizationLines] = reportSections(report.text);
			// Each list names every record, soonest first, with the day it lapses.
			const now = Date.now();
			expect(certificateLines).toEqual(
				orders.map((o) =>
					expect.stringMatching(
						new RegExp(
							`^- ${escapeRegExp(o.certificate.common_name)} \\(order ${o.id}\\): expires ${o.certificate.valid_till.slice(0, 10)} \\(`,
						),
					),
				),
			);
			expect(domainLines).toEqual(
				domains.map(([id, validations]) => {
					const domain = fake.data.domains.get(id);
					const lapses = validations.map(
						([type]) => `${type.toUpperCase()} on ${domain.dcv_expiration[type]}`,
					);
					return expect.stringMatching(
						new RegExp(
							`^- ${escapeRegExp(domain.name)} \\(domain ${id}\\): ${lapses.map((l) => `${escapeRegExp(l)} \\([^)]+\\)`).join(', ')}$`,
						),
					);
				}),
			);
			expect(organizationLines).toEqual(
				organizations.map(([id, validations]) => {
					const organization = fake.data.organizations.get(id);
					return expect.stringContaining(
						`- ${organization.display_name} (organization ${id}): ${validations[0][0].toUpperCase()} on `,
					);
				}),
			);
			// Days counted at the fake's clock: today, and exactly Days away.
			expect(report.text).toContain(
				`(domain ${DOMAIN_IDS.ovToday}): OV on ${fakeData.isoDate(now)} (today)`,
			);
			expect(report.text).toContain(
				`(domain ${DOMAIN_IDS.ovIn30}): OV on ${fakeData.isoDate(now + DAYS * 86_400_000)} (in ${DAYS} days)`,
			);
			expect(report.html).toContain(`<b>DigiCert audit: ${summary}.</b>`);
			expect(run.nodeError('Email the report')?.message).toMatch(/credentials/i);
		},
	},
	{
		file: 'weekly-audit-report.json',
		id: 'dcWeeklyAuditReport',
		variant: 'a quiet week: DigiCert lists nothing',
		prepare: (fake) => {
			// DigiCert's empty list leaves its array out: for orders, domains and organizations alike.
			fake.fail({ respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } } });
		},
		check: (run, fake) => {
			// Orders twice (issued, then reissue_pending), domains, organizations.
			expect(sentTo(fake)).toEqual([
				'GET /services/v2/order/certificate',
				'GET /services/v2/order/certificate',
				'GET /services/v2/domain',
				'GET /services/v2/organization',
			]);
			const [report] = run.items('Compose the report');
			expect(report).toMatchObject({
				subject: `DigiCert audit: Nothing needs action within ${DAYS} days`,
				certificates: 0,
				domains: 0,
				organizations: 0,
			});
			expect(reportSections(report.text)).toEqual([['- none'], ['- none'], ['- none']]);
			expect(run.nodeError('Email the report')?.message).toMatch(/credentials/i);
		},
	},
	{
		file: 'weekly-audit-report.json',
		id: 'dcWeeklyAuditReport',
		variant: 'the domain audit fails: the report still comes, marked incomplete, with the error',
		prepare: (fake) => {
			fake.fail({
				match: (r) => r.path === '/services/v2/domain',
				respond: MISSING_PERMISSION_403,
			});
		},
		check: (run, fake) => {
			const orders = expectedExpiringOrders(fake, DAYS);
			const organizations = expectedOrganizationAudit(fake, DAYS);
			const [report] = run.items('Compose the report');
			expect(report).toMatchObject({
				subject: `DigiCert audit INCOMPLETE (1 of 3 audits failed): ${plural(orders.length, 'certificate')}, 0 domains, ${plural(organizations.length, 'organization')} need action within ${DAYS} days`,
				certificates: orders.length,
				organizations: organizations.length,
			});
			const [certificateLines, domainLines, organizationLines] = reportSections(report.text);
			expect([certificateLines.length, organizationLines.length]).toEqual([
				orders.length,
				organizations.length,
			]);
			expect(domainLines).toEqual([expect.stringMatching(/^- could not be audited: .*permission/)]);
			expect(run.nodeError('Email the report')?.message).toMatch(/credentials/i);
		},
	},
];

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
