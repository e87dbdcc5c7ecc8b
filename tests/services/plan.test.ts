// The co-op plan's arithmetic (forecast × share, lead time → start date, BOM sums, buy-by
// date), first as pure functions, then end to end on a small migrated database.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { parseAmount, parseBomRows, saveBomFor, saveCoopSettingsFor, parseSettings } from '../../src/lib/server/write/coop';
import { saveBom, saveCoopSettings } from '../../src/lib/server/db/coop';
import { coopPlanFor, makeQuantity, runDates, sumMaterials, windowDemand } from '../../src/lib/server/read/plan';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct, weeklyDates } from '../fixtures/factories';

const SETTINGS = { leadTimeWeeks: 3, marketSharePct: 5, runWeeks: 6, buyDaysBefore: 7 };

describe('plan arithmetic', () => {
	test('start is the first Monday after the buying time, ready after the lead time, window runWeeks long', () => {
		// Saturday 28 Nov 2026 + 7 days = Sat 5 Dec → Monday 7 Dec.
		const d = runDates('2026-11-28', SETTINGS);
		expect(d).toEqual({
			start: '2026-12-07',
			buyBy: '2026-11-30',
			ready: '2026-12-28',
			window: ['2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01']
		});
		// A Monday that is exactly buyDaysBefore away is the start itself.
		expect(runDates('2026-11-30', { ...SETTINGS, buyDaysBefore: 7 }).start).toBe('2026-12-07');
		expect(runDates('2026-11-30', { ...SETTINGS, buyDaysBefore: 0, leadTimeWeeks: 0, runWeeks: 1 })).toEqual({
			start: '2026-11-30',
			buyBy: '2026-11-30',
			ready: '2026-11-30',
			window: ['2026-11-30']
		});
	});

	test('demand over the window: forecast sum, extrapolated past the horizon, else the last 4 weeks', () => {
		const points = ['2026-12-28', '2027-01-04', '2027-01-11'].map((weekStart, i) => ({ weekStart, value: 100 + i * 10, low: 0, high: 0 }));
		expect(windowDemand(['2026-12-28', '2027-01-04'], { shown: true, points }, [])).toEqual({ units: 210, basis: 'forecast', extrapolatedWeeks: 0 });
		// Two window weeks beyond the forecast take the covered weeks' average (110).
		expect(windowDemand(['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25'], { shown: true, points }, [])).toEqual({
			units: 110 + 120 + 2 * 115,
			basis: 'forecast',
			extrapolatedWeeks: 2
		});
		const recent = [5, 40, 50, 60, 70].map((units, i) => ({ weekStart: `2026-11-0${i + 1}`, units }));
		expect(windowDemand(['2026-12-28', '2027-01-04'], { shown: false, points }, recent)).toEqual({ units: 55 * 2, basis: 'recent', extrapolatedWeeks: 0 });
		expect(windowDemand(['2026-12-28'], { shown: false, points: [] }, []).basis).toBe('none');
	});

	test('quantity = demand × share, rounded up; materials summed per material and unit across members', () => {
		expect(makeQuantity(1000, 5)).toBe(50);
		expect(makeQuantity(1001, 5)).toBe(51);
		expect(makeQuantity(0, 5)).toBe(0);
		const lines = sumMaterials([
			{ name: 'Pot A', quantity: 50, bom: [{ material: 'Tanah liat', quantity: 2, unit: 'kg' }, { material: 'Glasir', quantity: 0.1, unit: 'kg' }] },
			{ name: 'Vas B', quantity: 30, bom: [{ material: 'tanah liat', quantity: 1.5, unit: 'KG' }, { material: 'Cat', quantity: 0.05, unit: 'liter' }] },
			{ name: 'Nol', quantity: 0, bom: [{ material: 'Tanah liat', quantity: 9, unit: 'kg' }] }
		]);
		expect(lines).toEqual([
			{ material: 'Cat', unit: 'liter', quantity: 1.5, products: ['Vas B'] },
			{ material: 'Glasir', unit: 'kg', quantity: 5, products: ['Pot A'] },
			{ material: 'Tanah liat', unit: 'kg', quantity: 145, products: ['Pot A', 'Vas B'] }
		]);
	});

	test('form parsing answers in Indonesian', () => {
		expect(parseAmount('0,1')).toBe(0.1);
		expect(parseAmount('1.000')).toBe(1000);
		expect(parseAmount('2.5')).toBe(2.5);
		expect(parseAmount('dua')).toBeNull();
		expect(parseBomRows(['Tanah liat', '', 'Glasir'], ['2', '', '0,1'], ['kg', '', 'kg'])).toEqual({
			ok: true,
			rows: [{ material: 'Tanah liat', quantity: 2, unit: 'kg' }, { material: 'Glasir', quantity: 0.1, unit: 'kg' }]
		});
		expect(parseBomRows(['Tanah liat'], ['-2'], ['kg'])).toMatchObject({ ok: false, message: expect.stringMatching(/harus angka lebih dari 0/) });
		expect(parseBomRows(['Tanah liat'], ['2'], [''])).toMatchObject({ ok: false, message: expect.stringMatching(/isi satuan/) });
		expect(parseBomRows(['Glasir', 'glasir'], ['1', '2'], ['kg', 'kg'])).toMatchObject({ ok: false, message: expect.stringMatching(/dua kali/) });
		expect(parseSettings({ leadTimeWeeks: '3', marketSharePct: '2,5', runWeeks: '6', buyDaysBefore: '7' })).toEqual({
			ok: true,
			settings: { leadTimeWeeks: 3, marketSharePct: 2.5, runWeeks: 6, buyDaysBefore: 7 }
		});
		expect(parseSettings({ leadTimeWeeks: '12', marketSharePct: '5', runWeeks: '6', buyDaysBefore: '7' })).toMatchObject({ ok: false });
		expect(parseSettings({ leadTimeWeeks: '3', marketSharePct: '0', runWeeks: '6', buyDaysBefore: '7' })).toMatchObject({ ok: false });
	});
});

