// Bills of materials: what one unit of a member product takes ("1 pot = 2 kg tanah liat +
// 0,1 kg glasir"). The co-op edits them with a plain form; parseBomRows checks the rows and
// answers in Indonesian, so the page can send them back with fail(422).
import type { Db } from '../db';

export interface BomRow {
	material: string;
	quantity: number;
	unit: string;
}

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

export function bomFor(db: Db, productIds: number[]): Map<number, BomRow[]> {
	const out = new Map<number, BomRow[]>(productIds.map((id) => [id, []]));
	if (productIds.length === 0) return out;
	const rows = db.$client
		.prepare(
			`select product_id as productId, material, quantity, unit from bill_of_materials
			 where product_id in (${productIds.map(() => '?').join(',')}) order by product_id, rowid`
		)
		.all(...productIds) as (BomRow & { productId: number })[];
	for (const r of rows) out.get(r.productId)?.push({ material: r.material, quantity: r.quantity, unit: r.unit });
	return out;
}

/** Replaces a product's bill of materials. */
export function saveBom(db: Db, productId: number, rows: BomRow[], now = new Date().toISOString()): void {
	const client = db.$client;
	client.transaction(() => {
		client.prepare('delete from bill_of_materials where product_id = ?').run(productId);
		const ins = client.prepare('insert into bill_of_materials (product_id, material, quantity, unit, updated_at) values (?, ?, ?, ?, ?)');
		for (const r of rows) ins.run(productId, r.material, r.quantity, r.unit, now);
	})();
}
