// The co-op tables: co-ops, their plan settings and their member products' bills of materials.
// Queries through drizzle's builder; those a co-op page runs on every view are prepared once per
// connection (statements.ts).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './index';
import { billOfMaterials, cooperatives, coopMaterials, coopMemberPlans, coopSavedPlans, coopSettings } from './schema';
import { excluded } from './excluded';
import { prepared } from './statements';
import { allRows, exec, firstRow, oneRow, preparedFirst, preparedRows, transaction } from './run';
import { statement } from './statement';

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


export async function listCoops(db: Db): Promise<{ id: number; name: string }[]> {
	return await preparedRows(db, 'write/coop/list', (d) => d.select({ id: cooperatives.id, name: cooperatives.name }).from(cooperatives).orderBy(cooperatives.name));
}

export async function getCoopSettings(db: Db, cooperativeId: number): Promise<CoopSettings> {
	const row = await preparedFirst(db, 'write/coop/settings', (d) => d
			.select({
				leadTimeWeeks: coopSettings.leadTimeWeeks,
				marketSharePct: coopSettings.marketSharePct,
				runWeeks: coopSettings.runWeeks,
				buyDaysBefore: coopSettings.buyDaysBefore
			})
			.from(coopSettings)
			.where(eq(coopSettings.cooperativeId, sql.placeholder('cooperativeId')))
			, { cooperativeId });
	return row ?? { ...DEFAULT_SETTINGS };
}

export async function saveCoopSettings(db: Db, cooperativeId: number, s: CoopSettings, now = new Date().toISOString()): Promise<void> {
	await exec(db, db.insert(coopSettings)
		.values({ cooperativeId, leadTimeWeeks: s.leadTimeWeeks, marketSharePct: s.marketSharePct, runWeeks: s.runWeeks, buyDaysBefore: s.buyDaysBefore, updatedAt: now })
		.onConflictDoUpdate({
			target: coopSettings.cooperativeId,
			set: {
				leadTimeWeeks: excluded(coopSettings.leadTimeWeeks),
				marketSharePct: excluded(coopSettings.marketSharePct),
				runWeeks: excluded(coopSettings.runWeeks),
				buyDaysBefore: excluded(coopSettings.buyDaysBefore),
				updatedAt: excluded(coopSettings.updatedAt)
			}
		}));
}

export async function bomFor(db: Db, productIds: number[]): Promise<Map<number, BomRow[]>> {
	const out = new Map<number, BomRow[]>(productIds.map((id) => [id, []]));
	if (productIds.length === 0) return out;
	// Rows in the order the co-op typed them (saveBom numbers them).
	const found = await allRows(db, db
		.select({ productId: billOfMaterials.productId, material: billOfMaterials.material, quantity: billOfMaterials.quantity, unit: billOfMaterials.unit })
		.from(billOfMaterials)
		.where(inArray(billOfMaterials.productId, productIds))
		.orderBy(billOfMaterials.productId, billOfMaterials.position));
	for (const r of found) out.get(r.productId)?.push({ material: r.material, quantity: r.quantity, unit: r.unit });
	return out;
}

/** Replaces a product's bill of materials. */
export async function saveBom(db: Db, productId: number, rows: BomRow[], now = new Date().toISOString()): Promise<void> {
	await transaction(db, async (tx) => {
		await exec(tx, tx.delete(billOfMaterials).where(eq(billOfMaterials.productId, productId)));
		if (rows.length > 0)
			await exec(tx, tx.insert(billOfMaterials)
				.values(rows.map((r, position) => ({ productId, material: r.material, quantity: r.quantity, unit: r.unit, position, updatedAt: now }))));
	});
}

// --- season plans (issue 14) ----------------------------------------------------------------

export interface MemberPlanSetting {
	/** Units a week the member can make of this product; null: not set (no limit assumed). */
	capacity: number | null;
	/** The member's share when her sales book is too short; null: the co-op's marketSharePct. */
	sharePct: number | null;
}

/** Capacity and set share per member product of a co-op (products without a row are absent). */
export async function memberPlanSettings(db: Db, cooperativeId: number): Promise<Map<number, MemberPlanSetting>> {
	const rows = await preparedRows(db, 'write/coop/member-plans', (d) => d
			.select({ productId: coopMemberPlans.productId, capacity: coopMemberPlans.capacityPerWeek, sharePct: coopMemberPlans.sharePct })
			.from(coopMemberPlans)
			.where(eq(coopMemberPlans.cooperativeId, sql.placeholder('cooperativeId')))
			, { cooperativeId });
	return new Map(rows.map((r) => [r.productId, { capacity: r.capacity, sharePct: r.sharePct }]));
}

/** Replaces the settings of these member products (a row of nulls is removed). */
export async function saveMemberPlanSettings(db: Db, cooperativeId: number, rows: ({ productId: number } & MemberPlanSetting)[], now = new Date().toISOString()): Promise<void> {
	await transaction(db, async (tx) => {
		// Prepared once for the loop (on the transaction's handle).
		const del = statement(tx, 'write/coop/member-plan/delete', (d) => d
			.delete(coopMemberPlans)
			.where(and(eq(coopMemberPlans.cooperativeId, sql.placeholder('cooperativeId')), eq(coopMemberPlans.productId, sql.placeholder('productId')))));
		const ins = statement(tx, 'write/coop/member-plan/upsert', (d) => d
			.insert(coopMemberPlans)
			.values({
				cooperativeId: sql.placeholder('cooperativeId'),
				productId: sql.placeholder('productId'),
				capacityPerWeek: sql.placeholder('capacity'),
				sharePct: sql.placeholder('sharePct'),
				updatedAt: sql.placeholder('now')
			})
			.onConflictDoUpdate({
				target: [coopMemberPlans.cooperativeId, coopMemberPlans.productId],
				set: {
					capacityPerWeek: excluded(coopMemberPlans.capacityPerWeek),
					sharePct: excluded(coopMemberPlans.sharePct),
					updatedAt: excluded(coopMemberPlans.updatedAt)
				}
			}));
		for (const r of rows) {
			if (r.capacity === null && r.sharePct === null) await del.run({ cooperativeId, productId: r.productId });
			else await ins.run({ cooperativeId, productId: r.productId, capacity: r.capacity, sharePct: r.sharePct, now });
		}
	});
}

