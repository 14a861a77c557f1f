/**
 * Issue 15's trigger events (Domain Validation Expiring, Organization Validation Expiring) polled by a
 * running n8n, as a user's active workflow is: created and activated through n8n's REST API, the
 * activation poll records the baseline, a validation is moved into the window, and n8n's next
 * scheduled poll (every minute) starts the workflow. The node after the trigger searches DigiCert
 * for the item's fields, so what the trigger emitted is read from the request that reached the fake.
 */
import type { N8nHome } from './support/n8n';
import { until, useRunningN8n } from './support/runningN8n';
import { credentialsFor, triggerThenDigiCert } from './support/workflows';
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData } from '../helpers/fake';
import { expectNoKey } from '../helpers/secrets';

const DAYS = 30;
const MOVED_TO = 20;

const EVENTS = [
	{
		event: 'domainValidationExpiring',
		kind: 'domain' as const,
		list: '/services/v2/domain',
		resource: 'domain',
	},
	{
		event: 'organizationValidationExpiring',
		kind: 'organization' as const,
		list: '/services/v2/organization',
		resource: 'organization',
	},
];

/** DigiCert Trigger (every minute) → Get Many of the same resource, searching for `id|type|days|threshold` of each item. */
function triggerWorkflow(
	{ event, resource }: (typeof EVENTS)[number],
	credential: { id: string; name: string },
) {
	const lookUp = {
		resource,
		operation: 'getMany',
		limit: 1,
		filters: {
			search:
				'={{ [$json.event, $json.id, $json.validation_type, $json.days_remaining, $json.threshold_days].join("|") }}',
		},
	};
	// n8n 1.x needs `active` on creation (2.x activates by publishing a version).
	return {
		...triggerThenDigiCert(
			`e2e trigger: ${event}`,
			{ event, days: DAYS },
			'Look up',
			lookUp,
			credential,
		),
		active: false,
	};
}

/** A validation of an active record lapsing more than 60 days from now (moved into the window by the test). */
function validationBeyondWindow(
	fake: FakeCertCentral,
	kind: 'domain' | 'organization',
): { id: number; type: string; days: number } {
	const records: any[] = [
		...(kind === 'domain' ? fake.data.domains : fake.data.organizations).values(),
	];
	for (const record of records) {
		if (kind === 'domain' ? record.is_active !== true : record.status !== 'active') continue;
		for (const v of record.validations as any[]) {
			const days = v.validated_until
				? fakeData.daysUntil(String(v.validated_until).slice(0, 10), Date.now())
				: -1;
			if (v.status === 'active' && days > 60) return { id: record.id, type: v.type, days };
		}
	}
	throw new Error(`the fake has no ${kind} validation beyond the window`);
}

export function describeValidationTriggersInRealN8n(
	context: () => { fake: FakeCertCentral; home: N8nHome },
) {
	describe('DigiCert Trigger: the validation events, polled by a running n8n', () => {
		const { n8n, rest } = useRunningN8n(() => context().home);

		it(
			'records a baseline on activation; reports a validation moved into Days once, on the next scheduled poll, with its fields',
			async () => {
				const { fake } = context();
				const { sandbox } = credentialsFor(fake);
				const searches = (resource: string) =>
					fake.requests
						.filter(
							(r) =>
								r.path === `/services/v2/${resource}` && r.query['filters[search]'] !== undefined,
						)
						.map((r) => r.query['filters[search]']);
				const lists = (path: string) =>
					fake.requests.filter(
						(r) =>
							r.path === path && r.query['filters[search]'] === undefined && r.query.offset === '0',
					).length;

				const workflows: string[] = [];
				for (const event of EVENTS) {
					const created = await rest<{ id: string; versionId: string }>(
						'POST',
						'/workflows',
						triggerWorkflow(event, sandbox),
					);
					await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
					workflows.push(created.id);
				}
				try {
					// The activation polls: every page of the active list, with validations; nothing is emitted.
					await until(
						'both activation polls reached the fake',
						() => EVENTS.every(({ list }) => lists(list) >= 1),
						60_000,
					);
					for (const { list } of EVENTS) {
						expect(fake.requests.find((r) => r.path === list)!.query).toMatchObject({
							'filters[status]': 'active',
							include_validation: 'true',
							offset: '0',
							limit: '1000',
						});
					}
					expect(searches('domain')).toEqual([]);
					expect(searches('organization')).toEqual([]);

					const moved = EVENTS.map(({ kind }) => {
						const validation = validationBeyondWindow(fake, kind);
						fake.data.setValidationExpiry(kind, validation.id, validation.type, MOVED_TO);
						return validation;
					});
					try {
						const polled = EVENTS.map(({ list }) => lists(list));
						// n8n's next poll starts each workflow once; the node after the trigger searches with its fields.
						await until(
							'both workflows ran',
							() => searches('domain').length > 0 && searches('organization').length > 0,
							150_000,
						);
						// One more scheduled poll of each: nothing new is reported.
						await until(
							'the next polls',
							() => EVENTS.every(({ list }, i) => lists(list) >= polled[i] + 2),
							150_000,
						);
						await new Promise((resolve) => setTimeout(resolve, 5_000));
						EVENTS.forEach(({ event, resource }, i) => {
							const search = searches(resource).map((text) => String(text).replace(/^%/, ''));
							expect(search).toEqual([
								[event, moved[i].id, moved[i].type, MOVED_TO, DAYS].join('|'),
							]);
						});
					} finally {
						EVENTS.forEach(({ kind }, i) =>
							fake.data.setValidationExpiry(kind, moved[i].id, moved[i].type, moved[i].days),
						);
					}
				} finally {
					for (const id of workflows)
						await rest('POST', `/workflows/${id}/deactivate`, {}).catch(() => undefined);
				}
				expectNoKey(n8n().log(), [fake.apiKey]);
			},
			6 * 60_000,
		);
	});
}
