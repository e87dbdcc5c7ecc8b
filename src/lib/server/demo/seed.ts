// Seeds the deterministic demo market ("Data contoh") into a migrated database: regions,
// marketplaces, the category tree, shops, listings with weekly snapshots, reviews, producers
// with products, agents and one co-op per cluster. One transaction; listings, snapshots and
// reviews go in many rows per statement (db/demo-load.ts), the rest through prepared queries
// (db/queries/demo/seed.ts): the default 24k listings and ~1.8M snapshots take well under
// a minute. Same seed + same endDate (+ same `now`) → byte-identical tables.
import type { Db } from '../db';
import { bulkRows, nextAutoIncrementId, suspendForBulkLoad } from '../db/demo-load';
import {
	districtCode,
	finishImportBatch,
	insertAgent,
	insertCooperative,
	insertDemoImportBatch,
	insertMarketplaceIfMissing,
	listingCountInCategory,
	prepareInsertCategory,
	prepareInsertMembership,
	prepareInsertProducer,
	prepareInsertProduct,
	prepareInsertShop,
	prepareListingUnitPrice,
	prepareUpsertMeta,
	regionsUnder,
	setShopRatingsFromListings
} from '../db/queries/demo/seed';
import { listings, listingSnapshots, reviews } from '../db/schema';
import { findRegency, loadRegions } from '../db/regions';
import { addDays } from '../../analysis/calendar';
import { CATEGORY_GROUPS } from '../category-tree';
import {
	AGENT_NAMES,
	CLUSTERS,
	LEAVES,
	MARKETPLACES,
	PERSON_NAMES,
	PLACEHOLDER_PRICES,
	PLACEHOLDER_SHARE,
	RESELLER_CITIES,
	RESELLER_SHARE,
	SHOP_PARTS,
	WEEKS,
	WHOLESALE_SHARE,
	type Cluster,
	type Leaf
} from './catalog';
import {
	displaySold,
	expectedStars,
	makeReview,
	makeTitle,
	packFields,
	roundPrice,
	shopIssueCandidates,
	type ShopProfile,
	type TitleDraft
} from './generate';
import { KIND_VERSION } from '../../analysis/product-kind';
import { competitorSetOf } from '../derive/competitors';
import { kindFields } from '../derive/kinds';
import { unitPrice } from '../../analysis/units';
import { createRng, type Rng } from './prng';
import { isSaleWeek, leafWeekFactors, marketplaceWeekFactors, observationDates } from './season';
import { seedDemoSales, type MadeProduct } from './sales';
import { transaction } from "../db/run";

export interface SeedOptions {
	seed?: number;
	/** Last day the demo covers ('YYYY-MM-DD'); observations fall on the Mondays up to it. Default: today (UTC). */
	endDate?: string;
	/** Number of listings; default 24,000. */
	listings?: number;
	/** Weeks of snapshots up to endDate; default WEEKS (106). Longer histories are for evaluations (npm run eval:plan). */
	weeks?: number;
	/** Wall-clock instant written to meta.seeded_at and the import batch; fix it to compare two seeds byte for byte. */
	now?: string;
	onProgress?: (done: number, total: number) => void;
	/**
	 * Scale runs (bench/scale.ts): only `weeklyShare` of the listings are observed every week,
	 * the rest every `everyWeeks` weeks (first and last week always), as a scraper revisits the
	 * long tail less often. Omitted: every listing weekly, ~3 % of weeks missed (the demo).
	 */
	observation?: { weeklyShare: number; everyWeeks: number };
	/** Multiplies how many reviews each listing gets (scale runs); default 1. */
	reviewFactor?: number;
	/** Producers per co-op cluster (scale runs need thousands of products); default 3 or 4. */
	producersPerCluster?: number;
	/**
	 * Told the true kind of every listing and product as it is written ('vas-keramik', 'sambal',
	 * 'bawang-goreng'): `npm run eval:competitors` scores competitor sets against it. Nothing stores it.
	 */
	onTruth?: (row: { table: 'listings' | 'products'; id: number; truth: string }) => void;
}