const ADMIN = { id: 1, role: 'admin' as const, name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

describe('coopPlan on a database', () => {
	let db: Db;
	let coopId: number;
	let potId: number;
	let vasId: number;
	const dates = weeklyDates('2026-11-25', 40);

	beforeAll(() => {
		db = createTestDb();
		const categoryId = createCategory(db, { name: 'Gerabah' });
		// Ten pot listings, each selling 20 a week: a steady market of 200 a week.
		for (let i = 0; i < 10; i++) {
			createListing(db, { categoryId, title: `Pot Gerabah Plered ${i}`, snapshots: dates.map((d, w) => [d, 30_000 + i * 1000, 100 + w * 20]) });
		}
		coopId = Number(db.$client.prepare("insert into cooperatives (name) values ('KUD Uji')").run().lastInsertRowid);
		const a = createProducer(db, { name: 'Bu Ani' });
		const b = createProducer(db, { name: 'Pak Budi' });
		const outsider = createProducer(db, { name: 'Bukan anggota' });
		for (const p of [a, b]) db.$client.prepare("insert into memberships (cooperative_id, producer_id, joined_at) values (?, ?, '2025-01-01')").run(coopId, p);
		potId = createProduct(db, { producerId: a, categoryId, name: 'Pot Gerabah Bu Ani', keywords: 'pot gerabah' });
		vasId = createProduct(db, { producerId: b, categoryId, name: 'Pot Gerabah Pak Budi', keywords: 'pot gerabah' });
		createProduct(db, { producerId: outsider, categoryId, name: 'Pot orang lain', keywords: 'pot gerabah' });
		refreshDerived(db);
		saveCoopSettings(db, coopId, { leadTimeWeeks: 2, marketSharePct: 10, runWeeks: 4, buyDaysBefore: 7 });
		saveBom(db, potId, [{ material: 'Tanah liat', quantity: 2, unit: 'kg' }, { material: 'Glasir', quantity: 0.1, unit: 'kg' }]);
		saveBom(db, vasId, [{ material: 'tanah liat', quantity: 1.5, unit: 'kg' }]);
	});

	test('members only, quantities from the market × share, materials summed into one purchase', () => {
		const plan = coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: '2026-11-28' });
		expect(plan.runs.map((r) => r.name).sort()).toEqual(['Pot Gerabah Bu Ani', 'Pot Gerabah Pak Budi']);
		expect(plan.dates).toMatchObject({ start: '2026-12-07', buyBy: '2026-11-30', ready: '2026-12-21' });
		expect(plan.dates.window).toHaveLength(4);
		for (const r of plan.runs) {
			// Whichever basis was used, the market sells about 200 a week: 4 weeks × 200 × 10%.
			expect(['forecast', 'recent']).toContain(r.basis);
			// demand is shown rounded; the quantity is ⌈exact demand × 10%⌉.
			expect(Math.abs(r.quantity - r.demand * 0.1)).toBeLessThanOrEqual(1);
			expect(r.quantity).toBeGreaterThan(60);
			expect(r.quantity).toBeLessThan(100);
		}
		const pot = plan.runs.find((r) => r.productId === potId)!;
		const vas = plan.runs.find((r) => r.productId === vasId)!;
		const clay = plan.materials.find((m) => m.material.toLowerCase() === 'tanah liat')!;
		expect(clay.quantity).toBeCloseTo(pot.quantity * 2 + vas.quantity * 1.5, 2);
		expect(plan.materials.find((m) => m.material === 'Glasir')!.quantity).toBeCloseTo(pot.quantity * 0.1, 2);
		expect(plan.withoutBom).toEqual([]);
		expect(plan.peaks.some((p) => /^Lebaran 2027: \d+ Maret, \d+ minggu lagi$/.test(p.line))).toBe(true);
	});

	test('an unknown co-op has no plan', () => {
		expect(() => coopPlanFor(db, ADMIN, { cooperativeId: 999_999 })).toThrow(NotFoundError);
	});

	test("the co-op's forms check the actor once, in the service: its own co-op and members only", () => {
		const other = Number(db.$client.prepare("insert into cooperatives (name) values ('KUD Sebelah')").run().lastInsertRowid);
		const coop = { id: 9, role: 'koperasi' as const, name: 'KUD Uji', producerId: null, agentId: null, cooperativeId: coopId };
		const settings = { leadTimeWeeks: '2', marketSharePct: '10', runWeeks: '4', buyDaysBefore: '7' };
		expect(() => saveCoopSettingsFor(db, coop, other, settings)).toThrow(ForbiddenError);
		expect(() => saveCoopSettingsFor(db, { ...coop, role: 'agen', cooperativeId: null }, coopId, settings)).toThrow(ForbiddenError);
		expect(saveCoopSettingsFor(db, coop, null, { ...settings, runWeeks: '20' })).toMatchObject({ ok: false, message: expect.stringMatching(/1 sampai 8 minggu/) });
		expect(saveCoopSettingsFor(db, coop, null, settings)).toMatchObject({ ok: true });
		const rows = { materials: ['Tanah liat'], quantities: ['2'], units: ['kg'] };
		const outsider = db.$client.prepare("select id from products where name = 'Pot orang lain'").pluck().get() as number;
		expect(saveBomFor(db, coop, null, outsider, rows)).toMatchObject({ ok: false, notMember: true });
		expect(saveBomFor(db, { ...ADMIN }, other, potId, rows)).toMatchObject({ ok: false, notMember: true });
		expect(saveBomFor(db, coop, null, potId, rows)).toMatchObject({ ok: true });
		db.$client.prepare('delete from cooperatives where id = ?').run(other);
	});

	test('plan.coop: a co-op reads its own plan only; admin any; other roles 403', async () => {
		const user = (role: 'koperasi' | 'admin' | 'agen', cooperativeId: number | null) =>
			createCaller(createContext(db, { id: 9, role, name: 'Uji', producerId: null, agentId: null, cooperativeId }));
		const own = await user('koperasi', coopId).plan.coop();
		expect(own.coop.id).toBe(coopId);
		expect(own.runs).toHaveLength(2);
		const other = Number(db.$client.prepare("insert into cooperatives (name) values ('KUD Lain')").run().lastInsertRowid);
		await expect(user('koperasi', coopId).plan.coop({ cooperativeId: other })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await user('admin', null).plan.coop({ cooperativeId: coopId, horizon: 4 })).coop.id).toBe(coopId);
		await expect(user('admin', null).plan.coop({ cooperativeId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(user('agen', null).plan.coop({ cooperativeId: coopId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(user('admin', null).plan.coop({ cooperativeId: coopId, horizon: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});
