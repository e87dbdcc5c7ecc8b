// The co-op tables: co-ops, their plan settings and their member products' bills of materials.
import type { Db } from './index';

export interface CoopSettings {
	leadTimeWeeks: number;
	marketSharePct: number;
	runWeeks: number;
	buyDaysBefore: number;
}

export const DEFAULT_SETTINGS: CoopSettings = { leadTimeWeeks: 3, marketSharePct: 5, runWeeks: 6, buyDaysBefore: 7 };

export interface BomRow {
	material: string;
	quantity: number;
	unit: string;
}

export function listCoops(db: Db): { id: number; name: string }[] {
	return db.$client.prepare('select id, name from cooperatives order by name').all() as { id: number; name: string }[];
}

export function getCoopSettings(db: Db, cooperativeId: number): CoopSettings {
	const row = db.$client
		.prepare(
			`select lead_time_weeks as leadTimeWeeks, market_share_pct as marketSharePct, run_weeks as runWeeks, buy_days_before as buyDaysBefore
			 from coop_settings where cooperative_id = ?`
		)
		.get(cooperativeId) as CoopSettings | undefined;
	return row ?? { ...DEFAULT_SETTINGS };
}

export function saveCoopSettings(db: Db, cooperativeId: number, s: CoopSettings, now = new Date().toISOString()): void {
	db.$client
		.prepare(
			`insert into coop_settings (cooperative_id, lead_time_weeks, market_share_pct, run_weeks, buy_days_before, updated_at)
			 values (?, ?, ?, ?, ?, ?) on conflict(cooperative_id) do update set lead_time_weeks = excluded.lead_time_weeks,
			 market_share_pct = excluded.market_share_pct, run_weeks = excluded.run_weeks, buy_days_before = excluded.buy_days_before,
			 updated_at = excluded.updated_at`
		)
		.run(cooperativeId, s.leadTimeWeeks, s.marketSharePct, s.runWeeks, s.buyDaysBefore, now);
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
