// Alerts for a producer's products, shown on the product dashboard and in the agent's list
// (`alertsForProducers`). Three things count as news, each judged on the product's competitor
// set (its comparable listings after the price outlier rule):
//   harga      the producer's price band (cheaper / around / dearer) differs from 4 weeks ago,
//              because competitors' prices moved (the producer's own price is today's);
//   permintaan THE demand call of the set (analysis/demand-call.ts) says naik or turun;
//   keluhan    a complaint theme (≥ 3 different reviews) in the last 4 weeks that was not a
//              theme in the 12 weeks before.
// Data older than 4 weeks raises nothing: the result says "data sudah lama" instead.
import { MIN_COMPARABLE, percentile, pricePosition, type PriceBand } from '$lib/analysis/prices';
import { summarizeThemes, type Aspect, type Polarity, type ThemeInput } from '$lib/analysis/reviews';
import { demandCall, type DemandCall } from '$lib/analysis/demand-call';
import { unitPrice } from '$lib/analysis/units';
import { formatRupiah } from '$lib/analysis/money';
import { formatDate, formatNumber } from '$lib/format';
import type { Db } from '../db';
import { isStale } from '$lib/analysis/freshness';
import { competitorDemand, keptCompetitors } from '../db/weekly-demand';

export type AlertKind = 'harga' | 'permintaan' | 'keluhan';

export interface Alert {
	kind: AlertKind;
	title: string;
	why: string;
}

export interface ProductAlerts {
	productId: number;
	productName: string;
	producerId: number;
	producerName: string;
	dataUntil: string | null;
	stale: boolean;
	/** "Data sudah lama …" when stale, else null. */
	note: string | null;
	alerts: Alert[];
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY_MS).toISOString().slice(0, 10);
const BAND_WORDS: Record<PriceBand, string> = {
	'lebih-murah': 'lebih murah dari kebanyakan penjual',
	sekitar: 'sekitar harga tengah',
	'lebih-mahal': 'lebih mahal dari kebanyakan penjual'
};

export interface ProductRow {
	id: number;
	name: string;
	producerId: number;
	producerName: string;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
}

/** Each listing's unit price from its newest snapshot in (from, to]. */
function unitPricesAt(db: Db, listingIds: number[], from: string, to: string): number[] {
	if (!listingIds.length) return [];
	const rows = db.$client
		.prepare(
			`select l.pack_quantity as packQuantity, l.unit, s.price from listing_snapshots s join listings l on l.id = s.listing_id
			 where s.listing_id in (${listingIds.map(() => '?').join(',')}) and s.observed_at > ? and s.observed_at <= ?
			 and s.observed_at = (select max(observed_at) from listing_snapshots x where x.listing_id = s.listing_id and x.observed_at > ? and x.observed_at <= ?)`
		)
		.all(...listingIds, from, to, from, to) as { packQuantity: number; unit: 'g' | 'ml' | 'pcs'; price: number }[];
	return rows.map((r) => unitPrice(r.price, { quantity: r.packQuantity, unit: r.unit }).value);
}

