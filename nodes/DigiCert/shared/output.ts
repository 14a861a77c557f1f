import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { daysRemaining } from '../../common/expiry';
import { isObject } from '../../common/types';
import { quoteValue } from '../../common/inputChecks';
import { fromVersion1_1 } from './versions';

/**
 * What the read operations output: DigiCert's raw objects (typeVersion 1, or Simplify off), or the
 * fields a workflow uses (Simplify, on by default from typeVersion 1.1, as n8n's guidelines ask for
 * outputs of more than 10 fields). As an AI tool the node offers n8n's Output option instead:
 * Simplified, Raw or Selected Fields.
 */

/** How an operation's items become simplified ones. */
export type Simplifier = (raw: IDataObject, now: number) => IDataObject;

const object = (value: unknown): IDataObject => (isObject(value) ? value : {});
const present = (entries: IDataObject): IDataObject =>
	Object.fromEntries(
		Object.entries(entries).filter(
			([, value]) => value !== undefined && value !== null && value !== '',
		),
	);

function remainingDays(
	certificate: IDataObject,
	raw: IDataObject,
	now: number,
): number | undefined {
	if (typeof raw.days_remaining === 'number') return raw.days_remaining;
	const validTill = certificate.valid_till;
	return typeof validTill === 'string' && /^\d{4}-\d{2}-\d{2}/.test(validTill)
		? daysRemaining(validTill, now)
		: undefined;
}

/** An order (full, or as lists give it): id, common name, DNS names, status, validity, serial, product, organization, division, and the certificate lists an Include option added. */
export const simplifyOrder: Simplifier = (raw, now) => {
	const certificate = object(raw.certificate);
	const organization = object(raw.organization);
	return present({
		id: raw.id,
		common_name: certificate.common_name,
		dns_names: certificate.dns_names,
		status: raw.status,
		valid_till: certificate.valid_till,
		days_remaining: remainingDays(certificate, raw, now),
		// Reissue (the plan still runs) or renew: the plan's end, and whether it was renewed or reissues itself.
		order_valid_till: raw.order_valid_till,
		is_renewed: raw.is_renewed,
		auto_reissue: raw.auto_reissue,
		serial_number: certificate.serial_number,
		certificate_id: certificate.id,
		product: object(raw.product).name ?? raw.product_name_id,
		organization: organization.display_name ?? organization.name,
		division: object(raw.container).name,
		// Asked for with Get Many Orders' Include options: what the user turned on stays.
		duplicate_certificates: raw.duplicate_certificates,
		reissued_certificates: raw.reissued_certificates,
	});
};

/** A request: id, status, type, date, what it is for (order, common name, product, organization, division) and who asked. */
export const simplifyRequest: Simplifier = (raw) => {
	const order = object(raw.order);
	const certificate = object(order.certificate);
	const requester = object(raw.requester);
	const name = [requester.first_name, requester.last_name]
		.filter((part) => typeof part === 'string' && part !== '')
		.join(' ');
	return present({
		id: raw.id,
		status: raw.status,
		type: raw.type,
		date: raw.date,
		order_id: order.id,
		common_name: certificate.common_name,
		dns_names: certificate.dns_names,
		product: object(order.product).name,
		organization: object(order.organization).display_name ?? object(order.organization).name,
		division: object(order.container).name,
		requester: name || undefined,
		requester_email: requester.email,
		comments: raw.comments,
	});
};

export type OutputMode = 'simple' | 'raw' | 'fields';
export interface OutputChoice {
	mode: OutputMode;
	/** For `fields`: dot paths into DigiCert's object, e.g. `certificate.common_name`. */
	fields: string[];
}

/**
 * The output parameters an operation with a simplifier gets from typeVersion 1.1 on: Simplify for
 * workflows, n8n's Output option (and its field list) when the node is an AI tool.
 */
export function outputProperties(noun: string): INodeProperties[] {
	return [
		fromVersion1_1({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '@tool': [false] } },
			description: `Whether to return the fields a workflow usually needs instead of DigiCert's full ${noun}`,
		}),
		fromVersion1_1({
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simple',
			displayOptions: { show: { '@tool': [true] } },
			options: [
				{
					name: 'Simplified',
					value: 'simple',
					description: 'ID, common name, status, validity and a few more',
				},
				{ name: 'Raw', value: 'raw', description: `DigiCert's full ${noun}` },
				{ name: 'Selected Fields', value: 'fields', description: 'Only the fields listed below' },
			],
		}),
		fromVersion1_1({
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. status, certificate.common_name',
			displayOptions: { show: { '@tool': [true], output: ['fields'] } },
			description: `Comma-separated fields of DigiCert's ${noun} to return; dots reach into nested ones`,
		}),
	];
}

/**
 * The output wanted for one item: typeVersion 1 (no such parameters) gets DigiCert's raw objects,
 * as before; a tool's Output option wins over Simplify.
 */
export function readOutputChoice(read: <T>(name: string, fallback?: T) => T): OutputChoice {
	const output = read<unknown>('output', '');
	if (output !== undefined && output !== null && output !== '') {
		if (output !== 'simple' && output !== 'raw' && output !== 'fields') {
			throw new Error(`Output must be simple, raw or fields, but it is ${quoteValue(output)}`);
		}
		const listed = read<unknown>('fields', '');
		if (typeof listed !== 'string')
			throw new Error(`Fields must be text like "id, status", but it is ${quoteValue(listed)}`);
		const fields = listed
			.split(',')
			.map((f) => f.trim())
			.filter((f) => f !== '');
		if (output === 'fields' && fields.length === 0)
			throw new Error('Fields is empty: list the fields to return, e.g. id, status');
		return { mode: output, fields };
	}
	const simplify = read<unknown>('simplify', false);
	return { mode: simplify === true || simplify === 'true' ? 'simple' : 'raw', fields: [] };
}

function pick(raw: IDataObject, paths: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const path of paths) {
		let value: unknown = raw;
		for (const key of path.split('.'))
			value =
				isObject(value) && Object.prototype.hasOwnProperty.call(value, key)
					? value[key]
					: undefined;
		if (value !== undefined) picked[path] = value as IDataObject[string];
	}
	return picked;
}

/** One output object in the chosen shape. */
export function shapeOutput(
	raw: IDataObject,
	choice: OutputChoice,
	simplify: Simplifier,
	now: number,
): IDataObject {
	if (choice.mode === 'raw') return raw;
	if (choice.mode === 'fields') return pick(raw, choice.fields);
	return simplify(raw, now);
}