export interface PurchaseUnit {
	material: string;
	unit: string;
	purchaseUnit: string;
	purchaseSize: number;
}

/** How the co-op buys each material, by lower-case material and unit ("tanah liat|kg"). */
export async function coopPurchaseUnits(db: Db, cooperativeId: number): Promise<Map<string, PurchaseUnit>> {
	const rows = await preparedRows(db, 'write/coop/purchase-units', (d) => d
			.select({
				material: coopMaterials.materialKey,
				unit: coopMaterials.unitKey,
				purchaseUnit: coopMaterials.purchaseUnit,
				purchaseSize: coopMaterials.purchaseSize
			})
			.from(coopMaterials)
			.where(eq(coopMaterials.cooperativeId, sql.placeholder('cooperativeId')))
			, { cooperativeId });
	return new Map(rows.map((r) => [`${r.material}|${r.unit}`, r]));
}

/** Sets (or, with an empty purchase unit, removes) how the co-op buys these materials. */
export async function savePurchaseUnits(db: Db, cooperativeId: number, rows: PurchaseUnit[], now = new Date().toISOString()): Promise<void> {
	await transaction(db, async (tx) => {
		// Prepared once for the loop (on the transaction's handle).
		const del = statement(tx, 'write/coop/materials/delete', (d) => d
			.delete(coopMaterials)
			.where(
				and(
					eq(coopMaterials.cooperativeId, sql.placeholder('cooperativeId')),
					eq(coopMaterials.materialKey, sql.placeholder('material')),
					eq(coopMaterials.unitKey, sql.placeholder('unit'))
				)
			));
		const ins = statement(tx, 'write/coop/materials/upsert', (d) => d
			.insert(coopMaterials)
			.values({
				cooperativeId: sql.placeholder('cooperativeId'),
				materialKey: sql.placeholder('material'),
				unitKey: sql.placeholder('unit'),
				purchaseUnit: sql.placeholder('purchaseUnit'),
				purchaseSize: sql.placeholder('purchaseSize'),
				updatedAt: sql.placeholder('now')
			})
			.onConflictDoUpdate({
				target: [coopMaterials.cooperativeId, coopMaterials.materialKey, coopMaterials.unitKey],
				set: {
					purchaseUnit: excluded(coopMaterials.purchaseUnit),
					purchaseSize: excluded(coopMaterials.purchaseSize),
					updatedAt: excluded(coopMaterials.updatedAt)
				}
			}));
		for (const r of rows) {
			const material = r.material.trim().toLowerCase();
			const unit = r.unit.trim().toLowerCase();
			if (!r.purchaseUnit.trim()) await del.run({ cooperativeId, material, unit });
			else await ins.run({ cooperativeId, material, unit, purchaseUnit: r.purchaseUnit.trim(), purchaseSize: r.purchaseSize, now });
		}
	});
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

export async function insertSavedPlan(
	db: Db,
	cooperativeId: number,
	plan: Omit<SavedPlan, 'id' | 'savedAt'>,
	userId: number | null,
	now = new Date().toISOString()
): Promise<number> {
	const { id } = await oneRow(db, db
		.insert(coopSavedPlans)
		.values({
			cooperativeId,
			seasonKey: plan.seasonKey,
			seasonName: plan.seasonName,
			sellStart: plan.sellStart,
			sellEnd: plan.sellEnd,
			userId,
			savedAt: now,
			data: JSON.stringify(plan.lines)
		})
		.returning({ id: coopSavedPlans.id }));
	return id;
}

/** The newest plan a co-op saved for a season occurrence ('lebaran-2026'), or null. */
export async function latestSavedPlan(db: Db, cooperativeId: number, seasonKey: string): Promise<SavedPlan | null> {
	const row = await preparedFirst(db, 'write/coop/latest-saved-plan', (d) => d
			.select({
				id: coopSavedPlans.id,
				seasonKey: coopSavedPlans.seasonKey,
				seasonName: coopSavedPlans.seasonName,
				sellStart: coopSavedPlans.sellStart,
				sellEnd: coopSavedPlans.sellEnd,
				savedAt: coopSavedPlans.savedAt,
				data: coopSavedPlans.data
			})
			.from(coopSavedPlans)
			.where(and(eq(coopSavedPlans.cooperativeId, sql.placeholder('cooperativeId')), eq(coopSavedPlans.seasonKey, sql.placeholder('seasonKey'))))
			.orderBy(desc(coopSavedPlans.savedAt), desc(coopSavedPlans.id))
			.limit(1)
			, { cooperativeId, seasonKey });
	if (!row) return null;
	const { data, ...rest } = row;
	// The JSON column holds what insertSavedPlan wrote.
	return { ...rest, lines: JSON.parse(data) as SavedPlanLine[] };
}
