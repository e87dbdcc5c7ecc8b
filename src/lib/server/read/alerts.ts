// Alerts for a producer's products, shown on the product dashboard and in the agent's list and
// API (`alerts.list`). What changed in the market is judged when the market part is built
// (derive/alert-inputs.ts) and stored with it; here the producer's own price and today's date are
// added: the price band now against four weeks ago, the demand call, a new complaint theme.
// Data older than 4 weeks raises nothing: the result says "data sudah lama" instead.
import { isStale } from '$lib/analysis/freshness';
import { PREPARING_SENTENCE } from '$lib/analysis/narrate';
import { MIN_COMPARABLE, percentile, pricePosition, type PriceBand } from '$lib/analysis/prices';
import { unitPrice } from '$lib/analysis/units';
import { formatDate, formatRupiah } from '$lib/format';
import type { Actor } from '../auth/actor';
import { producerScopePrepared } from '../auth/access';
import type { Db } from '../db';
import { getProduct } from '../db/products';
import { alertProduct, alertProductsOf, producerIdsIn } from '../db/queries/read/alerts';
import type { Alert, AlertInputs } from '../derive/alert-inputs';
import { marketPart } from './market';

export type { Alert, AlertKind } from '../derive/alert-inputs';

export interface ProductAlerts {
	productId: number;
	productName: string;
	producerId: number;
	producerName: string;
	dataUntil: string | null;
	stale: boolean;
	/** "Data sudah lama …" when stale, "… sedang disiapkan" before the market part is built, else null. */
	note: string | null;
	alerts: Alert[];
}

const BAND_WORDS: Record<PriceBand, string> = {
	'lebih-murah': 'lebih murah dari kebanyakan penjual',
	sekitar: 'sama dengan kebanyakan penjual',
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
		why: `Empat minggu lalu ${BAND_WORDS[a.band]}. Harga kebanyakan pesaing berubah dari ${formatRupiah(mid(then))} ke ${formatRupiah(mid(now))} per ${own.per}.`
	};
}

/** The alerts of a product from its stored inputs: nothing from data over 4 weeks old. */
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

/** A product's alerts, read from its stored market part (the same inputs its dashboard shows). */
async function alertsOf(db: Db, p: ProductRow, today: string): Promise<ProductAlerts> {
	const product = await getProduct(db, p.id);
	const market = product ? (await marketPart(db, product, today)) : null;
	if (!market) {
		const base = { productId: p.id, productName: p.name, producerId: p.producerId, producerName: p.producerName, dataUntil: null };
		return { ...base, stale: false, note: PREPARING_SENTENCE, alerts: [] };
	}
	return alertsFromInputs(p, market.alerts, today);
}

export async function productAlerts(db: Db, productId: number, today = new Date().toISOString().slice(0, 10)): Promise<ProductAlerts | null> {
	const p = await alertProduct(db, productId);
	return p ? (await alertsOf(db, p, today)) : null;
}

/** Every product of these producers with its alerts; products with alerts first. */
export async function alertsForProducers(db: Db, producerIds: number[], today = new Date().toISOString().slice(0, 10)): Promise<ProductAlerts[]> {
	if (!producerIds.length) return [];
	const products = await alertProductsOf(db, producerIds);
	return (await Promise.all(products.map(async (p) => alertsOf(db, p, today)))).sort((a, b) => b.alerts.length - a.alerts.length);
}

/**
 * Alerts for the producers the actor may see (an agent: their own), optionally narrowed to some
 * of them; ids outside the actor's scope are ignored, as if they did not exist.
 */
export async function alertsFor(db: Db, actor: Actor, producerIds?: number[], today?: string): Promise<ProductAlerts[]> {
	const visible = await producerIdsIn(db, producerScopePrepared(actor));
	const wanted = producerIds ? visible.filter((id) => producerIds.includes(id)) : visible;
	return alertsForProducers(db, wanted, today);
}
