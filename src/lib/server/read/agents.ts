// The agent's workspace, read side: their producers with a one-line status each (who needs
// attention first), one producer with their products, and the choices the forms offer. Adding
// producers and products is in write/producers.ts and write/products.ts. Scope comes from
// auth/access.ts: an agent reaches only their producers.
import { MIN_COMPARABLE, pricePosition } from '$lib/analysis/prices';
import { ownPack, packPhrase } from '$lib/analysis/own-pack';
import { unitPrice } from '$lib/analysis/units';
import type { ProductDashboard } from '$lib/dashboard-types';
import { formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { assertProducer, canEditProducer, producerScopePrepared } from '../auth/access';
import { isStale } from '$lib/analysis/freshness';
import { marketPart } from './market';
import { getProduct } from '../db/products';
import { agentsByName, leafCategories, producerById, producersIn, productIdsOf, productsOfProducer, statusVersion, villagesOfProducers } from '../db/queries/read/agents';

export interface ProductStatus {
	id: number;
	name: string;
	/** "harga 30% di atas pasar · permintaan turun 12%" */
	line: string;
	/** Higher: look at this first. */
	attention: number;
	/** Why it needs attention, in words, most pressing first ("harga 30% di bawah pasar", "data 6 minggu lama"). */
	reasons: string[];
	band: 'lebih-murah' | 'sekitar' | 'lebih-mahal' | null;
	demandDirection: ProductDashboard['demand']['direction'];
	demandChange: number | null;
	/** The date of the data behind the line (newest observation of its competitors). */
	dataUntil: string | null;
	stale: boolean;
}

/** A producer as the agent's pages name them: where they live, their agent, whether they can sign in. */
interface ProducerSummary {
	id: number;
	name: string;
	villageName: string | null;
	regencyName: string | null;
	agentName: string | null;
	hasAccount: boolean;
}

export interface ProducerStatus extends ProducerSummary {
	products: ProductStatus[];
	/** The product needing most attention's line, or why there is nothing to say. */
	line: string;
	/** The date of the data behind that line. */
	dataUntil: string | null;
	attention: number;
	/** Why this producer is near the top, in words (their most pressing product's reasons). */
	reasons: string[];
}

/** What a status line needs from a dashboard (productStatusInput computes just this, cheaply). */
export interface StatusInput {
	product: { id: number; name: string };
	dataUntil: string | null;
	stale: boolean;
	/** The dashboard's price position, its market middle (per unit) and the producer's own unit price. */
	price: { position: ProductDashboard['price']['position']; middle: number | null; ownUnitPrice: number };
	/** THE demand call of the product (its dashboard's): direction and change. */
	demand: Pick<ProductDashboard['demand'], 'direction' | 'change'>;
	/** Its market part is still being built (as its dashboard says): no numbers yet. */
	preparing?: true;
}

/** Weeks between the data's date and today, whole weeks. */
function weeksOld(dataUntil: string, today: string): number {
	return Math.floor((Date.parse(today) - Date.parse(dataUntil)) / (7 * 86_400_000));
}

/**
 * A product's status: what an agent reads in the list, and the reasons that put it near the top,
 * in words (issue 13: "7 perlu dibantu" was only an orange border). Old data raises no alerts,
 * only that the data is old and by how much.
 */
export function productStatus(d: StatusInput, today = new Date().toISOString().slice(0, 10)): ProductStatus {
	const parts: { text: string; weight: number }[] = [];
	const pos = d.price.position;
	const { direction, change } = d.demand;
	if (d.preparing) {
		parts.push({ text: 'ringkasan pasar sedang disiapkan', weight: 0 });
	} else if (d.stale) {
		const weeks = d.dataUntil ? weeksOld(d.dataUntil, today) : null;
		parts.push({ text: weeks !== null && weeks >= 4 ? `data ${formatNumber(weeks)} minggu lama, perlu diperbarui` : 'data sudah lama, perlu diperbarui', weight: 1 });
	} else {
		// outOf10 is the share on the far side of the band, as the dashboard's sentence says it.
		const share = pos ? Math.min(9, Math.max(1, Math.round(pos.outOf10))) : 0;
		// How far the unit price is from the market's middle, as the agent says it to the producer.
		const gap = d.price.middle && d.price.middle > 0 ? Math.max(1, Math.round(Math.abs(d.price.ownUnitPrice / d.price.middle - 1) * 100)) : null;
		if (pos?.band === 'lebih-mahal') {
			parts.push({ text: gap !== null ? `harga ${formatNumber(gap)}% di atas pasar` : 'harga di atas pasar', weight: share >= 7 ? 3 : 1 });
		} else if (pos?.band === 'lebih-murah') {
			parts.push({ text: gap !== null ? `harga ${formatNumber(gap)}% di bawah pasar` : 'harga di bawah pasar', weight: share >= 7 ? 2 : 1 });
		} else if (pos) parts.push({ text: 'harga sama dengan pasar', weight: 0 });
		else parts.push({ text: 'belum cukup data harga', weight: 0 });
		// The dashboard's call, in its words: naik/turun with its change, stabil without one.
		const pct = change !== null && Number.isFinite(change) ? ` ${formatNumber(Math.round(Math.abs(change) * 100))}%` : '';
		if (direction === 'turun') parts.push({ text: `permintaan turun${pct}`, weight: 3 });
		else if (direction === 'naik') parts.push({ text: `permintaan naik${pct}`, weight: 1 });
		else if (direction === 'stabil') parts.push({ text: 'permintaan stabil', weight: 0 });
	}
	const attention = parts.reduce((n, p) => n + p.weight, 0);
	return {
		id: d.product.id,
		name: d.product.name,
		line: parts.map((p) => p.text).join(' · '),
		attention,
		reasons: parts
			.filter((p) => p.weight > 0)
			.sort((a, b) => b.weight - a.weight)
			.map((p) => p.text),
		band: pos?.band ?? null,
		demandDirection: direction,
		demandChange: change,
		dataUntil: d.dataUntil,
		stale: d.stale
	};
}

/**
 * The status numbers of one product: the same price position and demand call as its dashboard
 * shows, read from the dashboard's stored market part (read/market.ts), so a list of a hundred
 * producers reads a hundred rows instead of their snapshots.
 */
export async function productStatusInput(db: Db, productId: number, today = new Date().toISOString().slice(0, 10)): Promise<StatusInput | null> {
	const product = await getProduct(db, productId);
	if (!product) return null;
	const market = await marketPart(db, product, today);
	if (!market) {
		const call = { direction: null, change: null };
		return {
			product: { id: product.id, name: product.name },
			dataUntil: null,
			stale: false,
			price: { position: null, middle: null, ownUnitPrice: unitPrice(product.price, { quantity: product.packQuantity, unit: product.unit }).value },
			demand: call,
			preparing: true
		};
	}
	const own = unitPrice(product.price, { quantity: product.packQuantity, unit: product.unit }).value;
	const enough = market.compared >= MIN_COMPARABLE;
	const position = enough ? pricePosition(own, market.unitPrices) : null;
	const stale = isStale(market.dataUntil, today);
	return {
		product: { id: product.id, name: product.name },
		dataUntil: market.dataUntil,
		stale,
		price: {
			position: position ? { band: position.band, outOf10: position.outOf10, cheaperCount: position.cheaperCount, pricierCount: position.pricierCount } : null,
			// The dashboard's middle (read/dashboard.ts): the same numbers, the same gap.
			middle: enough && market.stats ? market.stats.median : null,
			ownUnitPrice: own
		},
		demand: { direction: market.demand.direction, change: market.demand.change }
	};
}

// A status reads one stored row (about a millisecond); statuses are still kept per database until
// the product, its stored market part or the market (an import batch) changes, as a list may hold
// hundreds of products.
const statusCache = new WeakMap<Db, Map<string, StatusInput | null>>();
const STATUS_CACHE_MAX = 5000;

async function cachedStatusInput(db: Db, productId: number, today: string): Promise<StatusInput | null> {
	const version = await statusVersion(db, productId);
	if (version === null) return null;
	let cache = statusCache.get(db);
	if (!cache) statusCache.set(db, (cache = new Map()));
	const key = `${productId}|${today}|${version}`;
	if (cache.has(key)) return cache.get(key)!;
	if (cache.size > STATUS_CACHE_MAX) cache.clear();
	const value = await productStatusInput(db, productId, today);
	cache.set(key, value);
	return value;
}

/** The producers the actor serves, each with their products' status, most urgent first. */
export async function listProducersFor(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<ProducerStatus[]> {
	const rows = await producersIn(db, producerScopePrepared(actor));
	const out = await Promise.all(rows.map(async (r): Promise<ProducerStatus> => {
        		const products = (await Promise.all((await productIdsOf(db, r.id))
                    			.map(async (id) => cachedStatusInput(db, id, today))))
        			.filter((d): d is StatusInput => d !== null)
        			.map((d) => productStatus(d, today))
        			.sort((a, b) => b.attention - a.attention);
        		const worst = products[0];
        		return {
        			...r,
        			hasAccount: Boolean(r.hasAccount),
        			products,
        			line: worst ? `${worst.name}: ${worst.line}` : 'Belum ada produk. Tambahkan produk pertamanya.',
        			dataUntil: worst?.dataUntil ?? null,
        			attention: worst ? worst.attention : 2,
        			reasons: worst ? worst.reasons : ['belum ada produk']
        		};
        	}));
	return out.sort((a, b) => b.attention - a.attention || a.name.localeCompare(b.name, 'id'));
}

export interface ProducerDetail extends ProducerSummary {
	canEdit: boolean;
	products: { id: number; name: string; price: number; per: string; categoryName: string }[];
}

export async function producerDetailFor(db: Db, actor: Actor, producerId: number): Promise<ProducerDetail> {
	await assertProducer(db, actor, producerId);
	// assertProducer has just found it.
	const row = (await producerById(db, producerId))!;
	const products = (await productsOfProducer(db, producerId)).map((p) => ({
		id: p.id,
		name: p.name,
		price: p.price,
		// "bungkus (1 kg)", never "1.000 kg": the pack as the producer sells it (analysis/own-pack.ts).
		per: packPhrase(ownPack(p.name, p.packQuantity, p.unit)),
		categoryName: p.categoryName
	}));
	return { ...row, hasAccount: Boolean(row.hasAccount), canEdit: await canEditProducer(db, actor, producerId), products };
}

export interface Option {
	value: string;
	label: string;
}

/** Product kinds to choose from: leaf categories, labelled with their parent. */
export async function categoryOptions(db: Db): Promise<Option[]> {
	return (await leafCategories(db)).map((c) => ({ value: String(c.id), label: c.parent ? `${c.parent} — ${c.name}` : c.name }));
}

/** Villages where the actor's producers live: a new producer is usually a neighbour. */
export async function villageOptions(db: Db, actor: Actor): Promise<Option[]> {
	return (await villagesOfProducers(db, producerScopePrepared(actor))).map((v) => ({ value: v.code, label: v.regency ? `${v.name}, ${v.regency}` : v.name }));
}

export async function agentOptions(db: Db): Promise<Option[]> {
	return (await agentsByName(db)).map((a) => ({
		value: String(a.id),
		label: a.name
	}));
}

/** A producer whose products' market data is old ("data sudah lama"), and which products. */
export interface StaleMarket {
	producerId: number;
	producerName: string;
	products: { id: number; name: string; dataUntil: string | null }[];
}

/**
 * Which of the actor's producers have products compared with old market data (issue 18): the
 * agent sees at once whose page says "data sudah lama" (no price or stock advice) without
 * opening each, oldest data first.
 */
export function staleMarkets(producers: ProducerStatus[]): StaleMarket[] {
	return producers
		.map((p) => ({
			producerId: p.id,
			producerName: p.name,
			// Oldest first within a producer too, so the producer's first product is its oldest data
			// (no data at all sorts first).
			products: p.products
				.filter((s) => s.stale)
				.map((s) => ({ id: s.id, name: s.name, dataUntil: s.dataUntil }))
				.sort((a, b) => (a.dataUntil ?? '').localeCompare(b.dataUntil ?? ''))
		}))
		.filter((m) => m.products.length > 0)
		.sort((a, b) => (a.products[0].dataUntil ?? '').localeCompare(b.products[0].dataUntil ?? '') || a.producerName.localeCompare(b.producerName, 'id'));
}
