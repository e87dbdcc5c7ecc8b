// The Saran of every product of a seeded demo market, on days across the year (Lebaran,
// Harbolnas, ordinary weeks) and with old data: never contradictory, in the producer's pack,
// and the same list on the dashboard, the explain view, the WhatsApp text and tRPC.
import { beforeAll, describe, expect, test } from 'vitest';
import { contradictions } from '../../src/lib/analysis/advice';
import { adviceLines } from '../../src/lib/analysis/explain';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { explainFor } from '../../src/lib/server/read/explain';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { createTestDb } from '../fixtures/db';
import { sqlColumn } from '../fixtures/sql';

const END = '2026-11-23';
const ADMIN: Actor = { id: 1, role: 'admin', name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

describe('Saran across a demo market', () => {
	let db: Db;
	let ids: number[];
	beforeAll(async () => {
		db = createTestDb();
		await seedDemoMarket(db, { seed: 5, endDate: END, listings: 2500, now: '2026-11-23T00:00:00.000Z' });
		await analyzeStoredReviews(db);
		await refreshDerived(db);
		ids = (await sqlColumn(db, 'select id from products order by id')) as number[];
	}, 180_000);

	test('no product is told to add and to hold stock, or to raise and to cut its price, on any day', async () => {
		// The data ends 23 November 2026: days within 4 weeks of it, then old data.
		const days = ['2026-11-23', '2026-11-30', '2026-12-14', '2027-01-10', '2027-03-01'];
		const seen = { harga: 0, stok: 0, perPack: 0, combined: 0 };
		for (const today of days) {
			for (const id of ids) {
				const d = (await productDashboard(db, id, today))!;
				expect(contradictions(d.advice, { stale: d.stale }), `${id} on ${today}: ${d.advice.map((a) => a.title).join(' | ')}`).toEqual([]);
				if (d.stale) expect(d.advice.filter((a) => a.kind === 'harga' || a.kind === 'stok')).toEqual([]);
				for (const a of d.advice) {
					if (a.kind === 'harga') seen.harga++;
					if (a.kind === 'stok') seen.stok++;
					if (/ke sekitar Rp[\d.]+ per /.test(a.title)) {
						seen.perPack++;
						expect(a.title.endsWith(`per ${d.pack}.`)).toBe(true);
						expect(a.basis).toMatch(/per (kg|liter|buah)\./);
					}
					if (/walau .* sudah dekat/.test(a.title)) seen.combined++;
				}
			}
		}
		// The market gives every kind of advice somewhere (else this test would prove little).
		expect(seen.harga).toBeGreaterThan(ids.length);
		expect(seen.stok).toBeGreaterThan(ids.length);
		expect(seen.perPack).toBeGreaterThan(10);
	}, 120_000);

	test('the explain view and WhatsApp text carry exactly the dashboard’s list and date', async () => {
		for (const id of ids) {
			const d = (await productDashboard(db, id, END))!;
			const e = await explainFor(db, ADMIN, id, END);
			expect(e.dashboard.advice).toEqual(d.advice);
			expect(e.points[0]).toBe(d.dataNote);
			const lines = e.whatsapp.text.split('\n');
			expect(lines[1]).toBe(d.dataNote);
			const at = lines.indexOf('Saran:');
			expect(lines.slice(at + 1, at + 1 + d.advice.length)).toEqual(adviceLines(d));
		}
	}, 120_000);
});
