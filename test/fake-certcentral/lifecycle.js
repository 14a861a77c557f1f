// @ts-check
'use strict';
/**
 * The fake's lifecycle calls: order, reissue, duplicate, revoke, cancel, each as
 * DigiCert's pages describe it (see docs/api-coverage.md); their routes are in routes/orders.js
 * and routes/certificates.js. With state: a reissue or duplicate
 * creates a request and a pending certificate that becomes issued (with a new certificate ID)
 * once its request is approved; a revoke either revokes at once (skip_approval, 204) or creates a
 * revoke request (201) that revokes when approved; a cancel moves a pending order to canceled.
 * Error codes DigiCert does not document are marked [U].
 */

const {
	DAY_MS,
	assumed,
	errorAnswer,
	isoDate,
	isoTime,
	notFound,
	startOfDay,
} = require('./common');
const { refuseCertValidity, refusePlan } = require('./productCatalogue');

/** Public TLS certificates issued from 15 March 2026 live at most 199 days (DigiCert's pages). */
const MAX_VALIDITY_DAYS = 199;
const REVOCATION_REASONS = [
	'unspecified',
	'key_compromise',
	'affiliation_changed',
	'superseded',
	'cessation_of_operation',
];
const PAYMENT_METHODS = ['balance', 'card', 'profile'];
const SIGNATURE_HASHES = ['sha256', 'sha384', 'sha512'];
/** The most names (common name and SANs) on one certificate: 250 (DigiCert's multi-domain products). */
const MAX_NAMES = 250;
/** Private, loopback and link-local addresses, which no public certificate holds (IPv4 and the usual IPv6 forms). */
const PRIVATE_IP =
	/^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{0,2}:|fe[89ab][0-9a-f]?:)/i;
const CSR_PEM =
	/^-----BEGIN (NEW )?CERTIFICATE REQUEST-----[A-Za-z0-9+/=\s]+-----END (NEW )?CERTIFICATE REQUEST-----\s*$/;
const isObject = (/** @type {unknown} */ v) =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
/** The validation a product needs: DV products have no organization. */
const validationOf = (/** @type {string} */ nameId) =>
	/(^|_)dv(_|$)/.test(nameId) ? 'dv' : /(^|_)ev(_|$)/.test(nameId) ? 'ev' : 'ov';

/** The day a plan of `years` from the day of `now` ends (undefined without years). */
const planEnd = (/** @type {number | undefined} */ years, /** @type {number} */ now) => {
	if (years === undefined) return undefined;
	const end = new Date(now);
	end.setUTCFullYear(end.getUTCFullYear() + years);
	return isoDate(end.getTime());
};

/**
 * The handlers of the lifecycle calls, on `data` (one instance per data: they share the IDs they give out).
 * @param {any} data the fake's data (store, organizations, orderDcv)
 */
