import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { assertFutureDay, assertOneOf } from '../../common/certificateInput';
import { clock } from '../../common/clock';
import { daysLater, daysRemaining, isoDay } from '../../common/expiry';
import { assertWholeNumber } from '../../common/inputChecks';
import type { DigiCertRequest, DigiCertResponse } from '../../common/types';
import { isObject } from '../../common/types';
import type { DigiCertOperation } from './operation';
import { UnexpectedAnswerError } from './operation';

/**
 * Certificate Validity: a certificate shorter than its order (plan), sent as
 * `certificate.cert_validity` (`{days}` or `{valid_till}`) on Create, Reissue and Duplicate, and
 * checked before sending against the longest life a public TLS certificate may have on the day
 * (the node's clock) and against the order's end.
 */

/**
 * The longest public TLS certificate DigiCert issues, by the day it is issued (UTC). DigiCert's
 * order pages: 397 days, then 199 from 24 February 2026 (CA/B Forum SC-081: 200 from 15 March
 * 2026), and "by 2029 … 46 days" (SC-081: 47 from 15 March 2029). The 99 from 15 March 2027
 * (SC-081: 100) is assumed to follow the same one-day margin.
 */
const MAX_CERTIFICATE_DAYS: ReadonlyArray<{ from: string; days: number }> = [
	{ from: '2029-03-15', days: 46 },
	{ from: '2027-03-15', days: 99 },
	{ from: '2026-02-24', days: 199 },
	{ from: '0000-01-01', days: 397 },
];

/** The longest certificate, in days, DigiCert issues on the day of `now`. */
export function maxCertificateDays(now: number): number {
	const today = isoDay(now);
	return MAX_CERTIFICATE_DAYS.find((rule) => today >= rule.from)!.days;
}

/** The Certificate Validity option of Create, Reissue and Duplicate (in their Options). */
export const certificateValidityOption: INodeProperties = {
	displayName: 'Certificate Validity',
	name: 'certificateValidity',
	type: 'fixedCollection',
	placeholder: 'Set Certificate Validity',
	default: {},
	description:
		"A certificate shorter than the order's plan, in days or until a date. At most 199 days for public TLS since 24 February 2026 (99 from 15 March 2027, 46 from 15 March 2029), and not past the order's end. By default DigiCert's longest.",
	options: [
		{
			displayName: 'Validity',
			name: 'validity',
			values: [
				{
					displayName: 'Set By',
					name: 'unit',
					type: 'options',
					options: [
						{ name: 'Days', value: 'days', description: 'A number of days from issuance' },
						{ name: 'End Date', value: 'validTill', description: 'The day the certificate ends' },
					],
					default: 'days',
				},
				{
					displayName: 'Days',
					name: 'days',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 90,
					displayOptions: { show: { unit: ['days'] } },
					description: 'How many days the certificate is valid',
				},
				{
					displayName: 'End Date',
					name: 'validTill',
					type: 'dateTime',
					default: '',
					displayOptions: { show: { unit: ['validTill'] } },
					description: 'The last day the certificate is valid; must be after today',
				},
			],
		},
	],
};

type CertValidity = { days: number } | { valid_till: string };

/**
 * `cert_validity` from the option's value (`{validity: {unit, days, validTill}}`), or undefined when
 * not set. Refuses a length longer than DigiCert issues on the day of `now`, or an end date not in
 * the future; the message says what to set.
 */
export function readCertificateValidity(
	value: unknown,
	now = clock.now(),
): CertValidity | undefined {
	if (value === undefined || value === null) return undefined;
	const validity = isObject(value) ? value.validity : undefined;
	if (validity === undefined || (isObject(validity) && Object.keys(validity).length === 0))
		return undefined;
	if (!isObject(validity))
		throw new Error('Certificate Validity must be set by Days or by End Date');
	const unit = assertOneOf(
		validity.unit ?? 'days',
		['days', 'validTill'] as const,
		'Certificate Validity › Set By',
	);
	const max = maxCertificateDays(now);
	const rule = `DigiCert issues public TLS certificates of at most ${max} days on ${isoDay(now)}`;
	if (unit === 'days') {
		const days = assertWholeNumber(validity.days ?? 90, 'Certificate Validity › Days', { min: 1 });
		if (days > max)
			throw new Error(
				`Certificate Validity › Days is ${days}, but ${rule}: set ${max} days or fewer`,
			);
		return { days };
	}
	const validTill = assertFutureDay(validity.validTill, 'Certificate Validity › End Date', now);
	const days = daysRemaining(validTill, now);
	if (days > max)
		throw new Error(
			`Certificate Validity › End Date ${validTill} is ${days} days away, but ${rule}: set an end date on or before ${daysLater(max, now)}`,
		);
	return { valid_till: validTill };
}

