import type { IDataObject } from 'n8n-workflow';

/**
 * The account's TLS products as DigiCert lists them (`GET /product`, `GET /product/{name_id}`): which
 * Create offers to new nodes, how a product reads in the list, and the plan lengths a product's
 * info allows.
 */

/**
 * Product IDs DigiCert replaced (Standard SSL → Basic OV or Secure Site, EV SSL → Basic EV, GeoTrust DV
 * → GeoTrust DV flex…): not offered to new nodes; nodes saved with one keep it.
 */
const REPLACED_PRODUCT_IDS: readonly string[] = [
	'ssl_plus',
	'ssl_multi_domain',
	'ssl_wildcard',
	'ssl_ev_plus',
	'ssl_ev_multi_domain',
	'ssl_dv_geotrust',
	'wildcard_dv_geotrust',
];

/**
 * DV products (DigiCert's product identifiers): they name no organization. Create hides the
 * Organization field for them; for a product not listed here it is sent when given.
 */
export const DV_PRODUCT_IDS: readonly string[] = [
	'ssl_dv_geotrust',
	'ssl_dv_geotrust_flex',
	'ssl_dv_rapidssl',
	'wildcard_dv_geotrust',
	'wildcard_dv_rapidssl',
	'cloud_dv_geotrust',
	'ssl_dv_rapidssl_flex',
];

/** OV and EV products Create knows; any other product ID is ordered as the account's info says. */
export const OV_EV_PRODUCT_IDS: readonly string[] = [
	'ssl_basic',
	'ssl_ev_basic',
	'ssl_securesite_flex',
	'ssl_securesite_pro',
	'ssl_ev_securesite_flex',
	'ssl_ev_securesite_pro',
	'ssl_plus',
	'ssl_multi_domain',
	'ssl_wildcard',
	'ssl_ev_plus',
	'ssl_ev_multi_domain',
];

/** Whether a list entry of `GET /product` is a TLS product a new node may order. */
export function isOfferedTlsProduct(product: IDataObject): boolean {
	const group = product.group_name ?? product.type;
	return (
		group === 'ssl_certificate' &&
		typeof product.name_id === 'string' &&
		!REPLACED_PRODUCT_IDS.includes(product.name_id)
	);
}

/** Numbers from a list DigiCert may write as numbers or as text (`["1"]` in one example). */
function numbers(value: unknown): number[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const list = value.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
	return list.length > 0 ? [...new Set(list)].sort((a, b) => a - b) : undefined;
}

/** The plan lengths (years) a product allows, from its list entry or info; undefined when not said. */
function allowedPlanYears(product: IDataObject): number[] | undefined {
	return numbers(product.allowed_order_validity_years);
}

/**
 * Whether a product allows a custom order end date; undefined when its info does not say. DigiCert's
 * change log names `custom_order_expiration_date_allowed`; Product info (and Keyfactor's client) has
 * `custom_expiration_date_allowed`: either is read.
 */
function customEndDateAllowed(product: IDataObject): boolean | undefined {
	const allowed =
		product.custom_order_expiration_date_allowed ?? product.custom_expiration_date_allowed;
	return typeof allowed === 'boolean' ? allowed : undefined;
}

const plural = (n: number) => `${n} year${n === 1 ? '' : 's'}`;

/** How a product reads in Create's list: "Basic OV — ssl_basic, plans of 1, 2 or 3 years". */
export function productListName(product: IDataObject): string {
	const id = String(product.name_id);
	const name = typeof product.name === 'string' && product.name !== '' ? product.name : id;
	const years = allowedPlanYears(product);
	const plans =
		years === undefined
			? ''
			: `, plans of ${years.length === 1 ? plural(years[0]) : `${years.slice(0, -1).join(', ')} or ${plural(years[years.length - 1])}`}`;
	const endDate = customEndDateAllowed(product) === true ? ', or until a date' : '';
	return `${name} — ${id}${plans}${endDate}`;
}

/**
 * Refuses an order validity the product's info does not allow (`order_validity` as Create sends it);
 * a product whose info does not say lets DigiCert decide. The message says what to set instead.
 */
export function assertPlanAllowed(
	productId: string,
	info: IDataObject,
	orderValidity: IDataObject,
): void {
	if (typeof orderValidity.years === 'number') {
		const years = allowedPlanYears(info);
		if (years !== undefined && !years.includes(orderValidity.years)) {
			const multiYear =
				orderValidity.years > 1
					? ' Plans over one year need Multi-year Plans on the account (DigiCert offers them only to some accounts since February 2026).'
					: '';
			throw new Error(
				`Product ${productId} allows plans of ${years.join(', ')} year(s) on this account, not ${plural(orderValidity.years)}.${multiYear} Set Years to ${years.join(' or ')}; nothing was ordered.`,
			);
		}
	}
	if (orderValidity.custom_expiration_date !== undefined && customEndDateAllowed(info) === false)
		throw new Error(
			`Product ${productId} does not allow an order end date on this account: set Validity to Years; nothing was ordered.`,
		);
}
