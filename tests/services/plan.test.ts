// The co-op's season plan end to end on a small migrated database (the arithmetic itself is
// tested in src/lib/analysis/season-plan.test.ts): the next Lebaran, shares from the sales book or
// the co-op, capacity, whole purchase units and late buy-by dates, the CSV, last season's miss,
// and the forms and access of the co-op.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import {
	parseAmount,
	parseBomRows,
	parseMemberSettings,
	parsePurchaseUnits,
	parseSettings,
	saveBomFor,
	saveCoopSettingsFor,
	saveMemberSettingsFor,
	savePurchaseUnitsFor,
	saveSeasonPlanFor
} from '../../src/lib/server/write/coop';
import { saveBom, saveCoopSettings } from '../../src/lib/server/db/coop';
import { coopPlanFor, planCsv } from '../../src/lib/server/read/plan';
import { upsertSale } from '../../src/lib/server/db/sales';
import { seasonForecastKey, storeForecast } from '../../src/lib/server/derive/forecasts';
import { planOrigin, seasonIn } from '../../src/lib/analysis/seasons';
import { addDays } from '../../src/lib/analysis/calendar';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createContext } from '../../src/lib/server/trpc/context';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProducer, createProduct, weeklyDates } from '../fixtures/factories';
import { sqlExec, sqlInsertId, sqlValue } from '../fixtures/sql';

describe('the co-op\'s forms', () => {
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
		// The season plan's form sends no run length: the stored one stays.
		expect(parseSettings({ leadTimeWeeks: '2', marketSharePct: '5', buyDaysBefore: '7' }, { leadTimeWeeks: 3, marketSharePct: 5, runWeeks: 4, buyDaysBefore: 7 })).toEqual({
			ok: true,
			settings: { leadTimeWeeks: 2, marketSharePct: 5, runWeeks: 4, buyDaysBefore: 7 }
		});
		expect(parseMemberSettings(['5', '6'], ['40', ''], ['', '2,5'])).toEqual({
			ok: true,
			rows: [{ productId: 5, capacity: 40, sharePct: null }, { productId: 6, capacity: null, sharePct: 2.5 }]
		});
		expect(parseMemberSettings(['5'], ['4,5'], [''], new Map([[5, 'Pot A']]))).toMatchObject({ ok: false, message: 'Kapasitas Pot A: tulis angka bulat barang per minggu, misalnya 40.' });
		expect(parseMemberSettings(['5'], [''], ['120'])).toMatchObject({ ok: false, message: expect.stringMatching(/paling banyak 100/) });
		expect(parsePurchaseUnits(['Tanah liat', 'Glasir'], ['kg', 'kg'], ['karung', ''], ['50', ''])).toEqual({
			ok: true,
			rows: [{ material: 'Tanah liat', unit: 'kg', purchaseUnit: 'karung', purchaseSize: 50 }, { material: 'Glasir', unit: 'kg', purchaseUnit: '', purchaseSize: 0 }]
		});
		expect(parsePurchaseUnits(['Tanah liat'], ['kg'], ['karung'], ['nol'])).toMatchObject({ ok: false, message: 'Tanah liat: tulis isi satu karung dalam kg, misalnya 50.' });
		expect(parseSettings({ leadTimeWeeks: '12', marketSharePct: '5', runWeeks: '6', buyDaysBefore: '7' })).toMatchObject({ ok: false });
		expect(parseSettings({ leadTimeWeeks: '3', marketSharePct: '0', runWeeks: '6', buyDaysBefore: '7' })).toMatchObject({ ok: false });
	});
});

const ADMIN = { id: 1, role: 'admin' as const, name: 'Admin', producerId: null, agentId: null, cooperativeId: null };

