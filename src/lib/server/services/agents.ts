// The agent's workspace: their producers with a one-line status each (who needs attention
// first), adding producers and products on a producer's behalf, and (admin) assigning
// producers to agents. Scope comes from access.ts: an agent reaches only their producers.
import { MIN_COMPARABLE, pricePosition } from '$lib/analysis/prices';
import { ownPack, packPhrase } from '$lib/analysis/own-pack';
import { familyOf, unitPrice } from '$lib/analysis/units';
import type { ProductDashboard } from '$lib/dashboard-types';
import { formatDate, formatNumber } from '$lib/format';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { InvalidInputError } from './errors';
import { AccountError, checkedAccount, insertUser } from './accounts';
import { assertProducer, canEditProducer, ForbiddenError, MAX_PRICE, NotFoundError, producerScope } from './access';
import { derivedDataChanged } from '../derive/notify';
import { isStale } from '$lib/analysis/freshness';
import { marketPart } from './dashboard';
import { getProduct } from './products';

export interface ProductStatus {
	id: number;
	name: string;
	/** "lebih mahal dari 8 dari 10 penjual · permintaan turun 12%" */
	line: string;
	/** Higher: look at this first. */
	attention: number;
	band: 'lebih-murah' | 'sekitar' | 'lebih-mahal' | null;
	demandDirection: ProductDashboard['demand']['direction'];
	demandChange: number | null;
	/** The date of the data behind the line (newest observation of its competitors). */
	dataUntil: string | null;
	stale: boolean;
}

export interface ProducerStatus {
	id: number;
	name: string;
	villageName: string | null;
	regencyName: string | null;
	agentName: string | null;
	hasAccount: boolean;
	products: ProductStatus[];
	/** The product needing most attention's line, or why there is nothing to say. */
	line: string;
	/** The date of the data behind that line. */
	dataUntil: string | null;
	attention: number;
}

/** What a status line needs from a dashboard (productStatusInput computes just this, cheaply). */
export interface StatusInput {
	product: { id: number; name: string };
	dataUntil: string | null;
	stale: boolean;
	price: { position: ProductDashboard['price']['position'] };
	/** THE demand call of the product (its dashboard's): direction and change. */
	demand: Pick<ProductDashboard['demand'], 'direction' | 'change'>;
}

/** A product's status. Old data raises no alerts, only "data sudah lama". */
export function productStatus(d: StatusInput): ProductStatus {
	const parts: string[] = [];
	let attention = 0;
	const pos = d.price.position;
	const { direction, change } = d.demand;
	if (d.stale) {
		parts.push(d.dataUntil ? `data per ${formatDate(d.dataUntil)} sudah lama, perlu diperbarui` : 'data sudah lama, perlu diperbarui');
		attention += 1;
	} else {
		// outOf10 is the share on the far side of the band, as the dashboard's sentence says it.
		const share = pos ? Math.min(9, Math.max(1, Math.round(pos.outOf10))) : 0;
		if (pos?.band === 'lebih-mahal') {
			parts.push(`lebih mahal dari ${share} dari 10 penjual`);
			attention += share >= 7 ? 3 : 1;
		} else if (pos?.band === 'lebih-murah') {
			parts.push(`lebih murah dari ${share} dari 10 penjual`);
			attention += share >= 7 ? 2 : 1;
		} else if (pos) parts.push('harga sekitar tengah');
		else parts.push('belum cukup data harga');
		// The dashboard's call, in its words: naik/turun with its change, stabil without one.
		const pct = change !== null && Number.isFinite(change) ? ` ${formatNumber(Math.round(Math.abs(change) * 100))}%` : '';
		if (direction === 'turun') {
			parts.push(`permintaan turun${pct}`);
			attention += 3;
		} else if (direction === 'naik') {
			parts.push(`permintaan naik${pct}`);
			attention += 1;
		} else if (direction === 'stabil') parts.push('permintaan stabil');
	}
	return {
		id: d.product.id,
		name: d.product.name,
		line: parts.join(' · '),
		attention,
		band: pos?.band ?? null,
		demandDirection: direction,
		demandChange: change,
		dataUntil: d.dataUntil,
		stale: d.stale
	};
}

