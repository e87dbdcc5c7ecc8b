// What a product's alerts need from the market, computed with its dashboard's market part
// (derive/market-part.ts) and stored with it, so a page reads no snapshots or reviews for them.
// read/alerts.ts adds the producer's own price and today's date. Three things count as news, each
// judged on the product's comparable listings (its stored set after the price outlier rule):
//   harga      competitors' unit prices now and four weeks before (the band is judged on read);
//   permintaan THE demand call of the set (analysis/demand-call.ts) says naik or turun;
//   keluhan    a complaint theme (≥ 3 different reviews) in the last 4 weeks that was not a
//              theme in the 12 weeks before.
import { summarizeThemes } from '$lib/analysis/reviews';
import { demandCall, type DemandCall } from '$lib/analysis/demand-call';
import { unitPrice } from '$lib/analysis/units';
import { formatNumber } from '$lib/format';
import type { Db } from '../db';
import { categoryNameOfProduct, lastSeenOf, newestPricesIn } from '../db/queries/derive/alert-inputs';
import { competitorDemand } from '../db/weekly-demand';
import { themeInputs } from './review-summary';

export type AlertKind = 'harga' | 'permintaan' | 'keluhan';

export interface Alert {
	kind: AlertKind;
	title: string;
	why: string;
}

/** What the alerts need from the market, apart from the producer's own price and today's date. */
export interface AlertInputs {
	dataUntil: string | null;
	/** Competitors' unit prices now (last two weeks) and four weeks before. */
	now: number[];
	then: number[];
	demand: Alert | null;
	complaint: Alert | null;
}

const DAY_MS = 86_400_000;
export const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);

/** Each listing's unit price from its newest snapshot in (from, to]. */
async function unitPricesAt(db: Db, listingIds: number[], from: string, to: string): Promise<number[]> {
	const rows = await newestPricesIn(db, listingIds, from, to);
	return rows.map((r) => unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit }).value);
}

/** The call itself, worded as news: only naik or turun are news. */
export function demandAlert(call: DemandCall): Alert | null {
	if (call.direction !== 'naik' && call.direction !== 'turun') return null;
	return {
		kind: 'permintaan',
		title: `Permintaan produk serupa ${call.direction}.`,
		why: `${call.sentence} Biasanya hanya naik-turun sekitar ${formatNumber(Math.round(call.noise * 100))}% per minggu.`
	};
}

/** Complaint themes among the listings' reviews written in (from, to], only those that fit the product's kind. */
async function complaintThemes(db: Db, listingIds: number[], from: string, to: string, category?: string) {
	// only the themes that fit the product's kind (no "sudah kedaluwarsa" on a woven bag)
	return summarizeThemes([...(await themeInputs(db, listingIds, { from, to })).values()], { category }).complaints;
}

async function complaintAlert(db: Db, kept: number[], dataUntil: string, category?: string): Promise<Alert | null> {
	const recent = await complaintThemes(db, kept, addDays(dataUntil, -28), dataUntil, category);
	if (!recent.length) return null;
	const before = new Set((await complaintThemes(db, kept, addDays(dataUntil, -112), addDays(dataUntil, -28), category)).map((t) => t.aspect));
	const fresh = recent.find((t) => !before.has(t.aspect));
	if (!fresh) return null;
	return {
		kind: 'keluhan',
		title: `Keluhan baru pembeli: ${fresh.label}.`,
		why: `${formatNumber(fresh.count)} ulasan produk serupa dalam 4 minggu terakhir. Sebelumnya jarang disebut. Contoh: "${fresh.quote}"`
	};
}

async function categoryNameOf(db: Db, productId: number): Promise<string | undefined> {
	return await categoryNameOfProduct(db, productId);
}

/**
 * Alert inputs for a product's kept competitor listings. `demand`: the product's call when the
 * caller has it (the market part does); otherwise made here from the same stored series.
 */
export async function alertInputs(db: Db, productId: number, kept: number[], demand?: DemandCall): Promise<AlertInputs> {
	const dataUntil = await lastSeenOf(db, kept);
	if (dataUntil === null) return { dataUntil, now: [], then: [], demand: null, complaint: null };
	return {
		dataUntil,
		// A two-week look-back finds each listing's price even when one weekly snapshot is missing.
		now: await unitPricesAt(db, kept, addDays(dataUntil, -14), dataUntil),
		then: await unitPricesAt(db, kept, addDays(dataUntil, -42), addDays(dataUntil, -28)),
		demand: demandAlert(demand ?? demandCall(await competitorDemand(db, productId))),
		complaint: await complaintAlert(db, kept, dataUntil, await categoryNameOf(db, productId))
	};
}
