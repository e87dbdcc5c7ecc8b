// The Saran of a product, end to end on the services: computed once per dashboard, spoken in the
// producer's own pack, the same list on every surface (dashboard, explain view, WhatsApp text,
// print, tRPC), changed once the producer follows it through the price form's service, and
// absent (for price and stock) when the data is over 4 weeks old. Issue 11, items 6 and 7.
import { beforeEach, describe, expect, test } from 'vitest';
import { contradictions } from '../../src/lib/analysis/advice';
import { adviceLines } from '../../src/lib/analysis/explain';
import { parseRupiah } from '../../src/lib/analysis/money';
import { unitPrice } from '../../src/lib/analysis/units';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { dashboardFor } from '../../src/lib/server/read/dashboard';
import { updatePriceFor } from '../../src/lib/server/write/products';
import { listProducersFor } from '../../src/lib/server/read/agents';
import { explainFor } from '../../src/lib/server/read/explain';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct, weeklyDates } from '../fixtures/factories';

const TODAY = '2026-11-28';
const WEEKS = weeklyDates('2026-11-25', 12);
const ADMIN: Actor = { id: 1, role: 'admin', name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

let db: Db;
let productId: number;
let producer: Actor;

/** 20 coffee packs of 3 × 250 g at Rp30.000 … Rp68.000 (Rp40.000 … Rp90.667 per kg), selling less each week. */
beforeEach(async () => {
	db = createTestDb();
	const categoryId = await createCategory(db, { slug: 'kopi', name: 'Kopi', unitFamily: 'mass' });
	for (let i = 0; i < 20; i++) {
		const price = 30_000 + i * 2_000;
		let sold = 5_000;
		const snapshots = WEEKS.map((at, w) => {
			if (w > 0) sold += w >= WEEKS.length - 4 ? 5 : 20;
			return [at, price, sold] as [string, number, number];
		});
		await createListing(db, { categoryId, title: `Kopi Robusta Temanggung isi 3 x 250gr model ${i}`, packQuantity: 750, unit: 'g', unitFamily: 'mass', snapshots });
	}
	const producerId = await createProducer(db, { name: 'Bu Sri' });
	producer = { id: 2, role: 'produsen', name: 'Bu Sri', producerId, agentId: null, cooperativeId: null };
	productId = await createProduct(db, {
        		producerId,
        		categoryId,
        		name: 'Kopi Robusta Kledung isi 3 x 250gr',
        		price: 24_000,
        		keywords: 'kopi robusta',
        		packQuantity: 750,
        		unit: 'g',
        		unitFamily: 'mass'
        	});
	await refreshDerived(db);
});

describe('Saran on the services', () => {
	test('judged per kg, spoken per pack; demand and Harbolnas in one stock sentence', async () => {
		const d = await dashboardFor(db, producer, productId, TODAY);
		expect(d.pack).toBe('bungkus (3 × 250 gram)');
		expect(d.price.headline[0]).toBe('Harga Anda Rp24.000 per bungkus (3 × 250 gram), atau Rp32.000 per kg.');
		const price = d.advice.find((a) => a.kind === 'harga')!;
		expect(price.title).toMatch(/^Naikkan harga ke sekitar Rp[\d.]+ per bungkus \(3 × 250 gram\)\.$/);
		expect(price.basis).toMatch(/Harga Anda Rp24\.000 per bungkus \(3 × 250 gram\)\. Itu sama dengan Rp32\.000 per kg\. Kebanyakan pembeli membayar Rp[\d.]+–Rp[\d.]+ per kg\./);
		// Sales fell from 20 to 5 a week and Harbolnas 12.12 is two weeks away: one sentence says both.
		expect(d.advice.filter((a) => a.kind === 'stok').map((a) => a.title)).toEqual(['Jangan tambah stok dulu, walau Harbolnas 12.12 sudah dekat.']);
		expect(contradictions(d.advice, { stale: d.stale })).toEqual([]);
	});

	test('after the producer sets the advised price, the advice changes', async () => {
		const before = await dashboardFor(db, producer, productId, TODAY);
		const advised = before.advice.find((a) => a.kind === 'harga')!;
		const text = /Rp[\d.]+/.exec(advised.title)![0];
		// What the price form does with what she types: parse it, then the access service saves it.
		const price = parseRupiah(text)!;
		await updatePriceFor(db, producer, productId, price);
		const after = await dashboardFor(db, producer, productId, TODAY);
		expect(after.product.price).toBe(price);
		const now = after.advice.find((a) => a.kind === 'harga')!;
		expect(now.title).not.toBe(advised.title);
		expect(now.title).not.toMatch(/^Naikkan harga ke sekitar/);
		// The new price reaches the range buyers pay, per kg.
		expect(unitPrice(price, { quantity: 750, unit: 'g' }).value).toBeGreaterThanOrEqual(before.price.range!.low);
		expect(after.price.headline[0]).toBe(`Harga Anda ${text} per bungkus (3 × 250 gram), atau Rp${(unitPrice(price, { quantity: 750, unit: 'g' }).value).toLocaleString('id-ID')} per kg.`);
		expect(contradictions(after.advice)).toEqual([]);
	});

	test('every surface shows the same list and the same date', async () => {
		const d = await dashboardFor(db, ADMIN, productId, TODAY);
		const explained = await explainFor(db, ADMIN, productId, TODAY);
		expect(explained.dashboard.advice).toEqual(d.advice);
		expect(explained.points[0]).toBe('Data per 25 November 2026.');
		const lines = explained.whatsapp.text.split('\n');
		expect(lines[1]).toBe('Data per 25 November 2026.');
		const at = lines.indexOf('Saran:');
		expect(lines.slice(at + 1)).toEqual(adviceLines(d));
		const caller = createCaller(createContext(db, ADMIN));
		const viaApi = await caller.product.dashboard({ id: productId });
		const explainApi = await caller.agent.explain({ id: productId });
		// tRPC answers for today; the list's content is compared on the same day's dashboard.
		const today = new Date().toISOString().slice(0, 10);
		expect(explainApi.advice).toEqual(viaApi.advice);
		expect(viaApi.advice).toEqual((await dashboardFor(db, ADMIN, productId, today)).advice);
		expect(explainApi.dataNote).toBe(viaApi.dataNote);
		expect((await listProducersFor(db, ADMIN, TODAY))[0]).toMatchObject({ name: 'Bu Sri', dataUntil: '2026-11-25' });
	});

	test('data over 4 weeks old: its date and "data sudah lama" everywhere, no price or stock advice, no alerts', async () => {
		const later = '2027-01-05';
		const d = await dashboardFor(db, ADMIN, productId, later);
		expect(d.stale).toBe(true);
		expect(d.dataNote).toBe('Data per 25 November 2026. Data sudah lama, lebih dari 4 minggu.');
		expect(d.advice.filter((a) => a.kind === 'harga' || a.kind === 'stok')).toEqual([]);
		expect(d.advice[0]).toMatchObject({ kind: 'data', title: 'Perbarui data pasar dulu, data ini sudah lama.' });
		expect(contradictions(d.advice, { stale: true })).toEqual([]);
		expect(d.alerts).toEqual([]);
		const explained = await explainFor(db, ADMIN, productId, later);
		expect(explained.points[0]).toMatch(/^Data per 25 November 2026\. Data sudah lama/);
		expect(explained.whatsapp.text).toContain('Data sudah lama');
		expect(explained.whatsapp.text).not.toMatch(/Naikkan|Turunkan|Pertahankan harga|stok/);
		const status = (await listProducersFor(db, ADMIN, later))[0];
		expect(status.line).toBe('Kopi Robusta Kledung isi 3 x 250gr: data 5 minggu lama, perlu diperbarui');
		expect(status.reasons).toEqual(['data 5 minggu lama, perlu diperbarui']);
	});
});