/**
 * The status numbers of one product: the same price position and demand call as its dashboard
 * shows, read from the dashboard's stored market part (services/dashboard.ts), so
 * a list of a hundred producers reads a hundred rows instead of their snapshots.
 */
export function productStatusInput(db: Db, productId: number, today = new Date().toISOString().slice(0, 10)): StatusInput | null {
	const product = getProduct(db, productId);
	if (!product) return null;
	const market = marketPart(db, product, today);
	const own = unitPrice(product.price, { quantity: product.packQuantity, unit: product.unit }).value;
	const position = market.compared >= MIN_COMPARABLE ? pricePosition(own, market.unitPrices) : null;
	const stale = isStale(market.dataUntil, today);
	return {
		product: { id: product.id, name: product.name },
		dataUntil: market.dataUntil,
		stale,
		price: { position: position ? { band: position.band, outOf10: position.outOf10, cheaperCount: position.cheaperCount, pricierCount: position.pricierCount } : null },
		demand: { direction: market.demand.direction, change: market.demand.change }
	};
}

// A status reads one stored row (about a millisecond); statuses are still kept per database until
// the product or the market (an import batch) changes, as a list may hold hundreds of products.
const statusCache = new WeakMap<Db, Map<string, StatusInput | null>>();
const STATUS_CACHE_MAX = 5000;

function cachedStatusInput(db: Db, productId: number, today: string): StatusInput | null {
	const version = db.$client
		.prepare(
			`select (select updated_at from products where id = ?) || '|' ||
			        (select coalesce(max(id), 0) || ':' || coalesce(max(finished_at), '') || ':' || count(*) from import_batches)`
		)
		.pluck()
		.get(productId) as string | null;
	if (version === null) return null;
	let cache = statusCache.get(db);
	if (!cache) statusCache.set(db, (cache = new Map()));
	const key = `${productId}|${today}|${version}`;
	if (cache.has(key)) return cache.get(key)!;
	if (cache.size > STATUS_CACHE_MAX) cache.clear();
	const value = productStatusInput(db, productId, today);
	cache.set(key, value);
	return value;
}

interface ProducerRow {
	id: number;
	name: string;
	villageName: string | null;
	regencyName: string | null;
	agentName: string | null;
	hasAccount: number;
}

const PRODUCER_SELECT = `
	select pr.id, pr.name, v.name as villageName, r.name as regencyName, a.name as agentName,
	       exists (select 1 from users u where u.producer_id = pr.id) as hasAccount
	from producers pr
	left join regions v on v.code = pr.village_code
	left join regions r on r.code = substr(pr.village_code, 1, 5)
	left join agents a on a.id = pr.agent_id`;

/** The producers the actor serves, each with their products' status, most urgent first. */
export function listProducersFor(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): ProducerStatus[] {
	const scope = producerScope(actor);
	const rows = db.$client.prepare(`${PRODUCER_SELECT} where ${scope.sql} order by pr.name, pr.id`).all(...scope.params) as ProducerRow[];
	const productIds = db.$client.prepare('select id from products where producer_id = ? order by name, id').pluck();
	const out = rows.map((r): ProducerStatus => {
		const products = (productIds.all(r.id) as number[])
			.map((id) => cachedStatusInput(db, id, today))
			.filter((d): d is StatusInput => d !== null)
			.map(productStatus)
			.sort((a, b) => b.attention - a.attention);
		const worst = products[0];
		return {
			...r,
			hasAccount: Boolean(r.hasAccount),
			products,
			line: worst ? `${worst.name}: ${worst.line}` : 'Belum ada produk. Tambahkan produk pertamanya.',
			dataUntil: worst?.dataUntil ?? null,
			attention: worst ? worst.attention : 2
		};
	});
	return out.sort((a, b) => b.attention - a.attention || a.name.localeCompare(b.name, 'id'));
}

export interface ProducerDetail {
	id: number;
	name: string;
	villageName: string | null;
	regencyName: string | null;
	agentName: string | null;
	hasAccount: boolean;
	canEdit: boolean;
	products: { id: number; name: string; price: number; per: string; categoryName: string }[];
}

