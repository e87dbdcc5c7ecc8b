// Alerts: a competitor price move that changes the producer's band, a demand rise beyond
// noise, a new complaint theme; nothing but "data sudah lama" from old data; alerts.list scope.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { alertsForProducers, productAlerts } from '../../src/lib/server/read/alerts';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct, createReview, weeklyDates } from '../fixtures/factories';
import { sqlInsertId } from '../fixtures/sql';

const TODAY = '2026-11-28';
let db: Db;
let productId: number;
let quietId: number;
let agentProducer: number;
let otherProducer: number;
let agentId: number;

beforeAll(async () => {
	db = createTestDb();
	const dates = weeklyDates('2026-11-25', 30);
	const pots = await createCategory(db, { name: 'Gerabah' });
	const cloth = await createCategory(db, { name: 'Batik' });
	const listingIds: number[] = [];
	for (let i = 0; i < 10; i++) {
		let sold = 0;
		// Prices 40–58 rb until four weeks ago, then everyone cuts to 25–34 rb; sales double.
		listingIds.push(
			await createListing(db, {
                        				categoryId: pots,
                        				title: `Pot Gerabah Plered ${i}`,
                        				snapshots: dates.map((d, w) => [d, w >= 26 ? 25_000 + i * 1000 : 40_000 + i * 2000, (sold += (w >= 26 ? 40 : 20) + ((w + i) % 3))])
                        			})
		);
	}
	for (let i = 0; i < 8; i++) {
		let sold = 0;
		await createListing(db, { categoryId: cloth, title: `Kain Batik Cap ${i}`, snapshots: dates.map((d, w) => [d, 80_000 + i * 1000, (sold += 15 + ((w + i) % 3))]) });
	}
	agentId = await sqlInsertId(db, "insert into agents (name) values ('Agen Uji')");
	agentProducer = await createProducer(db, { name: 'Bu Ani', agentId });
	otherProducer = await createProducer(db, { name: 'Pak Lain' });
	productId = await createProduct(db, { producerId: agentProducer, categoryId: pots, name: 'Pot Gerabah Bu Ani', price: 45_000, keywords: 'pot gerabah' });
	quietId = await createProduct(db, { producerId: otherProducer, categoryId: cloth, name: 'Batik Pak Lain', price: 80_000, keywords: 'batik cap' });
	// A complaint that appears only in the last four weeks, in four different reviews.
	const texts = ['Kemasan tipis, pot pecah saat dikirim', 'pecah waktu sampai, kemasan kurang aman', 'barang pecah, packing asal asalan', 'potnya pecah di jalan, kecewa'];
	for (const [k, text] of texts.entries()) await createReview(db, { listingId: listingIds[k], text, stars: 1, reviewedAt: `2026-11-${10 + k}` });
	for (let k = 0; k < 6; k++) await createReview(db, { listingId: listingIds[k], text: 'Bagus, pengiriman cepat', stars: 5, reviewedAt: `2026-08-${10 + k}` });
	await analyzeStoredReviews(db);
	await refreshDerived(db);
});

describe('alerts', () => {
	test('price band change, demand rise and a new complaint theme, each with why', async () => {
		const a = (await productAlerts(db, productId, TODAY))!;
		expect(a.stale).toBe(false);
		const kinds = a.alerts.map((x) => x.kind);
		expect(kinds).toContain('harga');
		expect(kinds).toContain('permintaan');
		expect(kinds).toContain('keluhan');
		expect(a.alerts.find((x) => x.kind === 'harga')!.title).toMatch(/lebih mahal/);
		expect(a.alerts.find((x) => x.kind === 'permintaan')!.title).toBe('Permintaan produk serupa naik.');
		expect(a.alerts.find((x) => x.kind === 'keluhan')!.title).toMatch(/pecah|kemasan/);
		for (const x of a.alerts) expect(x.why.length).toBeGreaterThan(10);
		// The dashboard carries the same alerts.
		expect((await productDashboard(db, productId, TODAY))!.alerts).toEqual(a.alerts);
	});

	test('a quiet market raises nothing; data older than 4 weeks says "data sudah lama" instead', async () => {
		expect((await productAlerts(db, quietId, TODAY))!.alerts).toEqual([]);
		const old = (await productAlerts(db, productId, '2027-01-15'))!;
		expect(old).toMatchObject({ stale: true, alerts: [] });
		expect(old.note).toMatch(/^Data sudah lama/);
	});

	test('alertsForProducers lists products with alerts first; alerts.list is scoped to the agent', async () => {
		const list = await alertsForProducers(db, [otherProducer, agentProducer], TODAY);
		expect(list.map((p) => p.productId)).toEqual([productId, quietId]);
		const agent = createCaller(createContext(db, { id: 2, role: 'agen', name: 'Agen', producerId: null, agentId, cooperativeId: null }));
		const mine = await agent.alerts.list();
		expect(mine.map((p) => p.producerId)).toEqual([agentProducer]);
		expect(await agent.alerts.list({ producerIds: [otherProducer] })).toEqual([]);
		await expect(agent.alerts.list({ producerIds: [-1] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});