/** The day a certificate of `validity` ends if issued on the day of `now`. */
function certificateEnd(validity: CertValidity, now = clock.now()): string {
	if ('valid_till' in validity) return validity.valid_till;
	return daysLater(validity.days, now);
}

/**
 * Refuses a certificate that would outlive its order: `orderEnd` is the order's last day
 * (YYYY-MM-DD); `what` names the request in the message ("reissue of order 12").
 */
export function assertWithinOrder(
	validity: CertValidity,
	orderEnd: string,
	what: string,
	now = clock.now(),
): void {
	const end = certificateEnd(validity, now);
	if (end > orderEnd)
		throw new Error(
			`Certificate Validity ends ${end}, after the order's end ${orderEnd}: a certificate cannot outlive its order. Set a shorter Certificate Validity for the ${what}, or none (DigiCert then ends it with the order).`,
		);
}

/**
 * Reissue or Duplicate with Certificate Validity: the option joins the operation's Options, its value
 * goes into `certificate.cert_validity`, and before the change is sent the order is read (one GET)
 * to refuse a certificate that would outlive it (`order_valid_till`).
 */
export function withCertificateValidity<P extends { orderId: number; body: IDataObject }>(
	operation: DigiCertOperation<P>,
	verb: 'reissue' | 'duplicate',
): DigiCertOperation<P> {
	const properties = operation.properties.map((property) =>
		property.name === 'options' && property.type === 'collection'
			? {
					...property,
					options: [...(property.options as INodeProperties[]), certificateValidityOption].sort(
						(a, b) => a.displayName.localeCompare(b.displayName),
					),
				}
			: property,
	);
	return {
		...operation,
		properties,
		readParameters(read, node) {
			const parameters = operation.readParameters(read, node);
			const options = read<IDataObject>('options', {}) ?? {};
			const validity = readCertificateValidity(options.certificateValidity);
			if (validity === undefined) return parameters;
			const certificate = { ...(parameters.body.certificate as IDataObject) };
			certificate.cert_validity = validity;
			return { ...parameters, body: { ...parameters.body, certificate } };
		},
		async prepare(parameters, sendOnce, run) {
			// The order is read at most once, whether the operation or this check asks for it first.
			const answers = new Map<string, Promise<DigiCertResponse>>();
			const send = (request: DigiCertRequest) => {
				if (request.method !== 'GET') return sendOnce(request);
				const key = `${request.path}?${JSON.stringify(request.qs ?? {})}`;
				if (!answers.has(key)) answers.set(key, sendOnce(request));
				return answers.get(key)!;
			};
			const completed = operation.prepare
				? await operation.prepare(parameters, send, run)
				: parameters;
			const certificate = completed.body.certificate as IDataObject;
			const validity = certificate.cert_validity as CertValidity | undefined;
			if (validity === undefined) return completed;
			const { orderId } = completed;
			const answer = await send({
				method: 'GET',
				path: `/order/certificate/${orderId}`,
				subject: `Order ${orderId}`,
			});
			if (!isObject(answer.body)) throw new UnexpectedAnswerError();
			const orderEnd = answer.body.order_valid_till;
			// Without the order's end DigiCert decides (it shortens a certificate to the order's end).
			if (typeof orderEnd === 'string' && /^\d{4}-\d{2}-\d{2}/.test(orderEnd))
				assertWithinOrder(validity, orderEnd.slice(0, 10), `${verb} of order ${orderId}`);
			return completed;
		},
	};
}
