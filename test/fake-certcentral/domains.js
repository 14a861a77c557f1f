// @ts-check
'use strict';
/**
 * The fake's domains and organizations with their validations (routes: routes/domains.js,
 * routes/organizations.js), in the shapes DigiCert documents (List domains, Domain info, List
 * organizations) and JupiterOne recorded from the real service: `validations[]` with
 * `validated_until` (a timestamp at midnight Mountain Time), a domain's `dcv_expiration {ov, ev}`
 * (the day, Mountain Time), and keys left out when there is nothing (a never-validated domain has no
 * `dcv_expiration`; an organization without validations no `validations`).
 *
 * Expiry dates are relative to the data's clock when built, spread across the audit thresholds:
 * today, exactly 30 days, 31 days, already lapsed, pending (no date), inactive records.
 */
const { DAY_MS, isoDate, isoTime, startOfDay } = require('./common');
const { mountainDay } = require('./queries');

/** Seed domains the tests name; generated ones follow from FIRST_GENERATED_DOMAIN_ID. */
const DOMAIN_IDS = {
	bothIn12: 1001,
	ovIn30: 1002,
	ovToday: 1003,
	pendingTxt: 1004,
	inactive: 1005,
	pendingCname: 1006,
	pendingHttp: 1007,
};
const FIRST_GENERATED_DOMAIN_ID = 2000001;
/** With the seeds, more than one page of 1000. */
const TOTAL_DOMAINS = 1200;
/** DigiCert's DCV reuse period since 24 February 2026 (its "Submit for validation" page). */
const DCV_REUSE_DAYS = 199;

const VALIDATION_NAMES = {
	ov: ['OV', 'Normal Organization Validation'],
	ev: ['EV', 'Extended Organization Validation (EV)'],
	cs: ['CS', 'Code Signing Validation'],
	ev_cs: ['EV CS', 'EV Code Signing Validation'],
};

/**
 * @param {() => number} now the data's clock
 * @param {{ organizations: Array<{id: number, name: string}>, containers: Array<{id: number, name: string}>, random: () => number }} context
 */
