// The sales book as people read it: on the product page ("Penjualan Anda" beside the market's
// demand, with the short form), through `sales.list`, and on the agent's list (who has not
// recorded sales for a month). Reads only; the scope is checked once (auth/access.ts).
import { addDays, mondayOf } from '$lib/analysis/calendar';
import { ownPack } from '$lib/analysis/own-pack';
import { memberShare } from '$lib/analysis/season-plan';
import { formatDate, formatDayMonth, formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import { assertProduct, canEditProduct, producerScopePrepared } from '../auth/access';
import type { Db } from '../db';
import { getProduct } from '../db/products';
import { lastSaleWeeks, salesOf, type SaleRow } from '../db/sales';
import { competitorSeries } from '../db/weekly-demand';
import { NotFoundError } from '../errors';
import { producerProducts } from '../db/queries/read/sales';

/** Weeks the product page shows, and weeks the form offers (this week and the ones before). */
export const BOOK_WEEKS = 12;
export const FORM_WEEKS = 8;
/** An agent is told about a producer who has recorded nothing for this many weeks. */
export const QUIET_WEEKS = 4;

export interface SalesBook {
	productId: number;
	/** The word the producer sells by: "bungkus", "buah". */
	unit: string;
	/** The last BOOK_WEEKS weeks before this one, oldest first: own units (null: not recorded) and the market's. */
	weeks: { weekStart: string; units: number | null; market: number | null }[];
	/** Weeks recorded in the whole book, and the newest. */
	recorded: number;
	lastWeek: string | null;
	headline: string[];
	/** The share the co-op plan would take from these sales (null: not enough weeks yet). */
	shareLine: string | null;
	/** The weeks the form offers, newest first ("Minggu ini (30 Nov)"), with what is recorded for each. */
	formWeeks: { weekStart: string; label: string; units: number | null }[];
	canRecord: boolean;
}

const weekLabel = (monday: string, thisWeek: string) =>
	monday === thisWeek ? `Minggu ini (${formatDayMonth(monday)})` : monday === addDays(thisWeek, -7) ? `Minggu lalu (${formatDayMonth(monday)})` : `Minggu ${formatDayMonth(monday)}`;

/** The sales book of a product the actor may see (NotFoundError otherwise), as of `today`. */
export async function salesBookFor(db: Db, actor: Actor, productId: number, today = new Date().toISOString().slice(0, 10)): Promise<SalesBook> {
	await assertProduct(db, actor, productId);
	const product = await getProduct(db, productId);
	if (!product) throw new NotFoundError('Produk ini tidak ada.');
	const unit = ownPack(product.name, product.packQuantity, product.unit).word;
	const thisWeek = mondayOf(today);
	const rows = await salesOf(db, productId);
	const byWeek = new Map(rows.map((r) => [r.weekStart, r.units]));
	const market = await competitorSeries(db, productId);
	const marketBy = new Map(market.map((w) => [w.weekStart, w.units]));
	const weeks = Array.from({ length: BOOK_WEEKS }, (_, k) => addDays(thisWeek, -7 * (BOOK_WEEKS - k))).map((weekStart) => ({
		weekStart,
		units: byWeek.get(weekStart) ?? null,
		market: marketBy.get(weekStart) ?? null
	}));
	const headline: string[] = [];
	const last = rows.filter((r) => r.weekStart < thisWeek).at(-1);
	if (!last) headline.push('Belum ada catatan penjualan.', 'Isi tiap minggu, supaya rencana koperasi memakai angka Anda.');
	else {
		const when = last.weekStart === addDays(thisWeek, -7) ? 'Minggu lalu' : `Minggu ${formatDayMonth(last.weekStart)}`;
		headline.push(`${when} Anda menjual ${formatNumber(last.units)} ${unit}.`);
		const m = marketBy.get(last.weekStart);
		if (m !== undefined) headline.push(`Produk serupa terjual ${formatNumber(m)} pada minggu itu.`);
		const four = weeks.slice(-4).filter((w) => w.units !== null);
		if (four.length === 4) headline.push(`4 minggu terakhir: ${formatNumber(four.reduce((a, w) => a + w.units!, 0))} ${unit}.`);
		if (last.weekStart < addDays(thisWeek, -7 * QUIET_WEEKS)) headline.push(`Belum ada catatan sejak ${formatDate(last.weekStart)}.`);
	}
	const share = memberShare(rows, market, today, 0);
	return {
		productId,
		unit,
		weeks,
		recorded: rows.length,
		lastWeek: rows.at(-1)?.weekStart ?? null,
		headline,
		shareLine: share.source === 'sales' ? share.line : null,
		formWeeks: Array.from({ length: FORM_WEEKS }, (_, k) => addDays(thisWeek, -7 * k)).map((weekStart) => ({
			weekStart,
			label: weekLabel(weekStart, thisWeek),
			units: byWeek.get(weekStart) ?? null
		})),
		canRecord: await canEditProduct(db, actor, productId)
	};
}

/** Every recorded week of a product the actor may see (`sales.list`), oldest first. */
export async function salesListFor(db: Db, actor: Actor, productId: number): Promise<{ productId: number; weeks: SaleRow[] }> {
	await assertProduct(db, actor, productId);
	return { productId, weeks: await salesOf(db, productId) };
}

export interface QuietProducer {
	id: number;
	name: string;
	/** The newest week any of their products recorded, or null: never. */
	lastWeek: string | null;
	line: string;
}

/**
 * The producers in the actor's scope, with products, who have recorded no sales in the last
 * QUIET_WEEKS weeks (or never): the agent reminds them. Longest quiet first.
 */
export async function producersWithoutSales(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<QuietProducer[]> {
	const rows = await producerProducts(db, producerScopePrepared(actor));
	const last = await lastSaleWeeks(db, rows.map((r) => r.productId));
	const since = addDays(mondayOf(today), -7 * QUIET_WEEKS);
	const producers = new Map<number, { name: string; lastWeek: string | null }>();
	for (const r of rows) {
		const p = producers.get(r.id) ?? { name: r.name, lastWeek: null };
		const l = last.get(r.productId) ?? null;
		if (l && (!p.lastWeek || l > p.lastWeek)) p.lastWeek = l;
		producers.set(r.id, p);
	}
	return [...producers]
		.filter(([, p]) => !p.lastWeek || p.lastWeek < since)
		.map(([id, p]) => ({
			id,
			name: p.name,
			lastWeek: p.lastWeek,
			line: p.lastWeek ? `Terakhir mencatat penjualan minggu ${formatDate(p.lastWeek)}.` : 'Belum pernah mencatat penjualan.'
		}))
		.sort((a, b) => (a.lastWeek ?? '').localeCompare(b.lastWeek ?? '') || a.name.localeCompare(b.name, 'id'));
}
