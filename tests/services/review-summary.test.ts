// "Kata pembeli" (issue 11 item 8, issue 17): star ratings without texts are shown with how many
// there are, each listing counted once; reviews without an opinion are counted apart ("tidak
// jelas"); themes that belong to other kinds of products are left out; counts say "ulasan".
import { describe, expect, test } from 'vitest';
import { loadRegions } from '../../src/lib/server/db/regions';
import { ensureCategory } from '../../src/lib/server/ingest/categories';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { importPath } from '../../src/lib/server/write/imports';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { reviewHeadline, reviewSummary } from '../../src/lib/server/derive/review-summary';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct, createReview } from '../fixtures/factories';
import { hasSharedData, sharedDataSkipReason, sharedPath } from '../fixtures/shared-data';
import { sqlExec, sqlRows } from '../fixtures/sql';

async function setStars(db: ReturnType<typeof createTestDb>, listingId: number, s: { rating?: number; reviewCount?: number; bars?: number[] }) {
	await sqlExec(db, 'update listings set rating = ?, review_count = ?, star_counts = ? where id = ?', s.rating ?? null, s.reviewCount ?? null, s.bars ? JSON.stringify(s.bars) : null, listingId);
}

describe('stars without texts', () => {
	test('star bars and bare averages count, each listing once, with how many ratings', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Sambal & Bumbu' });
		const withBars = await createListing(db, { categoryId });
		const averageOnly = await createListing(db, { categoryId });
		const fewTexts = await createListing(db, { categoryId });
		await setStars(db, withBars, { rating: 4.9, reviewCount: 110, bars: [2, 1, 2, 5, 100] });
		await setStars(db, averageOnly, { rating: 4.0, reviewCount: 50 });
		// two texts stored, but the listing page shows 20 ratings: the page's bars win, not both
		await setStars(db, fewTexts, { rating: 4.5, reviewCount: 20, bars: [0, 0, 2, 6, 12] });
		await createReview(db, { listingId: fewTexts, text: 'enak banget, pedasnya pas', stars: 5 });
		await createReview(db, { listingId: fewTexts, text: 'rasanya enak', stars: 4 });
		await analyzeStoredReviews(db);
		const s = await reviewSummary(db, [withBars, averageOnly, fewTexts], 'Sambal & Bumbu');
		expect(s.ratings).toBe(110 + 50 + 20);
		expect(s.starCounts).toEqual([2, 1, 4, 11, 112]);
		const sum = 2 * 1 + 1 * 2 + 4 * 3 + 11 * 4 + 112 * 5 + 4.0 * 50;
		expect(s.average).toBe(Math.round((sum / 180) * 10) / 10);
		expect(s.texts).toBe(2);
		expect(reviewHeadline(s)).toBe(`Rata-rata bintang pesaing ${String(s.average).replace('.', ',')} dari 5 (180 penilaian).`);
		expect(s.basis).toContain('Bintang dari 180 penilaian di 3 produk serupa.');
	});

	test('only ratings, no texts: the card says so instead of "Belum ada ulasan"', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Sambal & Bumbu' });
		const a = await createListing(db, { categoryId });
		await setStars(db, a, { rating: 4.9, reviewCount: 35_750 });
		const s = await reviewSummary(db, [a], 'Sambal & Bumbu');
		expect(s).toMatchObject({ ratings: 35_750, texts: 0, average: 4.9, complaints: [], praises: [] });
		expect(reviewHeadline(s)).toBe('Rata-rata bintang pesaing 4,9 dari 5 (35.750 penilaian).');
		expect(s.basis).toContain('Belum ada ulasan bertulisan');
		expect(reviewHeadline(await reviewSummary(db, [], 'Sambal & Bumbu'))).toBe('Belum ada ulasan untuk produk serupa.');
	});
});