function buildDomainsAndOrganizations(
	now,
	{ organizations: baseOrganizations, containers, random },
) {
	const built = now();
	/** `validated_until` for a validation lapsing `days` from today: midnight Mountain Time (07:00 UTC). */
	const until = (/** @type {number} */ days) =>
		`${isoDate(startOfDay(built) + days * DAY_MS)}T07:00:00+00:00`;

	/**
	 * A validation entry: `days` until it lapses, or null for one still pending (no dates yet).
	 * @param {string} type @param {number | null} days
	 */
	function validation(type, days) {
		const [name, description] = VALIDATION_NAMES[
			/** @type {keyof typeof VALIDATION_NAMES} */ (type)
		] ?? [type.toUpperCase(), type];
		if (days === null) return { type, name, description, status: 'pending' };
		return {
			type,
			name,
			description,
			date_created: isoTime(Date.parse(until(days)) - DCV_REUSE_DAYS * DAY_MS),
			validated_until: until(days),
			status: days < 0 ? 'expired' : 'active',
		};
	}

	// ---- Organizations ----
	/** @type {Map<number, any>} */
	const organizations = new Map();
	/** @param {{id: number, name: string, status?: string, validations?: Record<string, number | null>, container?: {id: number, name: string}}} o */
	function addOrganization(o) {
		const container = o.container ?? containers[0];
		const organization = {
			id: o.id,
			status: o.status ?? 'active',
			name: o.name,
			display_name: o.name,
			is_active: (o.status ?? 'active') === 'active',
			address: '2801 N Thanksgiving Way',
			zip: '84043',
			city: 'Lehi',
			state: 'Utah',
			country: 'us',
			telephone: '801-701-9600',
			container: { id: container.id, parent_id: 0, name: container.name, is_active: true },
			validations: Object.entries(o.validations ?? {}).map(([type, days]) =>
				validation(type, days),
			),
		};
		organizations.set(o.id, organization);
		return organization;
	}
	const [first, second, third] = baseOrganizations;
	addOrganization({ ...first, validations: { ov: 5, ev: 45 } });
	addOrganization({ ...second, validations: { ov: 0, ev: -3 } });
	addOrganization({ ...third, validations: { ov: 30, ev: null, cs: 200 } });
	addOrganization({
		id: 112236,
		name: 'Fabrikam Inc.',
		status: 'inactive',
		validations: { ov: 2 },
	});
	addOrganization({ id: 112237, name: 'Northwind Traders' });
	addOrganization({ id: 112238, name: 'Tailspin Toys', validations: { ov: 31, ev: 90, cs: 10 } });
	for (let i = 0; i < 24; i++) {
		addOrganization({
			id: 112300 + i,
			name: `Generated Organization ${i + 1} LLC`,
			validations: {
				ov: 20 + ((i * 37) % 380),
				...(i % 3 === 0 ? { ev: 10 + ((i * 53) % 300) } : {}),
			},
			container: containers[i % containers.length],
		});
	}

	// ---- Domains ----
	/** @type {Map<number, any>} */
	const domains = new Map();
	/** Domains whose DCV record or file is in place: their next DCV check succeeds. */
	const dcvInPlace = new Set();

	/**
	 * @param {{id: number, name: string, organizationId?: number, active?: boolean, dcvMethod?: string,
	 *   ov?: number | null, ev?: number | null, containerId?: number}} d `ov`/`ev`: days until the DCV lapses, null = pending
	 */
	function addDomain(d) {
		const organization = organizations.get(d.organizationId ?? first.id);
		const container = containers.find((c) => c.id === d.containerId) ?? containers[0];
		const types = /** @type {Array<'ov' | 'ev'>} */ (['ov', 'ev']).filter(
			(t) => d[t] !== undefined,
		);
		const entries = types.map((t) => validation(t, /** @type {number | null} */ (d[t])));
		const validated = entries.filter((v) => v.validated_until);
		const domain = {
			id: d.id,
			is_active: d.active ?? true,
			name: d.name,
			date_created: isoTime(startOfDay(built) - 400 * DAY_MS + (d.id % 86400) * 1000),
			...(validated.length > 0
				? { dcv_approval_datetime: validated[0].date_created }
				: { last_submitted_datetime: isoTime(built - DAY_MS) }),
			organization: {
				id: organization.id,
				status: organization.status,
				name: organization.name,
				display_name: organization.display_name,
				is_active: '1',
			},
			validations: entries,
			dcv_method: d.dcvMethod ?? 'dns-txt-token',
			...(validated.length > 0
				? {
						dcv_expiration: Object.fromEntries(
							validated.map((v) => [
								v.type,
								/** @type {string} */ (v.validated_until).slice(0, 10),
							]),
						),
					}
				: {}),
			container: { id: container.id, name: container.name },
			dcv_token: {
				token: `${d.id.toString(36)}k9x${(d.id * 7919).toString(36)}`,
				status: validated.length > 0 ? 'active' : 'pending',
				expiration_date: isoTime(built + 30 * DAY_MS),
			},
		};
		domains.set(d.id, domain);
		return domain;
	}

	addDomain({ id: DOMAIN_IDS.bothIn12, name: 'example.com', ov: 12, ev: 12 });
	addDomain({
		id: DOMAIN_IDS.ovIn30,
		name: 'example.net',
		ov: 30,
		ev: 60,
		organizationId: second.id,
	});
	addDomain({
		id: DOMAIN_IDS.ovToday,
		name: 'example.org',
		ov: 0,
		ev: -2,
		organizationId: third.id,
	});
	addDomain({
		id: DOMAIN_IDS.pendingTxt,
		name: 'contoso.com',
		ov: null,
		ev: null,
		organizationId: third.id,
	});
	addDomain({ id: DOMAIN_IDS.inactive, name: 'fabrikam.io', active: false, ov: 3 });
	addDomain({
		id: DOMAIN_IDS.pendingCname,
		name: 'pending-cname.example.com',
		ov: null,
		dcvMethod: 'dns-cname-token',
	});
	addDomain({
		id: DOMAIN_IDS.pendingHttp,
		name: 'pending-http.example.com',
		ov: null,
		dcvMethod: 'http-token',
	});
	const suffixes = ['example.com', 'example.net', 'contoso.com', 'fabrikam.io', 'northwind.test'];
	const methods = ['dns-txt-token', 'dns-cname-token', 'http-token', 'email'];
	for (let i = 0; domains.size < TOTAL_DOMAINS; i++) {
		const r = random();
		// ~12% lapse within 30 days, ~4% already lapsed, ~4% never validated, ~3% inactive, the rest later.
		const ov =
			r < 0.04
				? null
				: r < 0.08
					? -1 - Math.floor(random() * 60)
					: r < 0.2
						? Math.floor(random() * 31)
						: 31 + Math.floor(random() * (DCV_REUSE_DAYS - 31));
		addDomain({
			id: FIRST_GENERATED_DOMAIN_ID + i,
			name: `d${i}.${suffixes[i % suffixes.length]}`,
			active: random() >= 0.03,
			ov,
			...(i % 4 === 0 ? { ev: ov } : {}),
			dcvMethod: methods[i % methods.length],
			organizationId: baseOrganizations[i % baseOrganizations.length].id,
			containerId: containers[i % containers.length].id,
		});
	}

	/** A domain's DCV succeeds: its validations run DCV_REUSE_DAYS from today. */
	function completeDcv(/** @type {any} */ domain) {
		const time = now();
		const validatedUntil = `${isoDate(startOfDay(time) + DCV_REUSE_DAYS * DAY_MS)}T07:00:00+00:00`;
		for (const v of domain.validations)
			Object.assign(v, {
				date_created: isoTime(time),
				validated_until: validatedUntil,
				status: 'active',
			});
		domain.dcv_expiration = Object.fromEntries(
			domain.validations.map((/** @type {any} */ v) => [v.type, validatedUntil.slice(0, 10)]),
		);
		domain.dcv_approval_datetime = isoTime(time);
		domain.dcv_token.status = 'active';
	}

	return {
		domains,
		organizations,
		dcvInPlace,
		completeDcv,
		addDomain,
		addOrganization,
		/** The DNS record or file of a pending domain is now in place: its next DCV check succeeds. */
		placeDcvRecord(/** @type {number} */ id) {
			dcvInPlace.add(id);
		},
		/**
		 * A domain's DCV (`type`) lapses at the instant `time` (ISO, UTC): its validation's
		 * `validated_until`, and the Mountain-Time day in `dcv_expiration`, as DigiCert writes them.
		 * @param {number} id @param {string} type @param {string} time
		 */
		setDcvExpiryTime(id, type, time) {
			const domain = domains.get(id);
			if (!domain) throw new Error(`fake: no domain ${id}`);
			const entry = domain.validations.find((/** @type {any} */ v) => v.type === type);
			if (!entry) throw new Error(`fake: domain ${id} has no ${type} validation`);
			Object.assign(entry, { validated_until: time, status: 'active' });
			domain.dcv_expiration = { ...domain.dcv_expiration, [type]: mountainDay(Date.parse(time)) };
			return domain;
		},
		/**
		 * DigiCert cut the reuse period of a domain's DCV (`type`, OV as in 2021 and 2026): it now lapses
		 * at `time` (ISO, UTC), earlier than `dcv_expiration` says; only List domains'
		 * `filters[include_validation_reuse_status]=true` shows it (`<type>_shortened`).
		 * @param {number} id @param {string} type @param {string} time
		 */
		shortenReuse(id, type, time) {
			const domain = domains.get(id);
			if (!domain) throw new Error(`fake: no domain ${id}`);
			domain.shortened = { ...domain.shortened, [type]: time };
			return domain;
		},
		/**
		 * Moves when a validation lapses: `days` from the clock's today (the DCV reuse date of a domain,
		 * `validated_until` of an organization's validation).
		 * @param {'domain' | 'organization'} kind @param {number} id @param {string} type @param {number} days
		 */
		setValidationExpiry(kind, id, type, days) {
			const record = (kind === 'domain' ? domains : organizations).get(id);
			if (!record) throw new Error(`fake: no ${kind} ${id}`);
			const validatedUntil = `${isoDate(startOfDay(now()) + days * DAY_MS)}T07:00:00+00:00`;
			const entry =
				record.validations.find((/** @type {any} */ v) => v.type === type) ??
				record.validations[record.validations.push({ ...validation(type, 0) }) - 1];
			Object.assign(entry, {
				validated_until: validatedUntil,
				status: days < 0 ? 'expired' : 'active',
			});
			if (kind === 'domain')
				record.dcv_expiration = { ...record.dcv_expiration, [type]: validatedUntil.slice(0, 10) };
			return record;
		},
	};
}

module.exports = {
	buildDomainsAndOrganizations,
	DOMAIN_IDS,
	FIRST_GENERATED_DOMAIN_ID,
	TOTAL_DOMAINS,
	DCV_REUSE_DAYS,
};
