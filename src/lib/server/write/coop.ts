// What a co-op changes in its plan with plain forms: its settings (lead time, market share, run
// length, buying time) and each member product's bill of materials (what one unit takes: "1 pot
// = 2 kg tanah liat + 0,1 kg glasir"). The parsers check the form values and answer in
// Indonesian, so the page can send them back with fail(422).
import type { Actor } from '../auth/actor';
import { coopFor } from '../auth/access';
import type { Db } from '../db';
import { saveBom, saveCoopSettings, type BomRow, type CoopSettings } from '../db/coop';

export const MAX_BOM_ROWS = 12;
const MAX_TEXT = 40;

/** "0,1" and "0.1" are both a tenth; "1.000" (Indonesian thousands) is a thousand. */
export function parseAmount(raw: string): number | null {
	const s = raw.trim().replace(/\s/g, '');
	if (!s) return null;
	let normal: string;
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normal = s.replace(/\./g, '').replace(',', '.');
	else if (/^\d+(,\d+)?$/.test(s)) normal = s.replace(',', '.');
	else if (/^\d*\.\d+$|^\d+$/.test(s)) normal = s;
	else return null;
	const n = Number(normal);
	return Number.isFinite(n) ? n : null;
}

export type BomParse = { ok: true; rows: BomRow[] } | { ok: false; message: string };

/**
 * Rows from parallel form fields (material[], quantity[], unit[]). A row with an empty material
 * is dropped (that is how a row is removed); a row with a material needs a positive amount and a unit.
 */
export function parseBomRows(materials: string[], quantities: string[], units: string[]): BomParse {
	const rows: BomRow[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < materials.length; i++) {
		const material = (materials[i] ?? '').trim().replace(/\s+/g, ' ');
		const rawQty = (quantities[i] ?? '').trim();
		const unit = (units[i] ?? '').trim().replace(/\s+/g, ' ');
		if (!material) {
			if (rawQty || unit) return { ok: false, message: `Baris ${i + 1}: isi nama bahan, atau kosongkan seluruh baris.` };
			continue;
		}
		if (material.length > MAX_TEXT) return { ok: false, message: `Baris ${i + 1}: nama bahan terlalu panjang (paling banyak ${MAX_TEXT} huruf).` };
		const quantity = parseAmount(rawQty);
		if (quantity === null || quantity <= 0) return { ok: false, message: `Baris ${i + 1}: jumlah ${material} harus angka lebih dari 0, misalnya 2 atau 0,1.` };
		if (quantity > 100_000) return { ok: false, message: `Baris ${i + 1}: jumlah ${material} terlalu besar.` };
		if (!unit) return { ok: false, message: `Baris ${i + 1}: isi satuan untuk ${material}, misalnya kg atau meter.` };
		if (unit.length > 20) return { ok: false, message: `Baris ${i + 1}: satuan terlalu panjang.` };
		const key = material.toLowerCase();
		if (seen.has(key)) return { ok: false, message: `${material} ditulis dua kali. Gabungkan jadi satu baris.` };
		seen.add(key);
		rows.push({ material, quantity, unit });
	}
	if (rows.length > MAX_BOM_ROWS) return { ok: false, message: `Paling banyak ${MAX_BOM_ROWS} bahan per produk.` };
	return { ok: true, rows };
}

export type SettingsParse = { ok: true; settings: CoopSettings } | { ok: false; message: string };

/** Form values → settings, or the first problem in plain Indonesian. */
export function parseSettings(raw: { leadTimeWeeks: string; marketSharePct: string; runWeeks: string; buyDaysBefore: string }): SettingsParse {
	const lead = parseAmount(raw.leadTimeWeeks);
	if (lead === null || !Number.isInteger(lead) || lead < 0 || lead > 8) return { ok: false, message: 'Lama produksi harus 0 sampai 8 minggu.' };
	const share = parseAmount(raw.marketSharePct);
	if (share === null || share <= 0 || share > 100) return { ok: false, message: 'Bagian pasar harus lebih dari 0 dan paling banyak 100.' };
	const run = parseAmount(raw.runWeeks);
	if (run === null || !Number.isInteger(run) || run < 1 || run > 8) return { ok: false, message: 'Satu kali produksi untuk 1 sampai 8 minggu penjualan.' };
	const buy = parseAmount(raw.buyDaysBefore);
	if (buy === null || !Number.isInteger(buy) || buy < 0 || buy > 28) return { ok: false, message: 'Waktu beli bahan harus 0 sampai 28 hari sebelum produksi.' };
	return { ok: true, settings: { leadTimeWeeks: lead, marketSharePct: share, runWeeks: run, buyDaysBefore: buy } };
}

/**
 * Saves the plan settings of the co-op an actor works for (coopFor decides which, once: a co-op
 * its own, admin the one asked for). `ok: false` carries the first problem with the form values.
 */
export function saveCoopSettingsFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	raw: { leadTimeWeeks: string; marketSharePct: string; runWeeks: string; buyDaysBefore: string }
): SettingsParse {
	const coop = coopFor(db, actor, asked);
	const parsed = parseSettings(raw);
	if (parsed.ok) saveCoopSettings(db, coop.id, parsed.settings);
	return parsed;
}

export type BomSave = { ok: true; rows: BomRow[] } | { ok: false; notMember?: true; message: string };

/** Replaces a member product's bill of materials, for the co-op an actor works for. */
export function saveBomFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	productId: number,
	form: { materials: string[]; quantities: string[]; units: string[] }
): BomSave {
	const coop = coopFor(db, actor, asked);
	const member =
		Number.isInteger(productId) &&
		db.$client.prepare('select 1 from products p join memberships m on m.producer_id = p.producer_id where p.id = ? and m.cooperative_id = ?').get(productId, coop.id);
	if (!member) return { ok: false, notMember: true, message: 'Produk ini bukan milik anggota koperasi.' };
	const parsed = parseBomRows(form.materials, form.quantities, form.units);
	if (parsed.ok) saveBom(db, productId, parsed.rows);
	return parsed;
}
