// @ts-check
'use strict';
/**
 * The fake's product catalogue: the account's products, shaped as DigiCert's product list and product
 * info show them (routes/products.js answers them), and the rules an order is held to:
 * a product of the account, a plan length (`order_validity`) its info allows, and a certificate
 * validity (`certificate.cert_validity`) no longer than DigiCert issues on the day nor than the order.
 * Pages: Product list https://dev.digicert.com/certcentral-apis/services-api/products/product-list.html,
 * Product info https://dev.digicert.com/en/certcentral-apis/services-api/products/product-info.html,
 * Errors https://dev.digicert.com/en/certcentral-apis/services-api/errors.html (`not_found|product`),
 * "End of 4-6 year Multi-year Plans" (`invalid_value:<unit>`, "<unit> contains an invalid value.").
 */
const { DAY_MS, assumed, errorAnswer, isoDate, startOfDay } = require('./common');

const SHA2 = {
	allowed_hash_types: [
		{ id: 'sha256', name: 'SHA-256' },
		{ id: 'sha384', name: 'SHA-384' },
		{ id: 'sha512', name: 'SHA-512' },
	],
	default_hash_type_id: 'sha256',
};

/**
 * One product as Product info answers: the list's fields (group_name, name_id, name, type,
 * allowed_container_ids, allowed_validity_years, allowed_order_validity_years, signature_hash_types,
 * csr_required) and the info's (validation_type, duplicates_allowed, custom_order_expiration_date_allowed…).
 */
function product(
	/** @type {string} */ nameId,
	/** @type {string} */ name,
	/** @type {string} */ validation,
	/** @type {number[]} */ orderYears,
	/** @type {boolean} */ customEndDate,
	group = 'ssl_certificate',
) {
	return {
		group_name: group,
		name_id: nameId,
		name,
		type: group,
		validation_type: validation,
		duplicates_allowed: group === 'ssl_certificate',
		allowed_container_ids: [5, 6, 7, 8],
		allowed_validity_years: [1],
		allowed_order_validity_years: orderYears,
		custom_order_expiration_date_allowed: customEndDate,
		additional_dns_names_allowed: true,
		signature_hash_types: SHA2,
		csr_required: group === 'ssl_certificate',
	};
}

/** Fields Product info has and the list does not show (the list example stops at csr_required). */
const INFO_ONLY = ['validation_type', 'duplicates_allowed', 'additional_dns_names_allowed'];

/**
 * The account's products: the current TLS IDs (this account has Multi-year Plans for OV and EV; its
 * DV products are one-year only), three replaced products it still holds orders of, and a code
 * signing product (not TLS). A test may change an entry (e.g. `allowed_order_validity_years`).
 */
function seedProductCatalogue() {
	return [
		product('ssl_basic', 'Basic OV', 'OV', [1, 2, 3], true),
		product('ssl_ev_basic', 'Basic EV', 'EV', [1, 2, 3], true),
		product('ssl_securesite_flex', 'Secure Site OV', 'OV', [1, 2, 3], true),
		product('ssl_securesite_pro', 'Secure Site Pro OV', 'OV', [1, 2, 3], true),
		product('ssl_ev_securesite_flex', 'Secure Site EV', 'EV', [1, 2, 3], true),
		product('ssl_ev_securesite_pro', 'Secure Site Pro EV', 'EV', [1, 2, 3], true),
		product('ssl_dv_geotrust_flex', 'GeoTrust DV SSL', 'DV', [1], false),
		product('ssl_dv_rapidssl', 'RapidSSL Standard DV', 'DV', [1], false),
		product('wildcard_dv_rapidssl', 'RapidSSL Wildcard DV', 'DV', [1], false),
		product('ssl_plus', 'Standard SSL', 'OV', [1, 2, 3], true),
		product('ssl_dv_geotrust', 'GeoTrust Standard DV', 'DV', [1], false),
		product('ssl_cloud_wildcard', 'Wildcard SSL', 'OV', [1, 2, 3], true),
		product('code_signing', 'Code Signing', 'CS', [1, 2, 3], false, 'code_signing_certificate'),
	];
}

/**
 * The longest public TLS certificate DigiCert issues on a day: 397 days, 199 from 24 Feb 2026
 * (DigiCert's order pages), 99 from 15 Mar 2027 [ASSUMED: a day under SC-081's 100, as 199 and 46
 * are], 46 from 15 Mar 2029 ("by 2029 … 46 days").
 */
function maxCertificateDays(/** @type {number} */ now) {
	const today = isoDate(now);
	if (today >= '2029-03-15') return 46;
	if (today >= '2027-03-15') return 99;
	if (today >= '2026-02-24') return 199;
	return 397;
}

/** DigiCert's refusal of a validity value (the "End of 4-6 year Multi-year Plans" page's shape). */
const invalidValue = (/** @type {string} */ unit) =>
	errorAnswer(400, `invalid_value:${unit}`, `${unit} contains an invalid value.`);

/**
 * The refusal of an order's plan its product's info does not allow, or undefined. [ASSUMED: the page
 * documents this code for plans over 3 years; the same refusal for years the account's product does
 * not list.]
 */
function refusePlan(/** @type {any} */ product, /** @type {any} */ body) {
	// A division's own settings count for an order placed in it (see routes/products.js).
	const info = { ...product, ...(product.byContainer?.[String(body.container?.id)] ?? {}) };
	const years = body.order_validity?.years ?? body.validity_years;
	if (years !== undefined && !info.allowed_order_validity_years.includes(years))
		return assumed('years the product does not list', invalidValue('validity_years'));
	const endDate = body.order_validity?.custom_expiration_date ?? body.custom_expiration_date;
	if (endDate !== undefined && info.custom_order_expiration_date_allowed === false)
		return assumed('end date the product does not allow', invalidValue('custom_expiration_date'));
	return undefined;
}

/**
 * The refusal of a `certificate.cert_validity` ({days} or {valid_till}) longer than DigiCert issues
 * on the day, not in the future, or past `orderEnd` (YYYY-MM-DD), or undefined. [ASSUMED: the code,
 * on the pattern of `invalid_value:validity_days`; DigiCert's pages say a certificate cannot exceed
 * the industry's maximum and a reissue is "shortened … to the time that remains on the order".]
 */
function refuseCertValidity(
	/** @type {any} */ certificate,
	/** @type {number} */ now,
	/** @type {string | undefined} */ orderEnd,
) {
	const validity = certificate?.cert_validity;
	if (validity === undefined) return undefined;
	const today = startOfDay(now);
	let end;
	if (validity?.days !== undefined) {
		if (
			!Number.isInteger(validity.days) ||
			validity.days < 1 ||
			validity.days > maxCertificateDays(now)
		)
			return assumed('cert_validity code', invalidValue('cert_validity.days'));
		end = isoDate(today + validity.days * DAY_MS);
	} else if (
		typeof validity?.valid_till === 'string' &&
		/^\d{4}-\d{2}-\d{2}$/.test(validity.valid_till)
	) {
		end = validity.valid_till;
		const days = Math.round((Date.parse(`${end}T00:00:00Z`) - today) / DAY_MS);
		if (days < 1 || days > maxCertificateDays(now))
			return assumed('cert_validity code', invalidValue('cert_validity.valid_till'));
	} else {
		return assumed('cert_validity code', invalidValue('cert_validity'));
	}
	if (orderEnd !== undefined && end > orderEnd)
		return assumed('cert_validity past the order', invalidValue('cert_validity'));
	return undefined;
}

module.exports = {
	INFO_ONLY,
	seedProductCatalogue,
	maxCertificateDays,
	refusePlan,
	refuseCertValidity,
};
