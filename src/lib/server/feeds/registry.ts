// Adding and removing feeds (issue 18), the same for `npm run feeds -- add` and the form on
// /impor/sumber: each input checked with a message for its field, the URL checked against
// private networks unless allowed (address.ts), the shape and column map checked as the
// importer will read them. A new feed is due at once: its first pull comes at the next tick.
import type { Db } from '../db';
import { deleteFeed, getFeedByName, insertFeed, type FeedRow } from '../db/feeds';
import { FieldError } from '../errors';
import { parseColumnMap, SHAPES, ShapeError } from '../ingest/shapes';
import { AddressError, checkFeedUrl, type Resolver } from './address';
import { parseEvery } from './schedule';

export interface NewFeed {
	name: string;
	url: string;
	/** "1w" (default), "1d", "12h"… */
	every?: string;
	/** A shape id, or "auto"/empty to recognise it from the header. */
	source?: string;
	map?: string;
	allowPrivate?: boolean;
}

/** What a checked feed is saved with. */
export type FeedValues = Pick<FeedRow, 'name' | 'url' | 'everySeconds' | 'source' | 'map' | 'allowPrivate'>;

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** Shapes a feed may name (companion files are read with their main file, never alone). */
export function feedShapeIds(): string[] {
	return SHAPES.filter((s) => s.kind !== 'companion').map((s) => s.id);
}

/** Checks a new feed; throws FieldError (field: nama, alamat, jadwal, bentuk, peta). */
export async function checkNewFeed(db: Db, input: NewFeed, resolve?: Resolver): Promise<FeedValues> {
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (!name) throw new FieldError('nama', 'Beri nama sumber, misalnya "Ekspor sambal mingguan".');
	if (name.length > 60) throw new FieldError('nama', 'Nama sumber terlalu panjang (paling banyak 60 huruf).');
	if (!NAME.test(name)) throw new FieldError('nama', 'Nama sumber hanya boleh huruf, angka, spasi, titik, garis bawah dan tanda hubung.');
	if ((await getFeedByName(db, name))) throw new FieldError('nama', `Nama sumber "${name}" sudah dipakai. Pilih nama lain.`);
	const every = parseEvery(input.every?.trim() || '1w');
	if ('problem' in every) throw new FieldError('jadwal', every.problem);
	const source = input.source?.trim() && input.source.trim() !== 'auto' ? input.source.trim() : null;
	if (source && !feedShapeIds().includes(source)) {
		throw new FieldError('bentuk', `Bentuk sumber "${source}" tidak dikenal. Pilih salah satu: auto, ${feedShapeIds().join(', ')}.`);
	}
	const map = input.map?.trim() || null;
	if (map) {
		try {
			parseColumnMap(map);
		} catch (e) {
			if (e instanceof ShapeError) throw new FieldError('peta', e.messageId);
			throw e;
		}
	}
	const allowPrivate = input.allowPrivate === true;
	let url: URL;
	try {
		url = await checkFeedUrl(input.url, { allowPrivate, resolve });
	} catch (e) {
		if (e instanceof AddressError) throw new FieldError('alamat', e.message);
		throw e;
	}
	return { name, url: url.href, everySeconds: every.seconds, source, map, allowPrivate };
}

/** Adds a feed (checked); its first pull is due now. */
export async function addFeed(db: Db, input: NewFeed, opts: { now?: Date; resolve?: Resolver } = {}): Promise<FeedRow> {
	const values = await checkNewFeed(db, input, opts.resolve);
	const at = (opts.now ?? new Date()).toISOString();
	// Checked again inside the insert's moment: two forms sent at once must not both pass.
	if ((await getFeedByName(db, values.name))) throw new FieldError('nama', `Nama sumber "${values.name}" sudah dipakai. Pilih nama lain.`);
	return insertFeed(db, { ...values, createdAt: at, nextRunAt: at });
}

/** Removes a feed and its pull history (the batches it imported stay). */
export async function removeFeed(db: Db, id: number): Promise<boolean> {
	return await deleteFeed(db, id);
}