export function producerDetailFor(db: Db, actor: Actor, producerId: number): ProducerDetail {
	assertProducer(db, actor, producerId);
	const row = db.$client.prepare(`${PRODUCER_SELECT} where pr.id = ?`).get(producerId) as ProducerRow;
	const products = (
		db.$client
			.prepare(
				`select p.id, p.name, p.price, p.pack_quantity as packQuantity, p.unit, c.name as categoryName
				 from products p join categories c on c.id = p.category_id where p.producer_id = ? order by p.name, p.id`
			)
			.all(producerId) as { id: number; name: string; price: number; packQuantity: number; unit: 'g' | 'ml' | 'pcs'; categoryName: string }[]
	).map((p) => ({
		id: p.id,
		name: p.name,
		price: p.price,
		// "bungkus (1 kg)", never "1.000 kg": the pack as the producer sells it (analysis/own-pack.ts).
		per: packPhrase(ownPack(p.name, p.packQuantity, p.unit)),
		categoryName: p.categoryName
	}));
	return { ...row, hasAccount: Boolean(row.hasAccount), canEdit: canEditProducer(db, actor, producerId), products };
}

/** A problem with a form field, shown next to it (and a 422 with the message over tRPC). */
export class FieldError extends InvalidInputError {
	constructor(
		override readonly field: string,
		message: string
	) {
		super(message, field);
		this.name = 'FieldError';
	}
}

export interface NewProducer {
	name: string;
	villageCode?: string | null;
	/** Admin chooses the agent; an agent's new producer is always their own. */
	agentId?: number | null;
	/** With a password, the producer gets an account to sign in with this number. */
	phone?: string | null;
	password?: string | null;
}

export async function createProducerFor(db: Db, actor: Actor, input: NewProducer, now = new Date()): Promise<number> {
	if (actor.role !== 'agen' && actor.role !== 'admin') throw new ForbiddenError();
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name.length < 2 || name.length > 80) throw new FieldError('name', 'Tulis nama produsen (2–80 huruf).');
	const agentId = actor.role === 'agen' ? actor.agentId : (input.agentId ?? null);
	if (actor.role === 'agen' && !agentId) throw new ForbiddenError('Akun agen ini belum terhubung ke data agen.');
	if (agentId && !db.$client.prepare('select 1 from agents where id = ?').get(agentId)) throw new FieldError('agentId', 'Agen tidak ditemukan.');
	const villageCode = input.villageCode || null;
	if (villageCode && !db.$client.prepare("select 1 from regions where code = ? and level = 'village'").get(villageCode)) {
		throw new FieldError('villageCode', 'Desa tidak ditemukan.');
	}
	const wantsAccount = Boolean(input.phone?.trim() || input.password);
	const insert = () =>
		Number(
			db.$client
				.prepare('insert into producers (name, phone, village_code, agent_id, created_at) values (?, null, ?, ?, ?)')
				.run(name, villageCode, agentId, now.toISOString()).lastInsertRowid
		);
	if (!wantsAccount) return insert();
	let account;
	try {
		account = await checkedAccount(db, { phone: input.phone ?? '', password: input.password ?? '', role: 'produsen', name });
	} catch (e) {
		if (e instanceof AccountError) throw new FieldError(e.field, e.message);
		throw e;
	}
	// No half-made producer: the producer and its account are written together or not at all
	// (also when the database is locked and the request tries again, db/busy.ts).
	return db.$client.transaction(() => {
		const producerId = insert();
		insertUser(db, { ...account, producerId }, now);
		return producerId;
	})();
}

export interface NewProduct {
	name: string;
	categoryId: number;
	price: number;
	packQuantity: number;
	unit: 'g' | 'ml' | 'pcs';
	keywords?: string;
}

// Words that say nothing about what a product is; left out of its search keywords.
const NOT_KEYWORDS = new Set(['gram', 'gr', 'kg', 'ml', 'liter', 'pcs', 'buah', 'isi', 'pack', 'promo', 'murah', 'asli', 'original', 'dan', 'untuk', 'dengan']);

/** Search keywords from a product name: its meaningful words, lowercase, at most six. */
export function keywordsFromName(name: string): string {
	const words = name
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter((w) => w.length >= 3 && !NOT_KEYWORDS.has(w));
	return [...new Set(words)].slice(0, 6).join(' ');
}