function priceAlert(p: ProductRow, now: number[], then: number[]): Alert | null {
	const own = unitPrice(p.price, { quantity: p.packQuantity, unit: p.unit });
	if (now.length < MIN_COMPARABLE || then.length < MIN_COMPARABLE) return null;
	const a = pricePosition(own.value, then);
	const b = pricePosition(own.value, now);
	if (a.band === b.band) return null;
	const mid = (xs: number[]) => Math.round(percentile([...xs].sort((x, y) => x - y), 0.5));
	return {
		kind: 'harga',
		title: `Harga Anda kini ${BAND_WORDS[b.band]}.`,
		why: `Empat minggu lalu ${BAND_WORDS[a.band]}. Harga tengah pesaing berubah dari ${formatRupiah(mid(then))} ke ${formatRupiah(mid(now))} per ${own.per}.`
	};
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

/** Complaint themes among the listings' reviews written in (from, to]. */
function complaintThemes(db: Db, listingIds: number[], from: string, to: string, category?: string) {
	if (!listingIds.length) return [];
	const ids = listingIds.map(() => '?').join(',');
	const reviews = db.$client
		.prepare(
			`select id, has_complaint as hasComplaint from reviews where listing_id in (${ids}) and analyzer_version is not null
			 and reviewed_at > ? and reviewed_at <= ?`
		)
		.all(...listingIds, from, to) as { id: number; hasComplaint: number }[];
	const aspects = db.$client
		.prepare(
			`select ra.review_id as reviewId, ra.aspect, ra.polarity, ra.score, ra.clause from review_aspects ra join reviews r on r.id = ra.review_id
			 where r.listing_id in (${ids}) and r.reviewed_at > ? and r.reviewed_at <= ?`
		)
		.all(...listingIds, from, to) as { reviewId: number; aspect: Aspect; polarity: Polarity; score: number; clause: string }[];
	// The same assembly as review-summary.ts, restricted to a date range (reviewSummary takes none).
	const inputs = new Map<number, ThemeInput>();
	for (const r of reviews) {
		inputs.set(r.id, {
			reviewId: r.id,
			text: '',
			analysis: { aspects: [], clauses: r.hasComplaint ? [{ text: '', polarity: 'negative', score: -1, aspects: [], words: [] }] : [] }
		});
	}
	for (const a of aspects) {
		const input = inputs.get(a.reviewId);
		if (!input) continue;
		input.analysis.aspects.push({ aspect: a.aspect, polarity: a.polarity });
		input.analysis.clauses.push({ text: a.clause, polarity: a.polarity, score: a.score, aspects: [a.aspect], words: [] });
	}
	// only the themes that fit the product's kind (no "sudah kedaluwarsa" on a woven bag)
	return summarizeThemes([...inputs.values()], { category }).complaints;
}

function complaintAlert(db: Db, kept: number[], dataUntil: string, category?: string): Alert | null {
	const recent = complaintThemes(db, kept, addDays(dataUntil, -28), dataUntil, category);
	if (!recent.length) return null;
	const before = new Set(complaintThemes(db, kept, addDays(dataUntil, -112), addDays(dataUntil, -28), category).map((t) => t.aspect));
	const fresh = recent.find((t) => !before.has(t.aspect));
	if (!fresh) return null;
	return {
		kind: 'keluhan',
		title: `Keluhan baru pembeli: ${fresh.label}.`,
		why: `${formatNumber(fresh.count)} ulasan produk serupa dalam 4 minggu terakhir. Sebelumnya jarang disebut. Contoh: "${fresh.quote}"`
	};
}

/**
 * What the alerts need from the market, apart from the producer's own price and today's date:
 * stored with the dashboard's market part (services/dashboard.ts), so a page does not read
 * snapshots and reviews again for them.
 */
export interface AlertInputs {
	dataUntil: string | null;
	/** Competitors' unit prices now (last two weeks) and four weeks before. */
	now: number[];
	then: number[];
	demand: Alert | null;
	complaint: Alert | null;
}

function categoryNameOf(db: Db, productId: number): string | undefined {
	return (db.$client.prepare('select c.name from products p join categories c on c.id = p.category_id where p.id = ?').pluck().get(productId) as string | undefined) ?? undefined;
}

/**
 * Alert inputs for a product's kept competitor listings (keptCompetitors). `demand`: the product's
 * call when the caller has it (the dashboard does); otherwise made here from the same series.
 */
export function alertInputs(db: Db, productId: number, kept: number[], demand?: DemandCall): AlertInputs {
	const dataUntil = kept.length
		? ((db.$client
				.prepare(`select max(last_seen_at) from listings where id in (${kept.map(() => '?').join(',')})`)
				.pluck()
				.get(...kept) as string | null) ?? null)
		: null;
	if (dataUntil === null) return { dataUntil, now: [], then: [], demand: null, complaint: null };
	return {
		dataUntil,
		// A two-week look-back finds each listing's price even when one weekly snapshot is missing.
		now: unitPricesAt(db, kept, addDays(dataUntil, -14), dataUntil),
		then: unitPricesAt(db, kept, addDays(dataUntil, -42), addDays(dataUntil, -28)),
		demand: demandAlert(demand ?? demandCall(competitorDemand(db, productId))),
		complaint: complaintAlert(db, kept, dataUntil, categoryNameOf(db, productId))
	};
}

/** The alerts of a product from its inputs: nothing from data over 4 weeks old. */
export function alertsFromInputs(p: ProductRow, inputs: AlertInputs, today: string): ProductAlerts {
	const { dataUntil } = inputs;
	const base = { productId: p.id, productName: p.name, producerId: p.producerId, producerName: p.producerName, dataUntil };
	if (dataUntil === null) return { ...base, stale: false, note: 'Belum ada produk serupa untuk dipantau.', alerts: [] };
	if (isStale(dataUntil, today)) {
		return { ...base, stale: true, note: `Data sudah lama (terakhir ${formatDate(dataUntil)}), jadi tidak ada peringatan.`, alerts: [] };
	}
	const alerts = [priceAlert(p, inputs.now, inputs.then), inputs.demand, inputs.complaint].filter((a): a is Alert => a !== null);
	return { ...base, stale: false, note: null, alerts };
}

function alertsOf(db: Db, p: ProductRow, today: string): ProductAlerts {
	return alertsFromInputs(p, alertInputs(db, p.id, keptCompetitors(db, p.id)), today);
}

const PRODUCT_SELECT = `select p.id, p.name, p.producer_id as producerId, pr.name as producerName, p.price, p.pack_quantity as packQuantity, p.unit
	from products p join producers pr on pr.id = p.producer_id`;

export function productAlerts(db: Db, productId: number, today = new Date().toISOString().slice(0, 10)): ProductAlerts | null {
	const p = db.$client.prepare(`${PRODUCT_SELECT} where p.id = ?`).get(productId) as ProductRow | undefined;
	return p ? alertsOf(db, p, today) : null;
}

/** Every product of these producers with its alerts; products with alerts first. */
export function alertsForProducers(db: Db, producerIds: number[], today = new Date().toISOString().slice(0, 10)): ProductAlerts[] {
	if (!producerIds.length) return [];
	const products = db.$client
		.prepare(`${PRODUCT_SELECT} where p.producer_id in (${producerIds.map(() => '?').join(',')}) order by pr.name, p.name`)
		.all(...producerIds) as ProductRow[];
	return products.map((p) => alertsOf(db, p, today)).sort((a, b) => b.alerts.length - a.alerts.length);
}