describe('a season plan on a small market', () => {
	let db: Db;
	let coopId: number;
	let potId: number;
	let vasId: number;
	const TODAY = '2026-11-30';
	// Two years of weekly snapshots: ten pot listings, each selling 20 a week, more before Lebaran.
	const dates = weeklyDates('2026-11-25', 100);
	const lebaranBoost = (d: string) => (['2026-02', '2026-03'].includes(d.slice(0, 7)) && d < '2026-03-16' ? 2 : 1);

	beforeAll(async () => {
		db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Gerabah' });
		for (let i = 0; i < 10; i++) {
			let sold = 100;
			const snaps = dates.map((d) => [d, 30_000 + i * 1000, (sold += 20 * lebaranBoost(d))] as [string, number, number]);
			await createListing(db, { categoryId, title: `Pot Gerabah Plered ${i}`, snapshots: snaps });
		}
		coopId = await sqlInsertId(db, "insert into cooperatives (name) values ('KUD Uji')");
		const a = await createProducer(db, { name: 'Bu Ani' });
		const b = await createProducer(db, { name: '=HYPERLINK("http://x")' });
		const outsider = await createProducer(db, { name: 'Bukan anggota' });
		for (const p of [a, b]) await sqlExec(db, "insert into memberships (cooperative_id, producer_id, joined_at) values (?, ?, '2025-01-01')", coopId, p);
		await sqlExec(db, "update producers set phone = '0812-3456-7890' where id = ?", a);
		potId = await createProduct(db, { producerId: a, categoryId, name: 'Pot Gerabah Bu Ani', keywords: 'pot gerabah' });
		vasId = await createProduct(db, { producerId: b, categoryId, name: 'Pot Gerabah Pak Budi', keywords: 'pot gerabah' });
		await createProduct(db, { producerId: outsider, categoryId, name: 'Pot orang lain', keywords: 'pot gerabah' });
		await refreshDerived(db);
		await saveCoopSettings(db, coopId, { leadTimeWeeks: 2, marketSharePct: 10, runWeeks: 4, buyDaysBefore: 7 });
		await saveBom(db, potId, [{ material: 'Tanah liat', quantity: 2, unit: 'kg' }, { material: 'Glasir', quantity: 0.1, unit: 'kg' }]);
		await saveBom(db, vasId, [{ material: 'tanah liat', quantity: 1.5, unit: 'kg' }]);
		// Bu Ani recorded the last 12 weeks: 8 a week of a market of 200 (4 of every 100), and Lebaran 2026.
		for (let k = 1; k <= 12; k++) await upsertSale(db, { productId: potId, weekStart: addDays('2026-11-30', -7 * k), units: 8, source: 'form' });
		for (const w of seasonIn('lebaran', 2026).weeks) await upsertSale(db, { productId: potId, weekStart: w, units: 15, source: 'form' });
		// The co-op's forms: Pak Budi makes 10 a week; clay comes in 50 kg sacks.
		const coop = { id: 9, role: 'koperasi' as const, name: 'KUD Uji', producerId: null, agentId: null, cooperativeId: coopId };
		expect(await saveMemberSettingsFor(db, coop, null, { productIds: [String(vasId)], capacities: ['10'], shares: [''] })).toMatchObject({ ok: true });
		expect(await savePurchaseUnitsFor(db, coop, null, { materials: ['Tanah Liat'], units: ['kg'], purchaseUnits: ['karung'], sizes: ['50'] })).toMatchObject({ ok: true });
	});

	test('the next Lebaran, shares from own sales vs the set share, capacity, purchases in whole units, a late buy-by warned', async () => {
		const plan = await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY });
		expect(plan.season).toMatchObject({ id: 'lebaran-2027', start: '2027-01-25', end: '2027-03-07' });
		expect(plan.season.lines).toEqual(['Lebaran jatuh 9 Maret 2027.', 'Minggu penjualan: 25 Jan–7 Mar 2027 (6 minggu).']);
		expect(plan.lines.map((l) => l.name).sort()).toEqual(['Pot Gerabah Bu Ani', 'Pot Gerabah Pak Budi']);
		const pot = plan.lines.find((l) => l.productId === potId)!;
		const vas = plan.lines.find((l) => l.productId === vasId)!;
		expect(['forecast', 'last-season']).toContain(pot.market.basis);
		// Own sales: 8 a week of about 200 → about 4 of 100; the other member has none: the co-op's 10.
		// (The market's last full week is 16–22 November: 11 of the 12 recorded weeks pair with it.)
		expect(pot.share).toMatchObject({ source: 'sales', recordedWeeks: 11, label: 'dari penjualan Anda 11 minggu terakhir' });
		expect(pot.share.pct).toBeGreaterThan(3);
		expect(pot.share.pct).toBeLessThan(5);
		expect(vas.share).toMatchObject({ source: 'set', pct: 10, label: 'perkiraan koperasi' });
		expect(pot.plan.wanted).toBe(Math.ceil((pot.market.units * pot.share.pct) / 100 - 1e-9));
		// No capacity set: made in the lead time (2 weeks) before the season; materials a week before.
		expect(pot.plan).toMatchObject({ units: pot.plan.wanted, start: '2027-01-11', finish: '2027-01-25', buyBy: '2027-01-04', status: 'ok', short: false });
		// 10 a week cannot make a tenth of the season's market in time: late, capped, said.
		expect(vas.plan.wanted).toBeGreaterThan(70);
		expect(vas.plan).toMatchObject({ status: 'past', short: true, start: '2026-12-07' });
		expect(vas.plan.units).toBe(70); // 7 weeks from 7 December at 10 a week
		expect(vas.plan.lines[1]).toBe(`Musim ini minta ${vas.plan.wanted} buah, tapi kapasitas 10 buah seminggu.`);
		// Clay for both, in whole 50 kg sacks, bought by the late member's (past) date, warned.
		const clay = plan.purchases.find((p) => p.key.material === 'tanah liat')!;
		expect(clay.needed).toBeCloseTo(pot.plan.units * 2 + 70 * 1.5, 2);
		expect(clay.packs).toBe(Math.ceil(clay.needed / 50));
		expect(clay.leftover).toBeCloseTo(clay.packs! * 50 - clay.needed, 2);
		expect(clay).toMatchObject({ buyBy: vas.plan.buyBy, status: 'past', warning: 'Sudah lewat — beli sekarang atau kurangi produksi.' });
		expect(plan.purchases.find((p) => p.material === 'Glasir')).toMatchObject({ packs: null, buyBy: '2027-01-04', status: 'ok', warning: null });
		expect(plan.totals).toMatchObject({ short: 1, late: 1 });
		// One WhatsApp text per member; the link carries the text but never the member's number.
		const ani = plan.members.find((m) => m.producerName === 'Bu Ani')!;
		expect(ani.text).toBe(`Bu Ani: siapkan ${pot.plan.units} buah Pot Gerabah Bu Ani sebelum 25 Januari 2027. Mulai buat 11 Januari 2027. Untuk Lebaran 2027.`);
		expect(ani.href).toBe(`https://wa.me/?text=${encodeURIComponent(ani.text)}`);
		expect(JSON.stringify(plan)).not.toContain('81234567890');
		expect(plan.peaks.some((p) => /^Lebaran 2027: \d+ Maret, \d+ minggu lagi$/.test(p.line))).toBe(true);
	});

	test('other seasons and own dates; bad dates are a 422 through plan.coop', async () => {
		expect((await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY, season: 'harbolnas' })).season.id).toBe('harbolnas-2027');
		expect((await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY, season: 'sekolah' })).season.weeks).toEqual(['2027-06-14', '2027-06-21', '2027-06-28', '2027-07-05']);
		const own = await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY, season: { start: '2027-01-04', end: '2027-01-17' } });
		expect(own.season).toMatchObject({ key: 'custom', weeks: ['2027-01-04', '2027-01-11'] });
		const caller = createCaller(createContext(db, ADMIN));
		await expect(caller.plan.coop({ cooperativeId: coopId, season: { start: '2027-03-01', end: '2027-01-01' } })).rejects.toMatchObject({
			code: 'UNPROCESSABLE_CONTENT',
			message: 'Tanggal akhir musim harus sesudah tanggal mulai.'
		});
		await expect(caller.plan.coop({ cooperativeId: coopId, season: 'natal' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	test('the CSV for the treasurer neutralises formulas typed into names', async () => {
		const csv = planCsv(await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY }));
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('bagian,anggota,produk_atau_bahan,jumlah,satuan,mulai,siap,beli_paling_lambat,dasar,catatan');
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(lines.some((l) => /^pembelian,,tanah liat,\d+,karung \(50 kg\),,,2026-\d\d-\d\d,2 produk,"?sisa [\d.]+ kg; Sudah lewat/.test(l))).toBe(true);
		expect(lines.filter((l) => l.startsWith('produksi,'))).toHaveLength(2);
	});

	test('last Lebaran: the plan remade 12 weeks before it, then the saved plan, against the recorded sales', async () => {
		// The remade plan needs its forecast fitted on the weeks before the origin (the writer does this).
		const before = seasonIn('lebaran', 2026);
		for (const id of [potId, vasId]) await storeForecast(db, seasonForecastKey(id, planOrigin(before)));
		const remade = (await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY })).review!;
		expect(remade).toMatchObject({ source: 'remade', intro: 'Dihitung ulang seperti dibuat 10 November 2025, 12 minggu sebelum musim.', incomplete: 1, preparing: false });
		// Only Bu Ani recorded every week of it: 6 × 15.
		expect(remade.rows).toEqual([expect.objectContaining({ productId: potId, recorded: 90 })]);
		expect(remade.error.forecastMiss).toBeCloseTo(Math.abs(remade.rows[0].expected - 90) / 90, 6);
		expect(remade.error.lines[0]).toMatch(/^Perkiraan Lebaran 2026 meleset \d+%, terlalu (tinggi|rendah)\.$/);
		// A plan the co-op saved for that season is the one held against the sales.
		const coop = { id: 9, role: 'koperasi' as const, name: 'KUD Uji', producerId: null, agentId: null, cooperativeId: coopId };
		await sqlExec(db, "insert into users (id, phone, password_hash, role, name, cooperative_id, created_at) values (9, '6281299990000', 'x', 'koperasi', 'KUD Uji', ?, '2025-01-01')", coopId);
		await saveSeasonPlanFor(db, coop, null, {
			seasonKey: before.id,
			seasonName: before.name,
			sellStart: before.start,
			sellEnd: before.end,
			lines: [{ productId: potId, name: 'Pot Gerabah Bu Ani', producerName: 'Bu Ani', expected: 106, planned: 100 }]
		});
		const saved = (await coopPlanFor(db, ADMIN, { cooperativeId: coopId, today: TODAY })).review!;
		expect(saved.source).toBe('saved');
		expect(saved.intro).toMatch(/^Rencana Lebaran 2026 yang disimpan \d+ \w+ 20\d\d\.$/);
		expect(saved.error.lines).toEqual([
			'Perkiraan Lebaran 2026 meleset 18%, terlalu tinggi.',
			'Diperkirakan terjual 106, tercatat terjual 90.',
			'Rencana membuat 100: 10 lebih banyak dari yang terjual.'
		]);
	});

	test('an unknown co-op has no plan', async () => {
		await expect(coopPlanFor(db, ADMIN, { cooperativeId: 999_999 })).rejects.toThrow(NotFoundError);
	});

	test("the co-op's forms check the actor once, in the service: its own co-op and members only", async () => {
		const other = await sqlInsertId(db, "insert into cooperatives (name) values ('KUD Sebelah')");
		const coop = { id: 9, role: 'koperasi' as const, name: 'KUD Uji', producerId: null, agentId: null, cooperativeId: coopId };
		const settings = { leadTimeWeeks: '2', marketSharePct: '10', runWeeks: '4', buyDaysBefore: '7' };
		await expect(saveCoopSettingsFor(db, coop, other, settings)).rejects.toThrow(ForbiddenError);
		await expect(saveCoopSettingsFor(db, { ...coop, role: 'agen', cooperativeId: null }, coopId, settings)).rejects.toThrow(ForbiddenError);
		expect(await saveCoopSettingsFor(db, coop, null, { ...settings, runWeeks: '20' })).toMatchObject({ ok: false, message: expect.stringMatching(/1 sampai 8 minggu/) });
		expect(await saveCoopSettingsFor(db, coop, null, settings)).toMatchObject({ ok: true });
		const rows = { materials: ['Tanah liat'], quantities: ['2'], units: ['kg'] };
		const outsider = (await sqlValue(db, "select id from products where name = 'Pot orang lain'")) as number;
		expect(await saveBomFor(db, coop, null, outsider, rows)).toMatchObject({ ok: false, notMember: true });
		expect(await saveBomFor(db, { ...ADMIN }, other, potId, rows)).toMatchObject({ ok: false, notMember: true });
		expect(await saveBomFor(db, coop, null, potId, rows)).toMatchObject({ ok: true });
		await sqlExec(db, 'delete from cooperatives where id = ?', other);
	});

	test('plan.coop: a co-op reads its own plan only; admin any; other roles 403', async () => {
		const user = (role: 'koperasi' | 'admin' | 'agen', cooperativeId: number | null) =>
			createCaller(createContext(db, { id: 9, role, name: 'Uji', producerId: null, agentId: null, cooperativeId }));
		const own = await user('koperasi', coopId).plan.coop();
		expect(own.coop.id).toBe(coopId);
		expect(own.lines).toHaveLength(2);
		const other = await sqlInsertId(db, "insert into cooperatives (name) values ('KUD Lain')");
		await expect(user('koperasi', coopId).plan.coop({ cooperativeId: other })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await user('admin', null).plan.coop({ cooperativeId: coopId, horizon: 4 })).coop.id).toBe(coopId);
		await expect(user('admin', null).plan.coop({ cooperativeId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(user('agen', null).plan.coop({ cooperativeId: coopId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(user('admin', null).plan.coop({ cooperativeId: coopId, horizon: 2 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});
});
