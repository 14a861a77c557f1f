import {
	domainValidationDates,
	organizationValidationDates,
	recordLabel,
	unreadableDatesWarning,
	validationAuditItem,
} from '../../../nodes/common/validationExpiry';

describe('domainValidationDates', () => {
	it("takes dcv_expiration's OV and EV days first, else an active validation's validated_until", () => {
		const domain = {
			id: 1,
			is_active: true,
			validations: [
				{ type: 'ov', status: 'active', validated_until: '2026-01-01T07:00:00+00:00' },
				{ type: 'ev', status: 'active', validated_until: '2026-02-01T07:00:00+00:00' },
				{ type: 'cs', status: 'pending' },
			],
			dcv_expiration: { ov: '2026-01-05', ov_status: 'valid' },
		};
		expect(domainValidationDates(domain)).toEqual([
			{ type: 'ov', value: '2026-01-05' },
			{ type: 'ev', value: '2026-02-01T07:00:00+00:00' },
		]);
	});

	it("counts DigiCert's shortened date (ov_shortened) when it is a date, and reads a time with an offset in UTC", () => {
		expect(
			domainValidationDates({
				id: 1,
				dcv_expiration: {
					ov: '2026-09-01T06:00:00+00:00',
					ov_shortened: '2026-03-01T07:00:00+00:00',
					ev: '2026-05-31T22:00:00-06:00',
				},
			}),
		).toEqual([
			{ type: 'ov', value: '2026-03-01T07:00:00+00:00' },
			{ type: 'ev', value: '2026-06-01T04:00:00.000Z' },
		]);
		// A flag rather than a date: the unshortened date counts.
		expect(
			domainValidationDates({ id: 2, dcv_expiration: { ov: '2026-09-01', ov_shortened: true } }),
		).toEqual([{ type: 'ov', value: '2026-09-01' }]);
	});

	it('gives nothing for an inactive domain or one never validated (DigiCert then leaves the keys out)', () => {
		expect(
			domainValidationDates({ id: 1, is_active: false, dcv_expiration: { ov: '2026-01-05' } }),
		).toEqual([]);
		expect(domainValidationDates({ id: 2, is_active: true, name: 'new.example.com' })).toEqual([]);
		expect(domainValidationDates({ id: 3, validations: 'none', dcv_expiration: 'none' })).toEqual(
			[],
		);
	});

	it('passes on a date it cannot read, for the audit to skip and report', () => {
		expect(domainValidationDates({ id: 1, dcv_expiration: { ov: 'soon', ev: '' } })).toEqual([
			{ type: 'ov', value: 'soon' },
		]);
	});
});

describe('organizationValidationDates', () => {
	it('takes every active validation with a validated_until, of an active organization only', () => {
		const validations = [
			{ type: 'ov', status: 'active', validated_until: '2026-01-01T07:00:00+00:00' },
			{ type: 'ev', status: 'pending' },
			{ type: 'cs', status: 'expired', validated_until: '2025-01-01T07:00:00+00:00' },
			{ type: 'ev_cs', status: 'active', validated_until: '2026-06-01T07:00:00+00:00' },
			'junk',
		];
		expect(organizationValidationDates({ id: 1, status: 'active', validations })).toEqual([
			{ type: 'ov', value: '2026-01-01T07:00:00+00:00' },
			{ type: 'ev_cs', value: '2026-06-01T07:00:00+00:00' },
		]);
		expect(organizationValidationDates({ id: 2, status: 'inactive', validations })).toEqual([]);
		expect(organizationValidationDates({ id: 3, status: 'active' })).toEqual([]);
	});
});

describe('validationAuditItem', () => {
	it('is the record with the soonest validation and every expiring one', () => {
		const validations = [
			{ type: 'ev', expires: '2026-03-12', days_remaining: 2 },
			{ type: 'ov', expires: '2026-03-20', days_remaining: 10 },
		];
		expect(validationAuditItem({ record: { id: 1, name: 'example.com' }, validations })).toEqual({
			id: 1,
			name: 'example.com',
			validation_type: 'ev',
			expires: '2026-03-12',
			days_remaining: 2,
			expiring_validations: validations,
		});
	});
});

describe('unreadableDatesWarning', () => {
	const record = { id: 7, name: 'example.com' };

	it('says nothing when every date was read', () => {
		expect(unreadableDatesWarning([], 'domains')).toBeUndefined();
	});

	it('names the record and validation, and quotes the value only when it looks like a date', () => {
		expect(unreadableDatesWarning([{ record, type: 'ov', value: '2026-02-31' }], 'domains')).toBe(
			'One validation expiry from DigiCert could not be read as a date and was left out of the audit (example.com, ID 7: OV expires "2026-02-31"). Check these domains in CertCentral.',
		);
		const warning = unreadableDatesWarning(
			[
				{ record, type: 'ov', value: 'SECRET-looking text' },
				{ record: { id: 8 }, type: 'ev', value: 12 },
				{ record: { id: 9, display_name: 'Org' }, type: 'cs', value: { at: 1 } },
			],
			'organizations',
		)!;
		expect(warning).toContain(
			'3 validation expiries from DigiCert could not be read as a date and were left out',
		);
		expect(warning).toContain('example.com, ID 7: OV expires a text of 19 characters');
		expect(warning).toContain('ID 8: EV expires the number 12');
		expect(warning).toContain('Org, ID 9: CS expires an object');
		expect(warning).not.toContain('SECRET');
	});

	it('upper-cases only a short validation code: a longer type is shown as it came, so an echoed key the transport redacted in lower case cannot come back in upper case', () => {
		const warning = unreadableDatesWarning(
			[{ record, type: 'canarykey7f3c9a2b5e', value: 'x' }],
			'domains',
		)!;
		expect(warning).toContain('example.com, ID 7: canarykey7f3c9a2b5e expires');
		expect(warning).not.toContain('CANARYKEY');
		expect(unreadableDatesWarning([{ record, type: 'ev_cs', value: 'x' }], 'domains')).toContain(
			'EV_CS expires',
		);
	});

	it('lists five and counts the rest', () => {
		const many = Array.from({ length: 8 }, (_v, i) => ({
			record: { id: i },
			type: 'ov',
			value: 'x',
		}));
		expect(unreadableDatesWarning(many, 'domains')).toContain('and 3 more)');
	});

	it('recordLabel names a record by name and ID', () => {
		expect(recordLabel({ id: 3, name: 'a.example' })).toBe('a.example, ID 3');
		expect(recordLabel({ id: 4 })).toBe('ID 4');
	});
});
