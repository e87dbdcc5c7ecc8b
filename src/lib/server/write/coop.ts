// What a co-op changes in its plan with plain forms: its settings (lead time, market share, buying
// time), each member product's bill of materials (what one unit takes: "1 pot = 2 kg tanah liat
// + 0,1 kg glasir"), each member product's capacity and set share, how it buys each material
// (karung of 50 kg), and a season plan it saves to hold against the recorded sales later. The parsers check the form values and answer in
// Indonesian, so the page can send them back with fail(422).
import type { Actor } from '../auth/actor';
import { coopFor } from '../auth/access';
import type { Db } from '../db';
import { isMemberProduct, productNames } from '../db/queries/write/coop';
import {
	getCoopSettings,
	insertSavedPlan,
	saveBom,
	saveCoopSettings,
	saveMemberPlanSettings,
	savePurchaseUnits,
	type BomRow,
	type CoopSettings,
	type MemberPlanSetting,
	type PurchaseUnit,
	type SavedPlanLine
} from '../db/coop';

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

/**
 * Form values → settings, or the first problem in plain Indonesian. `runWeeks` (weeks of sales one
 * run covered, before season plans) is kept as stored when the form does not send it.
 */
export function parseSettings(raw: { leadTimeWeeks: string; marketSharePct: string; runWeeks?: string; buyDaysBefore: string }, current?: CoopSettings): SettingsParse {
	const lead = parseAmount(raw.leadTimeWeeks);
	if (lead === null || !Number.isInteger(lead) || lead < 0 || lead > 8) return { ok: false, message: 'Lama produksi harus 0 sampai 8 minggu.' };
	const share = parseAmount(raw.marketSharePct);
	if (share === null || share <= 0 || share > 100) return { ok: false, message: 'Bagian pasar harus lebih dari 0 dan paling banyak 100.' };
	const run = raw.runWeeks === undefined ? (current?.runWeeks ?? 6) : parseAmount(raw.runWeeks);
	if (run === null || !Number.isInteger(run) || run < 1 || run > 8) return { ok: false, message: 'Satu kali produksi untuk 1 sampai 8 minggu penjualan.' };
	const buy = parseAmount(raw.buyDaysBefore);
	if (buy === null || !Number.isInteger(buy) || buy < 0 || buy > 28) return { ok: false, message: 'Waktu beli bahan harus 0 sampai 28 hari sebelum produksi.' };
	return { ok: true, settings: { leadTimeWeeks: lead, marketSharePct: share, runWeeks: run, buyDaysBefore: buy } };
}

/**
 * Saves the plan settings of the co-op an actor works for (coopFor decides which, once: a co-op
 * its own, admin the one asked for). `ok: false` carries the first problem with the form values.
 */
export async function saveCoopSettingsFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	raw: { leadTimeWeeks: string; marketSharePct: string; runWeeks?: string; buyDaysBefore: string }
): Promise<SettingsParse> {
	const coop = await coopFor(db, actor, asked);
	const parsed = parseSettings(raw, await getCoopSettings(db, coop.id));
	if (parsed.ok) await saveCoopSettings(db, coop.id, parsed.settings);
	return parsed;
}

export type BomSave = { ok: true; rows: BomRow[] } | { ok: false; notMember?: true; message: string };

/** Replaces a member product's bill of materials, for the co-op an actor works for. */
export async function saveBomFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	productId: number,
	form: { materials: string[]; quantities: string[]; units: string[] }
): Promise<BomSave> {
	const coop = await coopFor(db, actor, asked);
	const member = Number.isInteger(productId) && (await isMemberProduct(db, coop.id, productId));
	if (!member) return { ok: false, notMember: true, message: 'Produk ini bukan milik anggota koperasi.' };
	const parsed = parseBomRows(form.materials, form.quantities, form.units);
	if (parsed.ok) await saveBom(db, productId, parsed.rows);
	return parsed;
}

const memberOf = async (db: Db, coopId: number, productId: number) => Number.isInteger(productId) && (await isMemberProduct(db, coopId, productId));

export type MemberSettingsParse = { ok: true; rows: ({ productId: number } & MemberPlanSetting)[] } | { ok: false; message: string; productId?: number };

/**
 * Capacity (whole units a week) and set share (more than 0, at most 100) per member product, from
 * parallel form fields; an empty field means "not set". The first problem in plain Indonesian.
 */
