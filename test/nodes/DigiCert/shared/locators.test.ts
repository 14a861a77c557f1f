import type { INodeProperties } from 'n8n-workflow';

import {
	CERTIFICATE,
	DOMAIN,
	ORDER,
	REQUEST,
	certificateIdProperty,
	locatorId,
	orderIdProperty,
	pageUrl,
	pageUrlPattern,
	requestIdProperty,
	urlFormatMessage,
} from '../../../../nodes/DigiCert/shared/locators';
import { formIn } from '../../../../nodes/DigiCert/shared/versions';

const orderUrl = new RegExp(pageUrlPattern('orders'));
const requestUrl = new RegExp(pageUrlPattern('requests'));
const rl = (mode: string, value: unknown) => ({ __rl: true, mode, value });

describe('CertCentral page URLs', () => {
	it.each([
		['https://www.digicert.com/secure/orders/#12345678', '12345678'],
		['https://www.digicert.com/secure/orders/#/12345678', '12345678'],
		['https://www.digicert.com/secure/orders#12345678', '12345678'],
		['https://www.digicert.com/secure/orders/12345678', '12345678'],
		['https://www.digicert.com/secure/orders/12345678/details', '12345678'],
		['https://www.digicert.com/secure/orders/?status=issued#12345678', '12345678'],
		['https://certcentral.digicert.eu/secure/orders/#87654321', '87654321'],
		['https://certcentral.digicert.eu/secure/orders/87654321?tab=certificate', '87654321'],
	])('takes the order ID from %s', (url, id) => {
		expect(orderUrl.exec(url)?.[1]).toBe(id);
	});

	it.each([
		'http://www.digicert.com/secure/orders/#12345678', // not https
		'https://www.digicert.com.evil.example/secure/orders/#12345678', // not CertCentral's host
		'https://evil.example/?https://www.digicert.com/secure/orders/#12345678',
		'https://digicert.com/secure/orders/#12345678', // CertCentral is www.digicert.com
		'https://www.digicert.com/secure/orders12345678',
		'https://www.digicert.com/secure/requests/#198', // a request, not an order
		'https://www.digicert.com/secure/orders/', // no ID
		'https://www.digicert.com/secure/orders/#abc',
		'https://www.digicert.com/secure/orders/#123 456',
		' 12345678',
	])('refuses %s as an order URL', (url) => {
		expect(orderUrl.test(url)).toBe(false);
	});

	it('takes a request ID from the Requests page link, not from the page that orders certificates', () => {
		expect(
			requestUrl.exec('https://www.digicert.com/secure/requests/?status=pending#198')?.[1],
		).toBe('198');
		expect(requestUrl.exec('https://www.digicert.com/secure/requests/198')?.[1]).toBe('198');
		expect(
			requestUrl.test('https://www.digicert.com/secure/requests/ssl_certificate/ssl_plus'),
		).toBe(false);
	});

	it('links each list entry to a page the URL mode accepts', () => {
		expect(orderUrl.exec(pageUrl('www.digicert.com', 'orders', 42))?.[1]).toBe('42');
		expect(requestUrl.exec(pageUrl('certcentral.digicert.eu', 'requests', 7))?.[1]).toBe('7');
	});
});

describe('ID fields', () => {
	it.each([
		[ORDER, orderIdProperty('d')],
		[REQUEST, requestIdProperty('d')],
	])(
		'$displayName: a locator From List (default), By URL and By ID in 1.1; a text field in typeVersion 1',
		(kind, property) => {
			expect(property).toMatchObject({
				name: kind.name,
				type: 'resourceLocator',
				required: true,
				default: { mode: 'list', value: '' },
			});
			expect(property.modes?.map((m) => m.name)).toEqual(['list', 'url', 'id']);
			expect(property.modes?.[0].typeOptions).toEqual({
				searchListMethod: kind.searchMethod,
				searchable: true,
			});
			expect(formIn(property, 1)).toEqual({
				displayName: kind.displayName,
				name: kind.name,
				type: 'string',
				required: true,
				default: '',
				placeholder: `e.g. ${kind.exampleId}`,
				description: 'd',
			});
		},
	);

	it('Certificate has no URL mode: CertCentral shows a certificate on its order page', () => {
		expect(certificateIdProperty('d').modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(CERTIFICATE.pageSegment).toBeUndefined();
		expect(DOMAIN.pageSegment).toBe('domains');
	});

	it("explains the URL format in n8n's own validation, with US and EU examples that pass it", () => {
		const url = orderIdProperty('d').modes!.find((m) => m.name === 'url')!;
		const validation = url.validation![0] as unknown as {
			properties: { regex: string; errorMessage: string };
		};
		expect(validation.properties.errorMessage).toBe(urlFormatMessage(ORDER));
		for (const example of validation.properties.errorMessage.match(/https:\S+/g)!) {
			expect(new RegExp(validation.properties.regex).test(example)).toBe(true);
		}
		expect(url.extractValue).toEqual({ type: 'regex', regex: validation.properties.regex });
	});

	it("ID mode's editor check accepts what the operation accepts", () => {
		const id = orderIdProperty('d').modes!.find((m) => m.name === 'id')!;
		const regex = new RegExp(
			(id.validation![0] as unknown as { properties: { regex: string } }).properties.regex,
		);
		expect(['12345678', ' 42 ', '1'].every((v) => regex.test(v))).toBe(true);
		expect(['0', '12ab', '-1', '1.5', ''].some((v) => regex.test(v))).toBe(false);
	});
});

describe('locatorId', () => {
	const order: INodeProperties = orderIdProperty('d');

	it('gives the ID of the list and ID modes as it is (the operation validates it)', () => {
		expect(locatorId(rl('list', '12345678'), order)).toBe('12345678');
		expect(locatorId(rl('id', 12345678), order)).toBe(12345678);
		expect(locatorId(rl('id', '12ab'), order)).toBe('12ab');
	});

	it('takes the ID out of a CertCentral URL', () => {
		expect(
			locatorId(rl('url', ' https://certcentral.digicert.eu/secure/orders/#87654321 '), order),
		).toBe('87654321');
	});

	it('refuses a URL that is not an order page, saying what one looks like', () => {
		expect(() => locatorId(rl('url', 'https://example.com/secure/orders/#1'), order)).toThrow(
			`${urlFormatMessage(ORDER)}; it is "https://example.com/secure/orders/#1"`,
		);
		expect(() => locatorId(rl('url', 12345678), order)).toThrow('Not a CertCentral order URL');
	});

	it('refuses an unknown mode', () => {
		expect(() => locatorId(rl('name', 'x'), order)).toThrow(
			'Order has an unknown mode "name"; use one of list, url, id',
		);
	});

	it("passes typeVersion 1's plain values (and whole-parameter expressions) through", () => {
		expect(locatorId('12345678', order)).toBe('12345678');
		expect(locatorId(42, order)).toBe(42);
		expect(locatorId({ mode: 'url', value: 'x' }, order)).toEqual({ mode: 'url', value: 'x' });
	});
});