export function createProductFor(db: Db, actor: Actor, producerId: number, input: NewProduct, now = new Date()): number {
	assertProducer(db, actor, producerId);
	if (!canEditProducer(db, actor, producerId)) throw new ForbiddenError('Koperasi hanya bisa melihat produk anggota.');
	const name = input.name.trim().replace(/\s+/g, ' ');
	if (name.length < 3 || name.length > 120) throw new FieldError('name', 'Tulis nama produk (3–120 huruf).');
	if (!db.$client.prepare('select 1 from categories where id = ?').get(input.categoryId)) throw new FieldError('categoryId', 'Pilih jenis produk.');
	if (!Number.isInteger(input.price) || input.price < 1 || input.price > MAX_PRICE) throw new FieldError('price', 'Tulis harga dalam Rupiah, misalnya 25000.');
	if (!(input.packQuantity > 0 && input.packQuantity <= 1_000_000)) throw new FieldError('packQuantity', 'Tulis isi kemasan, misalnya 250.');
	if (!['g', 'ml', 'pcs'].includes(input.unit)) throw new FieldError('unit', 'Pilih satuan.');
	const keywords = keywordsFromName(input.keywords?.trim() ? input.keywords : name);
	if (!keywords) throw new FieldError('name', 'Nama produk perlu kata yang jelas, misalnya "kopi robusta".');
	const village = db.$client.prepare('select village_code from producers where id = ?').pluck().get(producerId) as string | null;
	const at = now.toISOString();
	const id = Number(
		db.$client
			.prepare(
				`insert into products (producer_id, name, category_id, price, pack_quantity, unit, unit_family, keywords, village_code, is_demo, created_at, updated_at)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`
			)
			.run(producerId, name, input.categoryId, input.price, input.packQuantity, input.unit, familyOf(input.unit), keywords, village, at, at)
			.lastInsertRowid
	);
	// Its comparable listings, weekly demand and market part: built by the background writer
	// (at once, before returning, where there is none: CLI and tests).
	derivedDataChanged(db, { productIds: [id] });
	return id;
}

/** Admin only: move a producer to another agent (or to none). */
export function assignProducerFor(db: Db, actor: Actor, producerId: number, agentId: number | null): void {
	if (actor.role !== 'admin') throw new ForbiddenError('Hanya admin yang bisa memindahkan produsen.');
	assertProducer(db, actor, producerId);
	if (agentId !== null && !db.$client.prepare('select 1 from agents where id = ?').get(agentId)) throw new NotFoundError('Agen tidak ditemukan.');
	db.$client.prepare('update producers set agent_id = ? where id = ?').run(agentId, producerId);
}

export interface Option {
	value: string;
	label: string;
}

/** Product kinds to choose from: leaf categories, labelled with their parent. */
export function categoryOptions(db: Db): Option[] {
	return (
		db.$client
			.prepare(
				`select c.id, c.name, p.name as parent from categories c left join categories p on p.id = c.parent_id
				 where not exists (select 1 from categories k where k.parent_id = c.id) order by coalesce(p.name, c.name), c.name`
			)
			.all() as { id: number; name: string; parent: string | null }[]
	).map((c) => ({ value: String(c.id), label: c.parent ? `${c.parent} — ${c.name}` : c.name }));
}

/** Villages where the actor's producers live: a new producer is usually a neighbour. */
export function villageOptions(db: Db, actor: Actor): Option[] {
	const scope = producerScope(actor);
	return (
		db.$client
			.prepare(
				`select distinct v.code, v.name, r.name as regency from producers pr join regions v on v.code = pr.village_code
				 left join regions r on r.code = substr(v.code, 1, 5) where ${scope.sql} order by r.name, v.name`
			)
			.all(...scope.params) as { code: string; name: string; regency: string | null }[]
	).map((v) => ({ value: v.code, label: v.regency ? `${v.name}, ${v.regency}` : v.name }));
}

export function agentOptions(db: Db): Option[] {
	return (db.$client.prepare('select id, name from agents order by name').all() as { id: number; name: string }[]).map((a) => ({
		value: String(a.id),
		label: a.name
	}));
}