function buildLifecycle(data) {
	const { orders, duplicates, reissues, requestEffects: effects } = data;
	/** IDs for the certificates these calls create, above every generated one. */
	let nextCertificateId = 40000001;

	/** Issue details for a certificate issued now: until `validTill` (a duplicate keeps the order's end), else the longest validity. */
	function issuedFields(/** @type {number} */ id, /** @type {string | undefined} */ validTill) {
		const now = data.now();
		const cap = isoDate(startOfDay(now) + MAX_VALIDITY_DAYS * DAY_MS);
		return {
			status: 'issued',
			date_issued: isoTime(now),
			valid_from: isoDate(startOfDay(now)),
			valid_till: validTill ?? cap,
			thumbprint: id.toString(16).toUpperCase().padStart(40, '3'),
			serial_number: (id * 7919).toString(16).toUpperCase().padStart(32, '0'),
		};
	}

	/**
	 * The certificate a reissue or duplicate creates, pending until its request is processed; `own`
	 * holds the fields only that kind lists (a reissue's receipt, a duplicate's sub ID).
	 * @param {number} id @param {object} certificate @param {object} own @returns {Record<string, any>}
	 */
	function pendingCertificate(id, certificate, own) {
		return {
			id,
			...certificate,
			status: 'pending',
			date_created: isoTime(data.now()),
			key_size: 2048,
			server_platform: { id: -1, name: 'OTHER' },
			...own,
			user_id: data.user.id,
			firstname: data.user.first_name,
			lastname: data.user.last_name,
		};
	}

	/** A request on an order, shaped like DigiCert's request info, with what approving it does. */
	function addRequest(
		/** @type {any} */ order,
		/** @type {string} */ type,
		/** @type {string} */ comments,
		/** @type {(status: string) => void} */ effect,
	) {
		const request = data.addRequest({ type, status: 'pending', orderId: order.id, comments });
		request.requester = data.user
			? {
					id: data.user.id,
					first_name: data.user.first_name,
					last_name: data.user.last_name,
					email: data.user.email,
				}
			: request.requester;
		effects.set(request.id, effect);
		return request;
	}

	/** The `certificate` object of a reissue or duplicate body, or the error answer. */
	function readCertificate(/** @type {any} */ body, /** @type {any} */ order) {
		if (!isObject(body) || !isObject(body.certificate))
			return {
				error: errorAnswer(
					400,
					'bad_request_format',
					'The request body must have a certificate object.',
				),
			};
		const c = body.certificate;
		if (typeof c.csr !== 'string' || !CSR_PEM.test(c.csr))
			return {
				error: errorAnswer(400, 'csr_invalid_cannot_parse', 'The CSR could not be parsed.'),
			};
		if (c.common_name !== undefined && typeof c.common_name !== 'string')
			return { error: errorAnswer(400, 'invalid_common_name', 'common_name must be a string.') }; // [U]
		if (
			c.dns_names !== undefined &&
			(!Array.isArray(c.dns_names) ||
				!c.dns_names.every((/** @type {unknown} */ n) => typeof n === 'string'))
		) {
			return {
				error: errorAnswer(400, 'invalid_dns_names', 'dns_names must be a list of strings.'),
			}; // [U]
		}
		const names = new Set([c.common_name, ...(c.dns_names ?? [])].filter(Boolean));
		if (names.size > MAX_NAMES)
			return {
				error: assumed(
					'too many names: code not documented',
					errorAnswer(400, 'invalid_dns_names', `A certificate holds at most ${MAX_NAMES} names.`),
				),
			};
		const privateIp = (c.dns_names ?? []).find((/** @type {string} */ n) => PRIVATE_IP.test(n));
		if (privateIp !== undefined)
			return {
				error: assumed(
					'private IP SAN: code not documented',
					errorAnswer(
						400,
						'invalid_dns_names',
						`${privateIp} is a private IP address; public certificates hold public IP addresses only.`,
					),
				),
			};
		if (c.signature_hash !== undefined && !SIGNATURE_HASHES.includes(c.signature_hash)) {
			return {
				error: errorAnswer(
					400,
					'invalid_signature_hash',
					`signature_hash must be one of ${SIGNATURE_HASHES.join(', ')}.`,
				),
			}; // [U]
		}
		return {
			certificate: {
				common_name: c.common_name ?? order?.certificate.common_name,
				dns_names: c.dns_names ?? order?.certificate.dns_names ?? [],
				csr: c.csr,
				signature_hash: c.signature_hash ?? order?.certificate.signature_hash ?? 'sha256',
			},
		};
	}

	/**
	 * The `certificate.*` fields DigiCert's page marks required that the body leaves out, as its
	 * answer: "Missing required parameter: certificate.common_name" (the code is ASSUMED: `missing_param`).
	 */
	function missingRequired(/** @type {any} */ body, /** @type {string[]} */ fields) {
		const certificate = isObject(body) && isObject(body.certificate) ? body.certificate : {};
		const missing = fields.find(
			(field) =>
				certificate[field] === undefined ||
				certificate[field] === null ||
				certificate[field] === '',
		);
		return missing === undefined
			? undefined
			: assumed(
					'missing required field: code not documented',
					errorAnswer(400, 'missing_param', `Missing required parameter: certificate.${missing}`),
				);
	}

	const orderFor = (/** @type {string} */ id) => orders.get(Number(id));
	const notFoundOrder = () => notFound('order');
	const requestAnswer = (
		/** @type {any} */ order,
		/** @type {any} */ request,
		/** @type {number | undefined} */ certificateId,
		/** @type {object} */ dcvFields = {},
	) => ({
		status: 201,
		body: {
			id: order.id,
			requests: [{ id: request.id, status: request.status }],
			...(certificateId !== undefined ? { certificate_id: certificateId } : {}),
			...dcvFields,
		},
	});
	/** The names of a certificate body, for its DCV. */
	const namesOf = (/** @type {any} */ c) => [...new Set([c.common_name, ...(c.dns_names ?? [])])];
	/** skip_approval: the request is approved at once (the fake's key is an admin's). */
	const approveIfSkipped = (/** @type {any} */ body, /** @type {any} */ request) => {
		if (isObject(body) && body.skip_approval === true)
			data.setRequestStatus(request.id, 'approved', { comment: 'skip_approval' });
	};

	/** Reissue and duplicate both need an issued order and a validity inside the order's: the error answer, if any. */
	function refuseUnlessIssued(
		/** @type {any} */ order,
		/** @type {any} */ body,
		/** @type {string} */ done,
	) {
		if (order.status !== 'issued')
			return errorAnswer(
				400,
				'invalid_order_status',
				`Order ${order.id} cannot be ${done}: its status is ${order.status}.`,
			); // [U]
		return refuseCertValidity(body.certificate, data.now(), order.order_valid_till);
	}

	/** Reissue: POST /order/certificate/{id}/reissue → 201 {id, requests}; the order is reissue_pending until the request is processed. */
	function reissue(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFoundOrder();
		// The page: common_name is required for public (and private) TLS reissues.
		const missing = missingRequired(req.body, ['common_name']);
		if (missing) return missing;
		const read = readCertificate(req.body, order);
		if ('error' in read) return read.error;
		if (order.status === 'reissue_pending')
			return errorAnswer(
				400,
				'reissue_pending',
				`Order ${order.id} already has a pending reissue.`,
			); // [U]
		const refused = refuseUnlessIssued(order, req.body, 'reissued');
		if (refused) return refused;
		const reissueNames = namesOf(read.certificate);
		const dcvMethod = data.orderDcv.readMethod(req.body, order.product.name_id, reissueNames);
		if ('error' in dcvMethod) return dcvMethod.error;
		const id = nextCertificateId++;
		const certificate = pendingCertificate(id, read.certificate, { receipt_id: id });
		reissues.set(order.id, [...(reissues.get(order.id) ?? []), certificate]);
		data.setOrderStatus(order.id, 'reissue_pending');
		const dcvFields = dcvMethod.method
			? data.orderDcv.start(order, dcvMethod.method, reissueNames)
			: {};
		const request = addRequest(order, 'reissue', req.body.comments ?? '', (status) => {
			if (status === 'approved') data.orderDcv.whenValidated(order, () => issueReissue(status));
			else issueReissue(status);
		});
		/** What processing the reissue request does (once approved and, with a token method, validated). */
		function issueReissue(/** @type {string} */ status) {
			if (status === 'approved') {
				Object.assign(certificate, issuedFields(id, undefined));
				order.certificate = {
					...order.certificate,
					id,
					common_name: certificate.common_name,
					dns_names: certificate.dns_names,
					csr: certificate.csr,
					signature_hash: certificate.signature_hash,
					thumbprint: certificate.thumbprint,
					serial_number: certificate.serial_number,
					valid_from: certificate.valid_from,
					valid_till: certificate.valid_till,
				};
			} else {
				certificate.status = 'rejected';
			}
			data.setOrderStatus(order.id, 'issued');
		}
		approveIfSkipped(req.body, request);
		return requestAnswer(
			order,
			request,
			certificate.status === 'issued' ? id : undefined,
			dcvFields,
		);
	}

	/** Duplicate: POST /order/certificate/{id}/duplicate → 201 {id, requests}; the duplicate shares the order's end date. */
	function duplicate(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFoundOrder();
		// The page marks certificate.common_name, .csr and .signature_hash required.
		const missing = missingRequired(req.body, ['common_name', 'signature_hash']);
		if (missing) return missing;
		const read = readCertificate(req.body, order);
		if ('error' in read) return read.error;
		const refused = refuseUnlessIssued(order, req.body, 'duplicated');
		if (refused) return refused;
		const id = nextCertificateId++;
		const certificate = pendingCertificate(id, read.certificate, {
			ca_cert_id: '1005',
			sub_id: String(id % 1000),
			archived: '0',
		});
		duplicates.set(order.id, [...(duplicates.get(order.id) ?? []), certificate]);
		const request = addRequest(order, 'duplicate', req.body.comments ?? '', (status) => {
			if (status === 'approved') {
				Object.assign(certificate, issuedFields(id, order.certificate.valid_till));
				order.has_duplicates = true;
			} else {
				certificate.status = 'rejected';
			}
		});
		approveIfSkipped(req.body, request);
		return requestAnswer(order, request, certificate.status === 'issued' ? id : undefined);
	}

	/** The revocation body's checks, or the error answer. */
	function readRevocation(/** @type {any} */ body) {
		if (body !== undefined && !isObject(body))
			return errorAnswer(400, 'bad_request_format', 'The request body is not valid JSON.');
		const reason = body?.revocation_reason;
		if (reason !== undefined && !REVOCATION_REASONS.includes(reason)) {
			return errorAnswer(
				400,
				'invalid_revocation_reason',
				`revocation_reason must be one of ${REVOCATION_REASONS.join(', ')}.`,
			); // [U]
		}
		return undefined;
	}

	/** 204 when revoked at once (skip_approval), else 201 with the revoke request. */
	function revokeAnswer(
		/** @type {any} */ order,
		/** @type {any} */ body,
		/** @type {() => void} */ revoke,
	) {
		if (body?.skip_approval === true) {
			revoke();
			return { status: 204 };
		}
		const request = addRequest(order, 'revoke', body?.comments ?? '', (status) => {
			if (status === 'approved') revoke();
		});
		return {
			status: 201,
			body: {
				id: request.id,
				date: request.date,
				type: 'revoke',
				status: 'pending',
				requester: request.requester,
				comments: request.comments,
			},
		};
	}

	/** Every certificate of an order: its own, its duplicates and its reissues. */
	const certificatesOf = (/** @type {any} */ order) => [
		order.certificate,
		...(duplicates.get(order.id) ?? []),
		...(reissues.get(order.id) ?? []),
	];

	/** Revoke order certificates: PUT /order/certificate/{id}/revoke — the order and all its certificates. */
	function revokeOrder(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFoundOrder();
		const invalid = readRevocation(req.body);
		if (invalid) return invalid;
		if (order.status !== 'issued')
			return errorAnswer(
				400,
				'invalid_order_status',
				`Order ${order.id} cannot be revoked: its status is ${order.status}.`,
			); // [U]
		return revokeAnswer(order, req.body, () => {
			for (const certificate of certificatesOf(order))
				if (certificate.status === 'issued') certificate.status = 'revoked';
			order.revocation_reason = req.body?.revocation_reason;
			data.setOrderStatus(order.id, 'revoked');
		});
	}

	/** The order and certificate a certificate ID or serial number names. */
	function findCertificate(/** @type {string} */ identifier) {
		// Digits alone (no leading zero, at most 15) are an ID; anything else is a serial number.
		const byId = /^[1-9]\d{0,14}$/.test(identifier) ? Number(identifier) : undefined;
		const serial = identifier.toUpperCase();
		for (const order of orders.values()) {
			for (const certificate of certificatesOf(order)) {
				if (certificate.id === byId || (byId === undefined && certificate.serial_number === serial))
					return { order, certificate };
			}
		}
		return undefined;
	}

	/**
	 * Revoke certificate: PUT /certificate/{id or serial}/revoke. DigiCert's default: revoking the
	 * order's only certificate leaves the order active (its certificate is revoked; an account
	 * preference, `data.revokeOrderWithLastCertificate`, revokes the order too); a duplicate or reissue
	 * only itself.
	 */
	function revokeCertificate(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const found = findCertificate(m[1]);
		if (!found) return errorAnswer(404, 'not_found|certificate', 'Certificate not found.'); // [U] code
		const { order, certificate } = found;
		const invalid = readRevocation(req.body);
		if (invalid) return invalid;
		if (order.status === 'reissue_pending') {
			return errorAnswer(
				400,
				'reissue_pending',
				'Certificates with a pending reissue cannot be revoked: cancel the reissue or wait until it is complete.',
			); // page's rule, code [U]
		}
		const primary = certificate === order.certificate;
		const status = primary && certificate.status !== 'revoked' ? order.status : certificate.status;
		if (status !== 'issued')
			return errorAnswer(
				400,
				'invalid_certificate_status',
				`Certificate ${certificate.id} cannot be revoked: its status is ${status}.`,
			); // [U]
		return revokeAnswer(order, req.body, () => {
			certificate.status = 'revoked';
			if (primary && data.revokeOrderWithLastCertificate) data.setOrderStatus(order.id, 'revoked');
		});
	}

	/**
	 * Update order status (cancel): PUT /order/certificate/{id}/status {status: "canceled", note} → 204.
	 * A pending or waiting_pickup order is canceled; a pending reissue is canceled (the order is
	 * issued again and the reissue request rejected, with the note as its processor_comment).
	 */
	function updateStatus(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFoundOrder();
		const body = req.body;
		if (!isObject(body))
			return errorAnswer(400, 'bad_request_format', 'The request body is not valid JSON.');
		if (body.status !== 'canceled' && body.status !== 'CANCELED')
			return errorAnswer(400, 'invalid_status', 'status must be canceled.'); // [U]
		if (typeof body.note !== 'string' || body.note.trim() === '')
			return errorAnswer(400, 'invalid_note', 'A note is required to cancel an order.'); // [U]
		const open = order.requests.filter(
			(/** @type {any} */ r) => r.status === 'pending' || r.status === 'submitted',
		);
		if (order.status === 'reissue_pending') {
			for (const r of open.filter((/** @type {any} */ r) => r.type === 'reissue'))
				data.setRequestStatus(r.id, 'rejected', { comment: body.note });
			return { status: 204 };
		}
		if (order.status !== 'pending' && order.status !== 'waiting_pickup') {
			return errorAnswer(
				400,
				'invalid_order_status',
				`Order ${order.id} cannot be canceled: its status is ${order.status}; only pending or waiting_pickup orders can be.`,
			); // [U]
		}
		for (const r of open) {
			effects.delete(r.id);
			data.setRequestStatus(r.id, 'rejected', { comment: body.note });
		}
		data.setOrderStatus(order.id, 'canceled');
		return { status: 204 };
	}

	/**
	 * Order a certificate: POST /order/certificate/{product_name_id} → 201 {id, requests}; the order
	 * is pending with a pending new_request. Approving it issues the order at once (the fake has no
	 * domain or organization validation).
	 */
	function create(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const product = data.productCatalogue.find((/** @type {any} */ p) => p.name_id === m[1]);
		if (!product) return errorAnswer(404, 'not_found|product', 'Product not found.');
		const read = readCertificate(req.body, undefined);
		if ('error' in read) return read.error;
		const body = req.body;
		if (typeof read.certificate.common_name !== 'string' || read.certificate.common_name === '') {
			return errorAnswer(400, 'invalid_common_name', 'certificate.common_name is required.'); // [U]
		}
		const needsOrganization = validationOf(product.name_id) !== 'dv';
		const organization = data.organizations.get(body.organization?.id);
		if (needsOrganization && !organization)
			return errorAnswer(
				400,
				'invalid_organization',
				'organization.id must be an organization of the account.',
			); // [U]
		// "card" pays with the card given in the order (credit_card{…}); without it DigiCert cannot charge.
		if (body.payment_method === 'card' && !isObject(body.credit_card))
			return errorAnswer(400, 'missing_param', 'Missing required parameter: credit_card'); // code [U]
		if (body.payment_method !== undefined && !PAYMENT_METHODS.includes(body.payment_method)) {
			return errorAnswer(
				400,
				'invalid_payment_method',
				`payment_method must be one of ${PAYMENT_METHODS.join(', ')}.`,
			); // [U]
		}
		const years = body.order_validity?.years ?? body.validity_years;
		const endDate = body.order_validity?.custom_expiration_date ?? body.custom_expiration_date;
		if (years === undefined && endDate === undefined)
			return errorAnswer(400, 'invalid_validity', 'order_validity is required.'); // [U]
		if (years !== undefined && (!Number.isInteger(years) || years < 1 || years > 3))
			return errorAnswer(400, 'invalid_validity', 'order_validity.years must be 1, 2 or 3.'); // [U]
		if (
			endDate !== undefined &&
			(typeof endDate !== 'string' ||
				!/^\d{4}-\d{2}-\d{2}$/.test(endDate) ||
				endDate <= isoDate(data.now()))
		) {
			return errorAnswer(
				400,
				'invalid_validity',
				'custom_expiration_date must be a future date (YYYY-MM-DD).',
			); // [U]
		}
		const refused =
			refusePlan(product, body) ??
			refuseCertValidity(body.certificate, data.now(), endDate ?? planEnd(years, data.now()));
		if (refused) return refused;
		// renewal_of_order_id: an order of the account, of the same product [A: codes; that a renewal
		// must be of the same product is DigiCert's rule for renewals, the refusal's shape is not shown].
		const renewed =
			body.renewal_of_order_id === undefined ? undefined : orders.get(body.renewal_of_order_id);
		if (body.renewal_of_order_id !== undefined && !renewed)
			return errorAnswer(
				400,
				'invalid_renewal_of_order_id',
				`Order ${body.renewal_of_order_id} is not an order of this account.`,
			);
		if (renewed && renewed.product.name_id !== product.name_id)
			return errorAnswer(
				400,
				'renewal_product_mismatch',
				`Order ${renewed.id} is a ${renewed.product.name_id} order: a renewal must be of the same product.`,
			);
		const dcvMethod = data.orderDcv.readMethod(body, product.name_id, namesOf(read.certificate));
		if ('error' in dcvMethod) return dcvMethod.error;
		const container = data.containers.find((/** @type {any} */ c) => c.id === body.container?.id);
		if (body.container !== undefined && !container)
			return errorAnswer(
				400,
				'invalid_container',
				'container.id must be a container of the account.',
			); // [U]
		const order = data.addOrder({
			status: 'pending',
			commonName: read.certificate.common_name,
			productNameId: product.name_id,
			containerId: container?.id,
		});
		Object.assign(order.certificate, {
			dns_names:
				read.certificate.dns_names.length > 0
					? read.certificate.dns_names
					: [read.certificate.common_name],
			csr: read.certificate.csr,
			signature_hash: read.certificate.signature_hash,
		});
		order.product = { name_id: product.name_id, name: product.name, type: product.type };
		if (organization)
			order.organization = { ...order.organization, id: organization.id, name: organization.name };
		order.payment_method = body.payment_method ?? 'balance';
		if (renewed) {
			// [A] DigiCert marks the renewed order when the renewal is placed.
			renewed.is_renewed = true;
			Object.assign(order, { is_renewal: true, renewed_order_id: renewed.id });
		}
		if (typeof body.comments === 'string') order.comments = body.comments;
		const dcvFields = dcvMethod.method
			? data.orderDcv.start(order, dcvMethod.method, namesOf(order.certificate))
			: {};
		const request = addRequest(order, 'new_request', body.comments ?? '', (status) => {
			if (status === 'approved')
				data.orderDcv.whenValidated(order, () =>
					data.setOrderStatus(order.id, 'issued', { validDays: MAX_VALIDITY_DAYS }),
				);
			else data.setOrderStatus(order.id, 'rejected');
		});
		approveIfSkipped(body, request);
		return requestAnswer(
			order,
			request,
			order.status === 'issued' ? order.certificate.id : undefined,
			dcvFields,
		);
	}

	return { reissue, duplicate, revokeOrder, updateStatus, revokeCertificate, create };
}

module.exports = { buildLifecycle };