describe('"tidak jelas" and themes per kind of product', () => {
	test('reviews without an opinion are left out of the shares and counted', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Sambal & Bumbu' });
		const l = await createListing(db, { categoryId });
		for (const text of ['kemasan bocor', 'kemasannya bocor, tumpah semua', 'sambalnya bocor di jalan', 'rasanya enak', 'Barang sudah sampai', 'Tinggi badan 160 cm'])
			await createReview(db, { listingId: l, text });
		await analyzeStoredReviews(db);
		const s = await reviewSummary(db, [l], 'Sambal & Bumbu');
		expect(s.texts).toBe(6);
		expect(s.unclear).toBe(2);
		expect(s.complaints[0]).toMatchObject({ aspect: 'bocor', label: 'kemasan bocor atau segel rusak', count: 3 });
		expect(s.complaints[0].share).toBeCloseTo(3 / 4);
		expect(s.negativeShare).toBeCloseTo(3 / 4);
		expect(s.basis).toContain('2 ulasan tidak jelas (tanpa pendapat) tidak dihitung.');
	});

	test('"sudah kedaluwarsa" is a theme for sambal, never for a woven bag', async () => {
		const db = createTestDb();
		const texts = ['sudah kedaluwarsa waktu datang', 'dapet yang sudah kedaluwarsa', 'ternyata sudah kedaluwarsa, kecewa'];
		const themesFor = async (name: string) => {
			const categoryId = await createCategory(db, { name });
			const l = await createListing(db, { categoryId });
			for (const text of texts) await createReview(db, { listingId: l, text });
			await analyzeStoredReviews(db);
			return (await reviewSummary(db, [l], name)).complaints.map((t) => t.aspect);
		};
		expect(await themesFor('Sambal & Bumbu')).toContain('kedaluwarsa');
		expect(await themesFor('Tas Anyaman Pandan & Mendong')).not.toContain('kedaluwarsa');
	});
});

describe.skipIf(!hasSharedData)(`real sambal listings: stars but no texts ${hasSharedData ? '' : `(${sharedDataSkipReason})`}`, { timeout: 60_000 }, () => {
	test('the import keeps each listing’s star bars in the order that gives its average, and the card shows them', async () => {
		const db = createTestDb();
		await loadRegions(db);
		const categoryId = await ensureCategory(db, 'sambal-bumbu');
		const productId = await createProduct(db, { categoryId, name: 'Sambal Bawang Khas Madiun 200 gr', keywords: 'sambal bawang pedas', price: 22_000, packQuantity: 200, unit: 'g', unitFamily: 'mass' });
		const [s] = await importPath(db, sharedPath('tokopedia-sambal-listings-2025/tokopedia_sambal_raw.csv'), { observedAt: '2025-04-26' });
		expect(s.status).toBe('done');
		const rows = (await sqlRows(db, 'select title, rating, review_count as reviewCount, star_counts as bars from listings where star_counts is not null')) as {
			title: string;
			rating: number;
			reviewCount: number;
			bars: string;
		}[];
		expect(rows.length).toBeGreaterThan(50);
		// SOURCE.md: "4263/228/46/13/15 → 4.91" is the 5-star bar first
		expect(JSON.parse(rows.find((r) => r.title.startsWith('Paket Eat Sambel Favorit'))!.bars)).toEqual([15, 13, 46, 228, 4263]);
		for (const r of rows) {
			const bars = JSON.parse(r.bars) as number[];
			const n = bars.reduce((a, b) => a + b, 0);
			expect(Math.abs(bars.reduce((t, c, i) => t + c * (i + 1), 0) / n - r.rating)).toBeLessThanOrEqual(0.15);
		}
		const d = (await productDashboard(db, productId, '2025-04-28'))!;
		expect(d.reviews.texts).toBe(0);
		expect(d.reviews.ratings).toBeGreaterThan(1000);
		expect(d.reviews.starCounts[4]).toBeGreaterThan(d.reviews.starCounts[0]);
		expect(d.reviews.headline[0]).toMatch(/^Rata-rata bintang pesaing 4,\d dari 5 \([\d.]+ penilaian\)\.$/);
		expect(d.reviews.basis).toContain('Belum ada ulasan bertulisan');
		// counts a producer reads say "ulasan" or "penilaian", never "pembeli"
		expect(JSON.stringify(d.reviews)).not.toMatch(/\d+ pembeli/);
	});
});

describe('alerts speak of the same themes as the card', () => {
	test('a new "kedaluwarsa" complaint alerts a sambal maker, never a woven-bag maker', async () => {
		const { alertInputs } = await import('../../src/lib/server/derive/alert-inputs');
		const db = createTestDb();
		const alertFor = async (name: string) => {
			const categoryId = await createCategory(db, { name });
			const productId = await createProduct(db, { categoryId, keywords: 'contoh' });
			const l = await createListing(db, { categoryId });
			for (const text of ['sudah kedaluwarsa waktu datang', 'dapet yang sudah kedaluwarsa', 'ternyata sudah kedaluwarsa, kecewa'])
				await createReview(db, { listingId: l, text, reviewedAt: '2026-11-15' });
			await analyzeStoredReviews(db);
			return (await alertInputs(db, productId, [l])).complaint;
		};
		expect((await alertFor('Sambal & Bumbu'))?.title).toBe('Keluhan baru pembeli: sudah atau hampir kedaluwarsa.');
		expect(await alertFor('Tas Anyaman Pandan & Mendong')).toBeNull();
	});
});
