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

// --- season plans (issue 14) ----------------------------------------------------------------

export interface MemberPlanSetting {
	/** Units a week the member can make of this product; null: not set (no limit assumed). */
	capacity: number | null;
	/** The member's share when her sales book is too short; null: the co-op's marketSharePct. */
	sharePct: number | null;
}

/** Capacity and set share per member product of a co-op (products without a row are absent). */
export function memberPlanSettings(db: Db, cooperativeId: number): Map<number, MemberPlanSetting> {
	const rows = db.$client
		.prepare('select product_id as productId, capacity_per_week as capacity, share_pct as sharePct from coop_member_plans where cooperative_id = ?')
		.all(cooperativeId) as ({ productId: number } & MemberPlanSetting)[];
	return new Map(rows.map((r) => [r.productId, { capacity: r.capacity, sharePct: r.sharePct }]));
}

/** Replaces the settings of these member products (a row of nulls is removed). */
export function saveMemberPlanSettings(db: Db, cooperativeId: number, rows: ({ productId: number } & MemberPlanSetting)[], now = new Date().toISOString()): void {
	const client = db.$client;
	const del = client.prepare('delete from coop_member_plans where cooperative_id = ? and product_id = ?');
	const ins = client.prepare(
		`insert into coop_member_plans (cooperative_id, product_id, capacity_per_week, share_pct, updated_at) values (?, ?, ?, ?, ?)
		 on conflict(cooperative_id, product_id) do update set capacity_per_week = excluded.capacity_per_week, share_pct = excluded.share_pct, updated_at = excluded.updated_at`
	);
	client.transaction(() => {
		for (const r of rows) {
			if (r.capacity === null && r.sharePct === null) del.run(cooperativeId, r.productId);
			else ins.run(cooperativeId, r.productId, r.capacity, r.sharePct, now);
		}
	})();
}

export interface PurchaseUnit {
	material: string;
	unit: string;
	purchaseUnit: string;
	purchaseSize: number;
}

/** How the co-op buys each material, by lower-case material and unit ("tanah liat|kg"). */
export function coopPurchaseUnits(db: Db, cooperativeId: number): Map<string, PurchaseUnit> {
	const rows = db.$client
		.prepare('select material_key as material, unit_key as unit, purchase_unit as purchaseUnit, purchase_size as purchaseSize from coop_materials where cooperative_id = ?')
		.all(cooperativeId) as PurchaseUnit[];
	return new Map(rows.map((r) => [`${r.material}|${r.unit}`, r]));
}

/** Sets (or, with an empty purchase unit, removes) how the co-op buys these materials. */
export function savePurchaseUnits(db: Db, cooperativeId: number, rows: PurchaseUnit[], now = new Date().toISOString()): void {
	const client = db.$client;
	const del = client.prepare('delete from coop_materials where cooperative_id = ? and material_key = ? and unit_key = ?');
	const ins = client.prepare(
		`insert into coop_materials (cooperative_id, material_key, unit_key, purchase_unit, purchase_size, updated_at) values (?, ?, ?, ?, ?, ?)
		 on conflict(cooperative_id, material_key, unit_key) do update set purchase_unit = excluded.purchase_unit, purchase_size = excluded.purchase_size,
		 updated_at = excluded.updated_at`
	);
	client.transaction(() => {
		for (const r of rows) {
			const m = r.material.trim().toLowerCase();
			const u = r.unit.trim().toLowerCase();
			if (!r.purchaseUnit.trim()) del.run(cooperativeId, m, u);
			else ins.run(cooperativeId, m, u, r.purchaseUnit.trim(), r.purchaseSize, now);
		}
	})();
}

/** One member product's line of a saved plan: what was expected to sell and what was to be made. */
export interface SavedPlanLine {
	productId: number;
	name: string;
	producerName: string;
	expected: number;
	planned: number;
}

export interface SavedPlan {
	id: number;
	seasonKey: string;
	seasonName: string;
	sellStart: string;
	sellEnd: string;
	savedAt: string;
	lines: SavedPlanLine[];
}

export function insertSavedPlan(
	db: Db,
	cooperativeId: number,
	plan: Omit<SavedPlan, 'id' | 'savedAt'>,
	userId: number | null,
	now = new Date().toISOString()
): number {
	return Number(
		db.$client
			.prepare(
				`insert into coop_saved_plans (cooperative_id, season_key, season_name, sell_start, sell_end, user_id, saved_at, data) values (?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(cooperativeId, plan.seasonKey, plan.seasonName, plan.sellStart, plan.sellEnd, userId, now, JSON.stringify(plan.lines)).lastInsertRowid
	);
}

/** The newest plan a co-op saved for a season occurrence ('lebaran-2026'), or null. */
export function latestSavedPlan(db: Db, cooperativeId: number, seasonKey: string): SavedPlan | null {
	const row = db.$client
		.prepare(
			`select id, season_key as seasonKey, season_name as seasonName, sell_start as sellStart, sell_end as sellEnd, saved_at as savedAt, data
			 from coop_saved_plans where cooperative_id = ? and season_key = ? order by saved_at desc, id desc limit 1`
		)
		.get(cooperativeId, seasonKey) as (Omit<SavedPlan, 'lines'> & { data: string }) | undefined;
	if (!row) return null;
	const { data, ...rest } = row;
	return { ...rest, lines: JSON.parse(data) as SavedPlanLine[] };
}