export function parseMemberSettings(productIds: string[], capacities: string[], shares: string[], names: Map<number, string> = new Map()): MemberSettingsParse {
	const rows: ({ productId: number } & MemberPlanSetting)[] = [];
	for (let i = 0; i < productIds.length; i++) {
		const productId = Number(productIds[i]);
		if (!Number.isInteger(productId) || productId < 1) return { ok: false, message: 'Formulir anggota rusak. Muat ulang halaman.' };
		const name = names.get(productId) ?? `produk ${i + 1}`;
		const capText = (capacities[i] ?? '').trim();
		const shareText = (shares[i] ?? '').trim();
		const capacity = capText ? parseAmount(capText) : null;
		if (capText && (capacity === null || !Number.isInteger(capacity) || capacity < 1 || capacity > 1_000_000))
			return { ok: false, productId, message: `Kapasitas ${name}: tulis angka bulat barang per minggu, misalnya 40.` };
		const sharePct = shareText ? parseAmount(shareText) : null;
		if (shareText && (sharePct === null || sharePct <= 0 || sharePct > 100))
			return { ok: false, productId, message: `Bagian ${name}: lebih dari 0 dan paling banyak 100.` };
		rows.push({ productId, capacity, sharePct });
	}
	return { ok: true, rows };
}

/** Saves member products' capacity and set share, for the co-op an actor works for; members only. */
export async function saveMemberSettingsFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	form: { productIds: string[]; capacities: string[]; shares: string[] }
): Promise<MemberSettingsParse> {
	const coop = await coopFor(db, actor, asked);
	const names = await productNames(db, form.productIds.map(Number).filter(Number.isInteger));
	const parsed = parseMemberSettings(form.productIds, form.capacities, form.shares, names);
	if (!parsed.ok) return parsed;
	let outsider: (typeof parsed.rows)[number] | undefined;
	for (const r of parsed.rows) if (!outsider && !(await memberOf(db, coop.id, r.productId))) outsider = r;
	if (outsider) return { ok: false, productId: outsider.productId, message: 'Produk ini bukan milik anggota koperasi.' };
	await saveMemberPlanSettings(db, coop.id, parsed.rows);
	return parsed;
}

export type PurchaseUnitsParse = { ok: true; rows: PurchaseUnit[] } | { ok: false; message: string };

/**
 * How the co-op buys each material, from parallel form fields (material, unit, purchase unit,
 * size in the material's unit). An empty purchase unit removes it; otherwise the size must be
 * more than 0 ("karung" of 50 kg, "rim" of 500 lembar, "lusin" of 12 buah).
 */
export function parsePurchaseUnits(materials: string[], units: string[], purchaseUnits: string[], sizes: string[]): PurchaseUnitsParse {
	const rows: PurchaseUnit[] = [];
	for (let i = 0; i < materials.length; i++) {
		const material = (materials[i] ?? '').trim();
		const unit = (units[i] ?? '').trim();
		const purchaseUnit = (purchaseUnits[i] ?? '').trim().replace(/\s+/g, ' ');
		const sizeText = (sizes[i] ?? '').trim();
		if (!material || !unit) return { ok: false, message: 'Formulir bahan rusak. Muat ulang halaman.' };
		if (!purchaseUnit) {
			if (sizeText) return { ok: false, message: `${material}: isi cara beli, misalnya karung, atau kosongkan isinya.` };
			rows.push({ material, unit, purchaseUnit: '', purchaseSize: 0 });
			continue;
		}
		if (purchaseUnit.length > 20) return { ok: false, message: `${material}: nama kemasan beli terlalu panjang.` };
		const size = parseAmount(sizeText);
		if (size === null || size <= 0 || size > 1_000_000) return { ok: false, message: `${material}: tulis isi satu ${purchaseUnit} dalam ${unit}, misalnya 50.` };
		rows.push({ material, unit, purchaseUnit, purchaseSize: size });
	}
	return { ok: true, rows };
}

/** Saves how the co-op an actor works for buys its materials. */
export async function savePurchaseUnitsFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	form: { materials: string[]; units: string[]; purchaseUnits: string[]; sizes: string[] }
): Promise<PurchaseUnitsParse> {
	const coop = await coopFor(db, actor, asked);
	const parsed = parsePurchaseUnits(form.materials, form.units, form.purchaseUnits, form.sizes);
	if (parsed.ok) await savePurchaseUnits(db, coop.id, parsed.rows);
	return parsed;
}

/**
 * Saves a season plan as the co-op reads it now (the page hands over its lines), so that once the
 * season is over the plan page compares it with the recorded sales. Lines of products that are not
 * the co-op's members' are dropped.
 */
export async function saveSeasonPlanFor(
	db: Db,
	actor: Actor,
	asked: number | null,
	plan: { seasonKey: string; seasonName: string; sellStart: string; sellEnd: string; lines: SavedPlanLine[] }
): Promise<{ id: number; lines: number }> {
	const coop = await coopFor(db, actor, asked);
	const lines: SavedPlanLine[] = [];
	for (const l of plan.lines) if (await memberOf(db, coop.id, l.productId)) lines.push(l);
	const id = await insertSavedPlan(db, coop.id, { ...plan, lines }, actor.id);
	return { id, lines: lines.length };
}
