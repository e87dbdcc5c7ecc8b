import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct, createReview, weeklyDates } from '../fixtures/factories';
import { sqlExec } from '../fixtures/sql';

const TODAY = '2026-11-28';
// Monday snapshots: each week's sales are one counter difference (a snapshot on day d is the
// counter at d, so the week from Monday m sold C(m + 7) − C(m)).
const WEEKS = weeklyDates('2026-11-23', 12);

/** 20 comparable pots at Rp10.000 … Rp48.000, each selling 10 a week, then 15 a week for the last 4 weeks. */
async function market(db: Db) {
	const categoryId = await createCategory(db, { slug: 'gerabah', name: 'Gerabah' });
	const listings: number[] = [];
	for (let i = 0; i < 20; i++) {
		const price = 10_000 + i * 2_000;
		let sold = 100;
		const snapshots = WEEKS.map((at, w) => {
			if (w > 0) sold += w >= WEEKS.length - 4 ? 15 : 10;
			return [at, price, sold] as [string, number, number];
		});
		listings.push(await createListing(db, { categoryId, title: `Pot Gerabah Tanah Liat Plered model ${i}`, snapshots }));
	}
	// A placeholder price and an unrelated listing: neither may count.
	await createListing(db, { categoryId, title: 'Pot Gerabah Tanah Liat harga tanya dulu', snapshots: [[WEEKS[11], 1, 0]] });
	await createListing(db, { categoryId, title: 'Kendi Keramik Bali', snapshots: [[WEEKS[11], 25_000, 0]] });
	return { categoryId, listings };
}

describe('product dashboard', () => {
	let db: Db;
	let categoryId: number;
	let listings: number[];
	beforeEach(async () => {
		db = createTestDb();
		({ categoryId, listings } = await market(db));
	});

	test('places the price among comparable listings, without placeholder or unrelated ones', async () => {
		const id = await createProduct(db, { categoryId, name: 'Pot tanah liat', price: 40_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		const d = (await productDashboard(db, id, TODAY))!;
		expect(d.price.compared).toBe(20);
		expect(d.price.removed).toBe(1);
		expect(d.price.headline).toEqual(['Harga Anda Rp40.000 per buah.', '8 dari 10 penjual lebih murah dari Anda.']);
		expect(d.price.range!.low).toBeLessThan(d.price.range!.high);
		expect(d.price.basis).toContain('Dibandingkan dengan 20 produk serupa');
		expect(d.price.history.length).toBeGreaterThan(1);
		expect(d.stale).toBe(false);
	});

	test('follows a change of the producer’s own price', async () => {
		const id = await createProduct(db, { categoryId, price: 40_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		await sqlExec(db, 'update products set price = 12000 where id = ?', id);
		const d = (await productDashboard(db, id, TODAY))!;
		expect(d.price.headline[1]).toBe('9 dari 10 penjual lebih mahal dari Anda.');
		expect(d.advice.length).toBeGreaterThanOrEqual(2);
		expect(d.advice[0].title).toMatch(/^Naikkan harga ke sekitar Rp[\d.]+ per buah\.$/);
	});

	test('measures weekly demand from the sold counters and its growth', async () => {
		const id = await createProduct(db, { categoryId, price: 30_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		const d = (await productDashboard(db, id, TODAY))!;
		expect(d.demand.recent).toBe(20 * 15 * 4);
		expect(d.demand.previous).toBe(20 * 10 * 4);
		expect(d.demand.headline).toEqual(['Naik 50% dalam 4 minggu terakhir.']);
		expect(d.demand.category.at(-1)!.units).toBe(20 * 15);
	});

	test('marks old data and gives no demand advice from it', async () => {
		const id = await createProduct(db, { categoryId, price: 30_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		const d = (await productDashboard(db, id, '2027-02-01'))!;
		expect(d.stale).toBe(true);
		expect(d.advice.some((a) => /stok, permintaan/.test(a.title))).toBe(false);
	});

	test('shows a complaint theme only with 3 different reviews, with a real quote', async () => {
		const id = await createProduct(db, { categoryId, price: 30_000, keywords: 'pot gerabah' });
		await refreshDerived(db);
		const texts = ['Potnya pecah di jalan, kecewa', 'barang datang pecah, packing kurang tebal', 'pecah semua pas sampai'];
		for (const [i, text] of texts.entries()) await createReview(db, { listingId: listings[i], text, stars: 1 });
		await createReview(db, { listingId: listings[5], text: 'bagus banget, mantap', stars: 5 });
		await analyzeStoredReviews(db);
		// The writer rebuilds the parts that count these reviews (an import's refresh does).
		await refreshDerived(db, [], [id]);
		const d = (await productDashboard(db, id, TODAY))!;
		expect(d.reviews.n).toBe(4);
		expect(d.reviews.starCounts).toEqual([3, 0, 0, 0, 1]);
		const pecah = d.reviews.complaints.find((c) => c.aspect === 'pecah');
		expect(pecah?.count).toBe(3);
		expect(texts.some((t) => t.toLowerCase().includes(pecah!.quote.replace('…', '').toLowerCase().slice(0, 10)))).toBe(true);
	});

	test('returns null for an unknown product', async () => {
		expect(await productDashboard(db, 999, TODAY)).toBeNull();
	});
});