export interface SeedResult {
	listings: number;
	snapshots: number;
	reviews: number;
	producers: number;
	products: number;
	shops: number;
	ms: number;
}

export const DEFAULT_SEED = 20250331;
export const DEFAULT_LISTINGS = 24_000;

interface ShopState extends ShopProfile {
	id: number;
	regionCode: string;
	priceLevel: number;
	popularity: number;
}

export async function seedDemoMarket(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
	const started = performance.now();
	const seed = opts.seed ?? DEFAULT_SEED;
	const now = opts.now ?? new Date().toISOString();
	const endDate = opts.endDate ?? now.slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new Error(`endDate must be YYYY-MM-DD, got ${endDate}`);
	const total = opts.listings ?? DEFAULT_LISTINGS;

	// One transaction around the whole market; the queries below run on its handle (`db` is
	// shadowed: on PostgreSQL the transaction has a connection of its own).
	const result = await transaction(db, async (db): Promise<SeedResult> => {
    		await loadRegions(db);
    		const root = createRng(seed);
    		const weeks = opts.weeks ?? WEEKS;
    		const dates = observationDates(endDate, weeks);
    		const lastWeek = dates.length - 1;

    		// --- marketplaces, categories -------------------------------------------------
    		for (const m of MARKETPLACES) await insertMarketplaceIfMissing(db, m.id, m.name);
    		const insertCat = prepareInsertCategory(db);
    		const catId = new Map<string, number>();
    		for (const c of [...CATEGORY_GROUPS, ...LEAVES.map((l) => ({ slug: l.slug, name: l.name, parent: l.parent, unitFamily: l.unitFamily }))]) {
    			const parentId = c.parent ? catId.get(c.parent) : null;
    			if (c.parent && parentId === undefined) throw new Error(`category ${c.slug}: parent ${c.parent} not defined before it`);
    			catId.set(c.slug, (await insertCat.get({ parentId: parentId ?? null, slug: c.slug, name: c.name, unitFamily: c.unitFamily }))!.id);
    		}

    		// --- places -------------------------------------------------------------------
    		const regencyCode = async (name: string): Promise<string> => {
    			const code = await findRegency(db, name);
    			if (!code) throw new Error(`demo catalog: regency not found: ${name}`);
    			return code;
    		};
    		// One after another: the queries share the transaction's one connection.
    		const clusterPlace: { cluster: Cluster; regency: string; district: string | undefined; villages: { code: string; name: string }[] }[] = [];
    		for (const c of CLUSTERS) {
    			const regency = await regencyCode(c.regency);
    			const district = c.district ? await districtCode(db, regency, c.district) : undefined;
    			const prefix = district ?? regency;
    			const villages = (await regionsUnder(db, prefix)).filter((r) => r.level === 'village').map((r) => ({ code: r.code, name: r.name }));
    			if (villages.length === 0) throw new Error(`demo catalog: no villages under ${c.regency} ${c.district ?? ''}`);
    			clusterPlace.push({ cluster: c, regency, district, villages });
    		}
    		const resellerCodes: string[] = [];
    		for (const city of RESELLER_CITIES) resellerCodes.push(await regencyCode(city));
    		const clustersByLeaf = new Map<string, Cluster[]>();
    		for (const l of LEAVES) clustersByLeaf.set(l.slug, CLUSTERS.filter((c) => c.leaves.includes(l.slug)));
    		const clusterIndex = new Map(CLUSTERS.map((c, i) => [c.id, i]));

    		// --- import batch ---------------------------------------------------------------
    		const batchId = await insertDemoImportBatch(db, now, dates[lastWeek]);

    		// --- per-leaf and per-marketplace weekly factors ----------------------------------
    		const weekRng = root.fork('weeks');
    		const leafFactors = new Map(LEAVES.map((l) => [l.slug, leafWeekFactors(l, dates, weekRng.fork(l.slug))]));
    		const mpFactors = new Map(MARKETPLACES.map((m) => [m.id, marketplaceWeekFactors(m.growth, lastWeek)]));
    		const saleWeek = dates.map(isSaleWeek);
    		const activeMps = MARKETPLACES.filter((m) => m.share > 0);

    		// --- statements -------------------------------------------------------------------
    		const insertShop = prepareInsertShop(db);
    		// Rows go in 64 per statement; listings, snapshots and reviews get their secondary indexes
    		// (and the listings' full-text index) once at the end instead of row by row. Listing ids are
    		// given, not taken from each insert, so a listing's snapshots and reviews can wait in their
    		// buffers; the listings' buffer is written first, as their foreign keys need.
    		const L = listings;
    		const bulkListings = bulkRows(db, listings, [
    			L.id, L.marketplaceId, L.externalId, L.url, L.title, L.categoryId, L.shopId, L.regionCode, L.packQuantity, L.unit, L.unitFamily,
    			L.price, L.priceMax, L.soldCount, L.soldLowerBound, L.rating, L.reviewCount, L.firstSeenAt, L.lastSeenAt, L.batchId, L.kind, L.kindAttrs, L.packStatus
    		], 32);
    		const S = listingSnapshots;
    		const bulkSnapshots = bulkRows(db, listingSnapshots, [S.listingId, S.observedAt, S.price, S.soldCount, S.soldLowerBound, S.rating, S.reviewCount, S.batchId]);
    		const bulkReviews = bulkRows(db, reviews, [reviews.id, reviews.listingId, reviews.externalId, reviews.reviewedAt, reviews.stars, reviews.text, reviews.batchId]);
    		const flushRows = async () => {
    			await bulkListings.flush();
    			await bulkSnapshots.flush();
    			await bulkReviews.flush();
    		};
    		// The next ids, as AUTOINCREMENT would have given them.
    		let listingIdNext = await nextAutoIncrementId(db, listings);
    		let reviewIdNext = await nextAutoIncrementId(db, reviews);
    		// Secondary indexes and the full-text index are built once at the end, not row by row.
    		const finishBulkLoad = await suspendForBulkLoad(db, [listings, listingSnapshots, reviews]);

    		// --- shops ------------------------------------------------------------------------
    		const shopRng = root.fork('shops');
    		const pools = new Map<string, ShopState[]>();
    		let shopCount = 0;
    		const newShop = async (mp: string, leaf: Leaf): Promise<ShopState> => {
    			const reseller = shopRng.chance(RESELLER_SHARE);
    			const clusters = clustersByLeaf.get(leaf.slug)!;
    			const cluster = reseller ? undefined : shopRng.weighted(clusters, clusters.map((c) => c.weight));
    			const regionCode = cluster ? clusterPlace[clusterIndex.get(cluster.id)!].regency : shopRng.pick(resellerCodes);
    			const place = cluster ? (cluster.district && shopRng.chance(0.5) ? cluster.district : cluster.regency) : '';
    			const name = reseller
    				? [shopRng.pick(SHOP_PARTS.reseller), shopRng.chance(0.5) ? shopRng.pick(SHOP_PARTS.suffix) : ''].join(' ')
    				: [shopRng.pick(SHOP_PARTS.prefix), shopRng.pick(SHOP_PARTS.core[leaf.themes]), shopRng.chance(0.6) ? place : '', shopRng.chance(0.6) ? shopRng.pick(SHOP_PARTS.suffix) : ''].join(' ');
    			shopCount++;
    			const externalId = `demo-shop-${shopCount}`;
    			const { id } = (await insertShop.get({ marketplaceId: mp, externalId, name: name.replace(/\s+/g, ' ').trim(), regionCode }))!;
    			const problem = shopRng.chance(0.12);
    			const issues = shopIssueCandidates(leaf.themes);
    			const shop: ShopState = {
    				id,
    				regionCode,
    				quality: shopRng.normal(problem ? -1.6 : 0.2, 0.7),
    				issue: shopRng.pick(issues),
    				issueStrength: problem ? shopRng.range(0.7, 0.9) : shopRng.range(0.15, 0.5),
    				priceLevel: shopRng.lognormal(reseller ? 0.1 : 0, 0.15),
    				popularity: shopRng.lognormal(0, 0.6)
    			};
    			// A producer's shop usually sells the cluster's other products too.
    			for (const other of cluster?.leaves ?? []) {
    				if (other === leaf.slug || !shopRng.chance(0.4)) continue;
    				const key = `${mp}|${other}`;
    				if (!pools.has(key)) pools.set(key, []);
    				pools.get(key)!.push(shop);
    			}
    			return shop;
    		};
    		const shopFor = async (mp: string, leaf: Leaf): Promise<ShopState> => {
    			const key = `${mp}|${leaf.slug}`;
    			let pool = pools.get(key);
    			if (!pool) pools.set(key, (pool = []));
    			if (pool.length < 2 || shopRng.chance(0.2)) {
    				const s = await newShop(mp, leaf);
    				pool.push(s);
    				return s;
    			}
    			// Preferential: each listing re-adds its shop, so busy shops get more listings.
    			const s = shopRng.pick(pool);
    			pool.push(s);
    			return s;
    		};

    		// --- listings, snapshots, reviews -------------------------------------------------
    		const planRng = root.fork('plan');
    		const leafWeights = LEAVES.map((l) => l.weight);
    		const mpWeights = activeMps.map((m) => m.share);
    		let snapshotCount = 0;
    		let reviewCount = 0;
    		const cum = new Float64Array(weeks);
    		const sales = new Float64Array(weeks);
    		for (let i = 0; i < total; i++) {
    			const mp = planRng.weighted(activeMps, mpWeights);
    			const leaf = planRng.weighted(LEAVES, leafWeights);
    			const shop = await shopFor(mp.id, leaf);
    			const r = root.fork(`listing:${i}`);
    			const kind = r.chance(PLACEHOLDER_SHARE) ? 'placeholder' : r.chance(WHOLESALE_SHARE) ? 'wholesale' : 'normal';
    			const draft = makeTitle(r, leaf, { wholesale: kind === 'wholesale' });
    			const pack = packFields(draft.title);
    			const charm = r.chance(0.4);
    			const listPrice = leaf.basePrice * draft.priceMult * r.lognormal(0, 0.3) * mp.priceOffset * shop.priceLevel;
    			// Wholesale packs: a much lower unit price, bought rarely.
    			const unitPrice = listPrice * (kind === 'wholesale' ? r.range(0.35, 0.5) : 1);
    			const qtyDiscount = draft.realQty > 1 ? Math.pow(draft.realQty, -0.06) : 1;
    			const basePrice = kind === 'placeholder' ? r.pick(PLACEHOLDER_PRICES) : roundPrice(unitPrice * draft.realQty * qtyDiscount, charm);
    			const relPrice = listPrice / (leaf.basePrice * draft.priceMult * mp.priceOffset);
    			const quality = shop.quality * 0.7 + r.normal(0, 0.5);

    			// life: most listings exist from the start; the rest appear over time, a few vanish.
    			const fromStart = r.chance(mp.id === 'tiktok' ? 0.3 : 0.55);
    			const a = fromStart ? 0 : r.int(1, lastWeek - 4);
    			const e = r.chance(0.06) ? r.int(Math.min(a + 8, lastWeek - 1), lastWeek - 1) : lastWeek;

    			// demand
    			const lf = leafFactors.get(leaf.slug)!;
    			const mf = mpFactors.get(mp.id)!;
    			const kindFactor = kind === 'placeholder' ? 0.02 : kind === 'wholesale' ? 0.08 : 1;
    			const rate = leaf.sellRate * r.lognormal(0, 1.1) * shop.popularity * Math.pow(relPrice, -1.3) * (1 + 0.15 * Math.max(-2, Math.min(2, quality))) * kindFactor;
    			const prior = fromStart ? Math.round(rate * r.int(0, 150) * r.lognormal(0, 0.3)) : 0;
    			cum[a] = prior;
    			for (let w = a; w < e; w++) {
    				const ramp = w - a < 4 ? 0.4 + 0.15 * (w - a) : 1;
    				const s = r.poisson(rate * lf[w] * mf[w] * ramp);
    				sales[w] = s;
    				cum[w + 1] = cum[w] + s;
    			}
    			const reviewRate = r.range(0.15, 0.4);
    			const stars = expectedStars(quality);
    			const ratingBias = r.normal(0, 0.8);
    			const hasVariants = kind === 'normal' && r.chance(0.08);

    			// price path: slow drift, rare re-pricing, promo dips (often in double-date weeks)
    			let drift = 1;
    			const prices = new Float64Array(weeks);
    			for (let w = a; w <= e; w++) {
    				if (w > a) {
    					drift *= Math.exp(r.normal(0.0006, 0.006));
    					if (r.chance(0.015)) drift *= Math.exp(r.normal(0, 0.08));
    				}
    				const promo = r.chance(saleWeek[w] ? 0.3 : 0.04) ? r.range(0.8, 0.92) : 1;
    				prices[w] = kind === 'placeholder' ? basePrice : roundPrice(basePrice * drift * promo, charm);
    			}

    			const soldShown = (w: number) => displaySold(cum[w], mp.bucketed);
    			const ratingAt = (w: number) => {
    				const n = Math.floor(cum[w] * reviewRate);
    				if (n === 0) return { rating: null, reviews: 0 };
    				const v = stars + ratingBias / Math.sqrt(1 + n);
    				return { rating: Math.round(Math.max(1, Math.min(5, v)) * 10) / 10, reviews: n };
    			};
    			const last = soldShown(e);
    			const lastRating = ratingAt(e);
    			const kindOf = kindFields(draft.title, leaf.slug);
    			const listingId = listingIdNext++;
    			bulkListings.push(
    				listingId,
    				mp.id,
    				`demo-${mp.id}-${i + 1}`,
    				null,
    				draft.title,
    				catId.get(leaf.slug)!,
    				shop.id,
    				shop.regionCode,
    				pack.packQuantity,
    				pack.unit,
    				pack.unitFamily,
    				prices[e],
    				hasVariants ? roundPrice(prices[e] * r.range(1.2, 2), charm) : null,
    				last.count,
    				last.lowerBound ? 1 : 0,
    				lastRating.rating,
    				lastRating.reviews,
    				dates[a],
    				dates[e],
    				batchId,
    				kindOf.kind,
    				kindOf.kindAttrs,
    				pack.packStatus
    			);
    			opts.onTruth?.({ table: 'listings', id: listingId, truth: draft.truth });
    			// A separate stream, so the demo's draws (and bytes) are the same with or without the option.
    			let every = 1;
    			let phase = 0;
    			if (opts.observation) {
    				const o = r.fork('observe');
    				if (!o.chance(opts.observation.weeklyShare)) {
    					every = opts.observation.everyWeeks;
    					phase = o.int(0, every - 1);
    				}
    			}
    			for (let w = a; w <= e; w++) {
    				if (every > 1) {
    					if (w > a && w < e && (w + phase) % every !== 0) continue;
    				}
    				// ~3 % of weeks were not observed (scraper missed them); the first and last always were.
    				else if (w > a && w < e && r.chance(0.03)) continue;
    				const shown = soldShown(w);
    				const rt = ratingAt(w);
    				bulkSnapshots.push(listingId, dates[w], prices[w], shown.count, shown.lowerBound ? 1 : 0, rt.rating, rt.reviews, batchId);
    				snapshotCount++;
    			}

    			// reviews: a sample of those written during the listing's life, dated by its sales
    			const written = Math.floor((cum[e] - cum[a]) * reviewRate);
    			const n = Math.min(written, r.poisson((opts.reviewFactor === undefined ? 0.55 : 0.55 * opts.reviewFactor) * Math.sqrt(written)));
    			if (n > 0) {
    				const weeks: number[] = [];
    				const weights: number[] = [];
    				for (let w = a; w < e; w++) {
    					if (sales[w] > 0) {
    						weeks.push(w);
    						weights.push(sales[w]);
    					}
    				}
    				const drafts: { date: string; stars: number; text: string }[] = [];
    				for (let k = 0; k < n; k++) {
    					const w = r.weighted(weeks, weights);
    					let date = addDays(dates[w], r.int(2, 11));
    					if (date > dates[e]) date = dates[e];
    					const rv = makeReview(r, leaf.themes, quality, shop);
    					drafts.push({ date, stars: rv.stars, text: rv.text });
    				}
    				drafts.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    				drafts.forEach((d, k) => bulkReviews.push(reviewIdNext++, listingId, `demo-${k + 1}`, d.date, d.stars, d.text, batchId));
    				reviewCount += n;
    			}
    			// The listings first: the snapshots and reviews waiting in their buffers point at them.
    			if (i % 256 === 255) await flushRows();
    			if (opts.onProgress && ((i + 1) % 500 === 0 || i + 1 === total)) opts.onProgress(i + 1, total);
    		}
    		await flushRows();
    		await finishBulkLoad();
    		await setShopRatingsFromListings(db);

    		// --- agents, producers, products, co-ops ------------------------------------------
    		const people = await seedPeople(db, root.fork('people'), clusterPlace, catId, endDate, opts.producersPerCluster, opts.onTruth);
    		// Their sales books and what each can make a week (issue 14), on the market's own weeks.
    		await seedDemoSales(db, root.fork('sales'), { dates, leafFactors, products: people.made, recordedAt: now });

    		// --- meta, batch --------------------------------------------------------------------
    		const counts = { listings: total, snapshots: snapshotCount, reviews: reviewCount, shops: shopCount, producers: people.producers, products: people.products };
    		const upsertMeta = prepareUpsertMeta(db);
    		for (const [k, v] of [
    			['demo', 'true'],
    			['demo_seed', String(seed)],
    			['demo_end_date', endDate],
    			['demo_first_observed', dates[0]],
    			['demo_last_observed', dates[lastWeek]],
    			['seeded_at', now],
    			// The kinds above were computed by these rules (derive/kinds.ts recomputes them after a change).
    			['kind_version', String(KIND_VERSION)]
    		])
    			await upsertMeta.run({ key: k, value: v, updatedAt: now });
    		// With a fixed `now` (tests), the batch finishes at that instant too, so two seeds compare equal.
    		const finishedAt = opts.now ?? new Date().toISOString();
    		await finishImportBatch(db, batchId, finishedAt, total, JSON.stringify(counts));
    		return { ...counts, ms: 0 };
    	});

	return { ...result, ms: Math.round(performance.now() - started) };
}

