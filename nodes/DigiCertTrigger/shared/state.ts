import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../common/types';

/**
 * The trigger remembers what it has seen in the workflow's static data for the node (n8n stores it
 * with the workflow, so every worker and every restart sees the same), one entry per event:
 * `{ [event]: { v, ...state } }`. Nothing is kept in module memory.
 */

/** The layout of the stored state; another version counts as no state (the next poll records a new baseline). */
export const STATE_VERSION = 1;

/** The most records one event remembers, so the workflow's static data stays small (about 20 bytes each). */
export const MAX_REMEMBERED = 10_000;

/** The stored state of `event` as a plain copy (detached from n8n's change tracking), or undefined. */
export function readEventState(store: IDataObject, event: string): IDataObject | undefined {
	const stored = store[event];
	if (!isObject(stored) || stored.v !== STATE_VERSION) return undefined;
	return JSON.parse(JSON.stringify(stored)) as IDataObject;
}

/**
 * Stores the event's state and drops what other events left (the node watches one event at a
 * time). Writes only when something changed, so an idle poll does not make n8n save the workflow.
 * Returns whether it wrote.
 */
export function writeEventState(store: IDataObject, event: string, state: object): boolean {
	let changed = false;
	for (const key of Object.keys(store)) {
		if (key !== event) {
			delete store[key];
			changed = true;
		}
	}
	const next = { v: STATE_VERSION, ...state };
	if (JSON.stringify(store[event]) !== JSON.stringify(next)) {
		store[event] = next as IDataObject;
		changed = true;
	}
	return changed;
}

/** A record's numeric `id` (or `order_id`), or undefined when it has none. */
export function recordId(record: IDataObject, key = 'id'): number | undefined {
	const id = Number(record[key]);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/*
 * Reading the remembered state back: anything malformed (a hand-edited or corrupt workflow) makes
 * the whole state unreadable, so the poll starts a new baseline instead of acting on junk.
 */

/**
 * The record with the highest ID (`key`) among `records`, or undefined when none has one: "the
 * newest", without relying on the order DigiCert lists them in.
 */
export function newestById(records: IDataObject[], key = 'id'): IDataObject | undefined {
	let newest: IDataObject | undefined;
	for (const record of records) {
		const id = recordId(record, key);
		if (id !== undefined && (newest === undefined || id > recordId(newest, key)!)) newest = record;
	}
	return newest;
}

/** A DigiCert record ID: a whole number from 1. */
export const isRecordId = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** A map key that is a record ID (`"123"`). */
export const isIdKey = (key: string): boolean => /^[1-9]\d*$/.test(key) && isRecordId(Number(key));

/** A stored list of record IDs, or undefined when it is not one. */
export function idList(value: unknown): number[] | undefined {
	return Array.isArray(value) && value.every(isRecordId) ? value : undefined;
}

/** A stored map whose every key passes `isKey` and every value `isValue`, or undefined. */
export function checkedMap<V>(
	value: unknown,
	isKey: (key: string) => boolean,
	isValue: (value: unknown) => value is V,
): Record<string, V> | undefined {
	if (!isObject(value)) return undefined;
	const entries = Object.entries(value);
	return entries.every(([key, v]) => isKey(key) && isValue(v))
		? (Object.fromEntries(entries) as Record<string, V>)
		: undefined;
}
