// One demand call, everywhere: for every product of a seeded demo market, the dashboard headline,
// Saran, the agent's list, the explain view and its printed page, the WhatsApp text, the alerts
// and tRPC all say the same naik / turun / stabil (or nothing), in the call's own sentence, and
// "stabil" never comes with a percentage. The dashboard's category line says what /tren says.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { trendingCategories } from '../../src/lib/server/read/trends';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { jargonIn, MAX_WORDS, splitSentences, wordCount } from '../../src/lib/analysis/narrate';
import { createTestDb } from '../fixtures/db';
import { collectSurfaces, disagreements, type ProductSurfaces } from '../fixtures/demand-surfaces';
import { sqlColumn } from '../fixtures/sql';

// alerts.list (tRPC) judges data against the real date, so the market ends today.
const TODAY = new Date().toISOString().slice(0, 10);

describe('every surface shows the one demand call', () => {
	let db: Db;
	let products: ProductSurfaces[];
	beforeAll(async () => {
		db = createTestDb();
		await seedDemoMarket(db, { seed: 42, endDate: TODAY, listings: 6000 });
		await analyzeStoredReviews(db);
		await refreshDerived(db);
		const ids = (await sqlColumn(db, 'select id from products order by id')) as number[];
		products = await collectSurfaces(db, ids, TODAY, { trpc: true });
	}, 300_000);

	test('for every demo product all surfaces agree with the call, word for word', () => {
		expect(products.length).toBeGreaterThan(20);
		const issues = products.flatMap((p) => disagreements(p).map((d) => `produk ${p.productId}: ${d}`));
		expect(issues).toEqual([]);
		for (const p of products) expect(Object.keys(p.surfaces).sort()).toEqual(['agen', 'alert', 'dashboard', 'explain', 'print', 'saran', 'trpc', 'trpcAlerts', 'whatsapp']);
	});

	test('the demo has calls of every kind, so the agreement is not trivially "stabil"', () => {
		const directions = new Set(products.map((p) => p.call.direction));
		expect(directions.has('stabil')).toBe(true);
		expect(directions.has('naik') || directions.has('turun')).toBe(true);
	});

	test('every demand sentence a producer reads is plain: at most 15 words, no jargon', async () => {
		for (const p of products) {
			const d = (await productDashboard(db, p.productId, TODAY))!;
			for (const sentence of [...d.demand.headline, ...splitSentences(d.demand.basis)]) {
				expect(wordCount(sentence), sentence).toBeLessThanOrEqual(MAX_WORDS);
				expect(jargonIn(sentence), sentence).toEqual([]);
			}
		}
	});

	test("a dashboard's category line is /tren's call for that category", async () => {
		const tren = new Map((await trendingCategories(db, {}, TODAY)).items.map((i) => [i.categoryId, i]));
		for (const p of products) {
			const item = tren.get(p.categoryId);
			expect(item, `category ${p.categoryId}`).toBeDefined();
			expect(p.category).toEqual({ direction: item!.direction, sentence: item!.headline });
		}
	});
});

describe('the agreement check can fail', () => {
	const base: ProductSurfaces = {
		productId: 1,
		categoryId: 2,
		call: { direction: 'stabil', sentence: 'Stabil: masih naik-turun biasa dalam 4 minggu terakhir.', change: null },
		surfaces: {
			dashboard: { direction: 'stabil', text: 'Stabil: masih naik-turun biasa dalam 4 minggu terakhir.' },
			agen: { direction: 'stabil', text: 'harga sama dengan pasar · permintaan stabil' },
			explain: { direction: 'stabil', text: 'Permintaan produk serupa stabil: masih naik-turun biasa dalam 4 minggu terakhir.' },
			alert: { direction: null, text: '' }
		},
		category: { direction: 'stabil', sentence: '' }
	};

	test('as the old pages did: the list says naik 5%, the explain view a percentage beside stabil', () => {
		expect(disagreements(base)).toEqual([]);
		const old = {
			...base,
			surfaces: {
				...base.surfaces,
				agen: { direction: 'naik' as const, text: 'permintaan naik 5%' },
				explain: { direction: 'stabil' as const, text: 'Permintaan produk serupa stabil: naik 50%, masih dalam naik-turun biasa.' }
			}
		};
		const found = disagreements(old).join('\n');
		expect(found).toMatch(/agen: naik ≠ stabil/);
		expect(found).toMatch(/explain: stabil with a percentage/);
		expect(found).toMatch(/explain: not the call's sentence/);
	});
});