interface ClusterPlace {
	cluster: Cluster;
	regency: string;
	district: string | undefined;
	villages: { code: string; name: string }[];
}

/** Agents, producers in real villages with 1–3 products each, and one co-op per cluster. */
async function seedPeople(
	db: Db,
	rng: Rng,
	places: ClusterPlace[],
	catId: Map<string, number>,
	endDate: string,
	perCluster?: number,
	onTruth?: SeedOptions['onTruth']
) {
	const phone = () => `08${rng.pick(['12', '13', '21', '22', '52', '53', '57', '77', '78', '95'])}${String(rng.int(10_000_000, 99_999_999))}`;
	const agentIds: number[] = [];
	for (const [i, name] of AGENT_NAMES.entries()) {
		const first = places.find((p) => p.cluster.agent === i);
		agentIds.push(await insertAgent(db, name, phone(), first?.regency ?? null));
	}
	const insertProducer = prepareInsertProducer(db);
	const insertProduct = prepareInsertProduct(db);
	const insertMember = prepareInsertMembership(db);
	const unitPrices = prepareListingUnitPrice(db);
	// A product's comparable listings, by the app's own rule (derive/competitors.ts), memoised:
	// products of one cluster share kinds, and a scale market has thousands of them.
	const setSizes = new Map<string, number[]>();
	const comparable = async (name: string, categoryId: number, family: string): Promise<number[]> => {
		const { kind, kindAttrs } = kindFields(name, null);
		const key = `${categoryId}|${family}|${kind}|${kindAttrs}`;
		let ids = setSizes.get(key);
		if (!ids) {
			const set = await competitorSetOf(db, { id: 0, categoryId, unitFamily: family, name, kind: null, kindAttrs: null });
			setSizes.set(key, (ids = set.compared.map((c) => c.listingId)));
		}
		return ids;
	};
	const usedNames = new Set<string>();
	let producers = 0;
	let products = 0;
	const made: MadeProduct[] = [];

	for (const place of places) {
		const c = place.cluster;
		const coopId = await insertCooperative(db, c.cooperative, place.district ?? place.regency);
		const n = perCluster ?? (rng.chance(0.75) ? 4 : 3);
		for (let k = 0; k < n; k++) {
			const pool = PERSON_NAMES[c.names];
			let name = '';
			for (let tries = 0; tries < 50 && (!name || usedNames.has(name)); tries++) name = `${rng.pick(pool.first)} ${rng.pick(pool.last)}`;
			usedNames.add(name);
			const village = rng.pick(place.villages);
			const joined = addDays(endDate, -rng.int(400, 1500));
			const created = `${addDays(endDate, -rng.int(30, 380))}T08:00:00.000Z`;
			const producerId = (await insertProducer.get({ name, phone: phone(), villageCode: village.code, agentId: agentIds[c.agent], createdAt: created }))!.id;
			await insertMember.run({ cooperativeId: coopId, producerId, joinedAt: joined });
			producers++;

			const leaves = rng.shuffle([...c.leaves]);
			const m = Math.min(leaves.length, rng.weighted([1, 2, 3], [0.45, 0.35, 0.2]));
			for (let j = 0; j < m; j++) {
				const leaf = LEAVES.find((l) => l.slug === leaves[j])!;
				const categoryId = catId.get(leaf.slug)!;
				const min = Math.max(10, Math.round(0.03 * (await listingCountInCategory(db, categoryId))));
				// Producers make the common things of their craft: draw a few names and keep the
				// first whose kind has enough comparable listings (a small market may have only a
				// handful of, say, wooden masks).
				let best: { draft: TitleDraft; ids: number[] } | undefined;
				for (let attempt = 0; attempt < 8 && (!best || best.ids.length < min); attempt++) {
					const draft = makeTitle(rng, leaf, { clean: true });
					const ids = await comparable(draft.title, categoryId, packFields(draft.title).unitFamily);
					if (!best || ids.length > best.ids.length) best = { draft, ids };
				}
				const { draft, ids } = best!;
				const pack = packFields(draft.title);
				// Price at a chosen position among comparable listings: some cheap, some dear.
				const listed: { price: number; packQuantity: number }[] = [];
				for (const id of ids) listed.push(...(await unitPrices.all({ id })));
				const us = listed
					.filter((l) => l.price >= 500 && l.price <= 50_000_000)
					.map((l) => l.price / l.packQuantity)
					.sort((a, b) => a - b);
				const position = rng.pick([0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9]);
				const unit = us.length ? us[Math.min(us.length - 1, Math.floor(position * us.length))] : leaf.basePrice * draft.priceMult;
				const price = roundPrice(unit * (pack.packStatus === 'ok' ? pack.packQuantity : draft.realQty) * rng.range(0.95, 1.05), rng.chance(0.4));
				const updated = `${addDays(endDate, -rng.int(0, 28))}T09:00:00.000Z`;
				const kind = kindFields(draft.title, leaf.slug);
				const productId = (await insertProduct.get({
					producerId,
					name: draft.title,
					categoryId,
					price,
					packQuantity: pack.packQuantity,
					unit: pack.unit,
					unitFamily: pack.unitFamily,
					keywords: productKeywords(draft),
					kind: kind.kind,
					kindAttrs: kind.kindAttrs,
					villageCode: village.code,
					createdAt: created,
					updatedAt: updated > created ? updated : created
				}))!.id;
				onTruth?.({ table: 'products', id: productId, truth: draft.truth });
				made.push({ productId, cooperativeId: coopId, leaf: leaf.slug, comparable: ids });
				products++;
			}
		}
	}
	return { producers, products, made };
}

/** Words a product is found by in the product list: its type and name words, at most four. */
export function productKeywords(draft: Pick<TitleDraft, 'typeWords' | 'coreWords'>): string {
	return [...new Set([...draft.typeWords, ...draft.coreWords])].slice(0, 4).join(' ');
}
