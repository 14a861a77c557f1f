/**
 * Organization Validation Expiring, poll by poll, without the engine: an in-memory DigiCert and an
 * injected clock. What it shares with Domain Validation Expiring (once per threshold and expiry,
 * renewals, the cap) is tested there; real polls against the fake are in ../DigiCertTrigger.node.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { organizationValidationExpiring } from '../../../../nodes/DigiCertTrigger/events/organizationValidationExpiring';
import type { DigiCertSource } from '../../../../nodes/DigiCertTrigger/events/types';
import type { ExpiringState } from '../../../../nodes/DigiCertTrigger/shared/expiring';
import { isoDay } from '../../../../nodes/common/expiry';
import { reportedValidations } from '../../../helpers/validationExpiring';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-22T15:30:00Z');
const day = (days: number, now = NOW) => isoDay(now + days * DAY_MS);

/**
 * An organization as List organizations shows it (include_validation=true): each validation's days
 * until it lapses (null: pending, no date; a string: given as it is); no `validations` when it has none.
 */
function organization(
	id: number,
	validations: Record<string, number | string | null>,
	extra: IDataObject = {},
): IDataObject {
	const entries = Object.entries(validations).map(([type, v]) => {
		if (v === null) return { type, status: 'pending' };
		const until = typeof v === 'number' ? `${day(v)}T07:00:00+00:00` : v;
		return {
			type,
			validated_until: until,
			status: typeof v === 'number' && v < 0 ? 'expired' : 'active',
		};
	});
	return {
		id,
		status: 'active',
		name: `Org ${id}`,
		display_name: `Org ${id}`,
		...(entries.length > 0 ? { validations: entries } : {}),
		...extra,
	};
}

function sourceOf(organizations: IDataObject[]) {
	const calls: Array<{ path: string; qs: IDataObject; rootProperty: string }> = [];
	const refuse = async (): Promise<never> => {
		throw new Error('not asked');
	};
	const source: DigiCertSource = {
		list: async (path, qs, rootProperty) => {
			calls.push({ path, qs, rootProperty });
			return organizations;
		},
		get: refuse,
		fetch: refuse,
	};
	return { source, calls };
}

async function poll(
	organizations: IDataObject[],
	previous: ExpiringState | undefined,
	{ now = NOW, days = 30 } = {},
) {
	const { source, calls } = sourceOf(organizations);
	const { events, state, warning } = await organizationValidationExpiring.poll(
		source,
		{ days },
		previous,
		now,
	);
	const reported = reportedValidations(events);
	return { events, reported, state, warning, calls };
}

describe('organizationValidationExpiring poll', () => {
	it('asks for every active organization with its validations, all pages; the first poll reports nothing', async () => {
		const { calls, events, state } = await poll(
			[organization(1, { ov: 5, ev: 45, cs: 10 })],
			undefined,
		);
		expect(calls).toEqual([
			{
				path: '/organization',
				qs: { 'filters[status]': 'active', include_validation: true },
				rootProperty: 'organizations',
			},
		]);
		expect(events).toEqual([]);
		expect(state).toEqual({ days: 30, reported: { '1:ov': day(5), '1:cs': day(10) } });
	});

	it('the date edges: today and exactly Days are in; Days + 1, lapsed, pending, inactive, without validations and unreadable are not', async () => {
		const organizations = [
			organization(1, { ov: 0, ev: 31 }),
			organization(2, { ev: 30, ov: -1 }),
			organization(3, { ov: null, cs: 12 }),
			organization(4, { ov: 2 }, { status: 'inactive' }),
			organization(5, {}),
			organization(6, { ov: '2026-13-01', ev_cs: 29 }),
		];
		const { reported, warning } = await poll(organizations, { days: 30, reported: {} });
		expect(reported).toEqual([
			[1, 'ov:0'],
			[3, 'cs:12'],
			[6, 'ev_cs:29'],
			[2, 'ev:30'],
		]);
		expect(warning).toBe(
			'One validation expiry from DigiCert could not be read as a date and was left out of the audit (Org 6, ID 6: OV expires "2026-13-01"). Check these organizations in CertCentral.',
		);
	});

	it('reports a validation once; its renewal again when the new date comes within Days', async () => {
		const first = await poll([organization(1, { ov: 40 })], undefined);
		const crossed = await poll([organization(1, { ov: 40 })], first.state, {
			now: NOW + 10 * DAY_MS,
		});
		expect(crossed.reported).toEqual([[1, 'ov:30']]);
		expect(
			(await poll([organization(1, { ov: 40 })], crossed.state, { now: NOW + 11 * DAY_MS })).events,
		).toEqual([]);
		// Renewed for a year: nothing now; 340 days later the new validation is reported.
		const renewed = await poll([organization(1, { ov: 400 })], crossed.state, {
			now: NOW + 12 * DAY_MS,
		});
		expect(renewed.events).toEqual([]);
		expect(
			(await poll([organization(1, { ov: 400 })], renewed.state, { now: NOW + 370 * DAY_MS }))
				.reported,
		).toEqual([[1, 'ov:30']]);
	});

	it('gives one item per organization, shaped like Get Expiring Validations', async () => {
		const contoso = organization(7, { ov: 3, ev: 3 });
		const { events } = await poll(
			[contoso],
			{ days: 7, reported: { '7:ev': day(3) } },
			{ days: 7 },
		);
		expect(events).toEqual([
			{
				event: 'organizationValidationExpiring',
				...contoso,
				validation_type: 'ov',
				expires: day(3),
				days_remaining: 3,
				expiring_validations: [{ type: 'ov', expires: day(3), days_remaining: 3 }],
				threshold_days: 7,
			},
		]);
	});
});

describe('organizationValidationExpiring manual run', () => {
	it('shows the organization whose validation lapses soonest, else one representative organization marked sample: true', async () => {
		const [soonest] = await organizationValidationExpiring.sample(
			sourceOf([organization(2, { ov: 9 }), organization(1, { cs: 9 })]).source,
			{ days: 30 },
			NOW,
		);
		expect(soonest).toMatchObject({
			id: 1,
			validation_type: 'cs',
			days_remaining: 9,
			threshold_days: 30,
		});
		expect(soonest.sample).toBeUndefined();

		const [sample] = await organizationValidationExpiring.sample(
			sourceOf([]).source,
			{ days: 30 },
			NOW,
		);
		expect(sample).toMatchObject({
			event: 'organizationValidationExpiring',
			id: 112233,
			validations: [
				expect.objectContaining({ type: 'ov', validated_until: `${day(30)}T07:00:00+00:00` }),
			],
			validation_type: 'ov',
			expires: day(30),
			days_remaining: 30,
			threshold_days: 30,
			sample: true,
		});
	});
});
