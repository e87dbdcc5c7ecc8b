// The season plan on the demo market (issue 14), as the demo co-op and every other demo co-op
// would read it on 30 November 2026: the next Lebaran (2027) is reached by the forecast; shares
// come from members' own sales books where they are long enough and from the co-op's guess
// where not; no plan asks a member for more than her capacity; purchases are whole purchase
// units; buy-by dates that are today or past are warned; and last Lebaran is held against what
// members recorded.
import { beforeAll, describe, expect, test } from 'vitest';
import { planOrigin } from '../../src/lib/analysis/seasons';
import { daysBetween } from '../../src/lib/analysis/calendar';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { ensureDemoAccounts } from '../../src/lib/server/demo/accounts';
import { seedDemoBoms } from '../../src/lib/server/demo/bom';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { memberProducts, seasonForecastKey, storeForecast } from '../../src/lib/server/derive/forecasts';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { coopPlanFor, planCsv, type CoopPlan } from '../../src/lib/server/read/plan';
import { createTestDb } from '../fixtures/db';
import { sqlColumn, sqlValue } from '../fixtures/sql';

const TODAY = '2026-11-30';
const ADMIN: Actor = { id: 1, role: 'admin', name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

let db: Db;
let demoCoop: number;
let plans: CoopPlan[];

beforeAll(async () => {
	db = createTestDb();
	await seedDemoMarket(db, { endDate: TODAY, listings: 4000, now: `${TODAY}T00:00:00.000Z` });
	await refreshDerived(db);
	await seedDemoBoms(db);
	await ensureDemoAccounts(db);
	demoCoop = (await sqlValue(db, "select cooperative_id from users where role = 'koperasi'")) as number;
	// What the background writer fits after start-up for last Lebaran's remade plan.
	const first = await coopPlanFor(db, ADMIN, { cooperativeId: demoCoop, today: TODAY });
	const origin = planOrigin(first.review!.season);
	for (const id of (await memberProducts(db))) await storeForecast(db, seasonForecastKey(id, origin));
	const coops = (await sqlColumn(db, 'select id from cooperatives order by id')) as number[];
	plans = await Promise.all(coops.map(async (id) => coopPlanFor(db, ADMIN, { cooperativeId: id, today: TODAY })));
}, 240_000);

describe('the demo co-ops plan Lebaran 2027 on 30 November 2026', () => {
	test('the season is the next Lebaran, and the forecast reaches it', () => {
		const plan = plans.find((p) => p.coop.id === demoCoop)!;
		expect(plan.season).toMatchObject({ id: 'lebaran-2027', day: '2027-03-09', start: '2027-01-25', end: '2027-03-07' });
		expect(plan.preparing).toBe(false);
		const lines = plans.flatMap((p) => p.lines);
		// 15 weeks past the data, where the 12-week forecasts stopped: most products plan from a forecast that beat the baseline.
		const fromForecast = lines.filter((l) => l.market.basis === 'forecast');
		expect(fromForecast.length).toBeGreaterThan(lines.length * 0.6);
		for (const l of fromForecast) {
			expect(l.market.low).toBeLessThanOrEqual(l.market.units);
			expect(l.market.high).toBeGreaterThanOrEqual(l.market.units);
		}
		// The rest say why, in plain words, and plan from Lebaran 2026.
		for (const l of lines.filter((x) => x.market.basis === 'last-season')) expect(l.market.line).toMatch(/Memakai (penjualan )?Lebaran 2026/);
	});

	test("shares from members' own sales where 8 of 12 weeks are recorded, else the co-op's", () => {
		const lines = plans.flatMap((p) => p.lines);
		const own = lines.filter((l) => l.share.source === 'sales');
		const set = lines.filter((l) => l.share.source === 'set');
		// Most demo products keep a sales book; a few do not, to show the fallback.
		expect(own.length).toBeGreaterThan(lines.length / 2);
		expect(set.length).toBeGreaterThan(3);
		for (const l of own) {
			expect(l.share.label).toMatch(/^dari penjualan Anda (8|9|10|11|12) minggu terakhir$/);
			// (A slow craft may have sold nothing in 12 weeks: then nothing is planned for it.)
			expect(l.share.pct).toBeGreaterThanOrEqual(0);
			expect(l.share.pct).toBeLessThan(50);
		}
		// A village producer sells a few of every 100 comparable items (more in a thin market).
		const pcts = own.map((l) => l.share.pct).sort((a, b) => a - b);
		expect(pcts[Math.floor(pcts.length / 2)]).toBeLessThan(8);
		for (const l of set) {
			expect(l.share).toMatchObject({ label: 'perkiraan koperasi', pct: 2 });
			expect(l.share.recordedWeeks).toBeLessThan(8);
		}
	});

	test('no plan asks more than a member can make, and says so when the season asks for more', () => {
		const lines = plans.flatMap((p) => p.lines);
		for (const l of lines) {
			expect(l.plan.capacity).not.toBeNull();
			const weeks = daysBetween(l.plan.start, l.plan.finish) / 7;
			expect(l.plan.units, l.name).toBeLessThanOrEqual(l.plan.capacity! * weeks);
			expect(l.plan.units).toBeLessThanOrEqual(l.plan.wanted);
			expect(l.plan.finish).toBe('2027-01-25');
			if (l.plan.short && l.plan.units > 0) expect(l.plan.lines).toContain(`Musim ini minta ${l.plan.wanted.toLocaleString('id-ID')} ${l.unit}, tapi kapasitas ${l.plan.capacity!.toLocaleString('id-ID')} ${l.unit} seminggu.`);
		}
		// The demo has tight members: some cannot meet the season.
		expect(lines.filter((l) => l.plan.short).length).toBeGreaterThan(0);
		expect(lines.filter((l) => !l.plan.short).length).toBeGreaterThan(lines.length / 3);
	});

	test('purchases in whole purchase units with the leftover; a buy-by of today or past is warned', () => {
		const purchases = plans.flatMap((p) => p.purchases);
		const bought = purchases.filter((p) => p.buying);
		expect(bought.length).toBeGreaterThan(10);
		for (const p of bought) {
			expect(Number.isInteger(p.packs)).toBe(true);
			expect(p.packs! * p.buying!.purchaseSize).toBeGreaterThanOrEqual(p.needed - 1e-9);
			expect((p.packs! - 1) * p.buying!.purchaseSize).toBeLessThan(p.needed);
			expect(p.leftover).toBeCloseTo(p.packs! * p.buying!.purchaseSize - p.needed, 2);
			expect(p.line).toMatch(new RegExp(`^${p.material.replace(/[()]/g, '\\$&')}: [\\d.]+ ${p.buying!.purchaseUnit} \\(`));
		}
		// Two materials are left without a purchase unit in the demo: shown as they are.
		expect(purchases.some((p) => !p.buying)).toBe(true);
		const late = purchases.filter((p) => p.status === 'past' || p.status === 'today');
		expect(late.length).toBeGreaterThan(0);
		for (const p of late) expect(p.warning).toMatch(/ — beli sekarang atau kurangi produksi\.$/);
		for (const p of purchases.filter((x) => x.status === 'ok' || x.status === 'soon')) expect(p.warning).toBeNull();
		// A member line that is late is said, with the date it should have been bought.
		const lateLine = plans.flatMap((p) => p.lines).find((l) => l.plan.status === 'past' && l.plan.units > 0)!;
		expect(lateLine.plan.buyBy < TODAY).toBe(true);
		expect(lateLine.plan.lines.at(-1)).toMatch(/^Bahan seharusnya dibeli \d+ \w+ 2026\.$/);
	});

	test('every member gets a WhatsApp text; the treasurer a CSV; last Lebaran is held against the books', () => {
		const plan = plans.find((p) => p.coop.id === demoCoop)!;
		const producers = new Set(plan.lines.map((l) => l.producerId));
		expect(plan.members.map((m) => m.producerId).sort()).toEqual([...producers].sort());
		for (const m of plan.members) {
			expect(m.text).toMatch(new RegExp(`^${m.producerName}: (siapkan .+ sebelum 25 Januari 2027\\. Mulai buat \\d+ \\w+ 202[67]\\. Untuk Lebaran 2027\\.|untuk Lebaran 2027 belum ada yang perlu dibuat\\.)$`));
			expect(m.href).toBe(`https://wa.me/?text=${encodeURIComponent(m.text)}`);
		}
		const csv = planCsv(plan).trim().split('\r\n');
		expect(csv).toHaveLength(1 + plan.lines.length + plan.purchases.length);
		const review = plan.review!;
		expect(review).toMatchObject({ source: 'remade', preparing: false });
		expect(review.season.id).toBe('lebaran-2026');
		expect(review.rows.length).toBeGreaterThan(0);
		expect(review.error.lines[0]).toMatch(/^Perkiraan Lebaran 2026 meleset \d+%, terlalu (tinggi|rendah)\.$/);
		expect(review.error.forecastMiss).not.toBeNull();
	});
});
