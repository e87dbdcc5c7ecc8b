// GET /healthz: 200 with the data's age while the database answers, 503 (and no internal text)
// when it does not; checks registered later (the background writer) are part of the answer.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { GET } from '../../src/routes/healthz/+server';
import { setDb } from '../../src/lib/server/db';
import { registerHealthCheck } from '../../src/lib/server/health';
import { closeTestDb, createTestDb } from '../fixtures/db';
import { createCategory, createListing, weeklyDates } from '../fixtures/factories';
import { sqlValue } from '../fixtures/sql';

afterAll(() => setDb(undefined));

async function healthz() {
	const res = await GET({} as never);
	return { status: res.status, cache: res.headers.get('cache-control'), body: await res.json() };
}

describe('GET /healthz', () => {
	test('answers 200 with the newest observation and its age', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { name: 'Kopi', unitFamily: 'mass' });
		const dates = weeklyDates('2026-11-18', 3);
		await createListing(db, { categoryId, title: 'Kopi Robusta 250 gr', packQuantity: 250, unit: 'g', unitFamily: 'mass', snapshots: dates.map((d, i) => [d, 40_000, 10 * i] as [string, number, number]) });
		setDb(db);
		const { status, cache, body } = await healthz();
		expect(status).toBe(200);
		expect(cache).toBe('no-store');
		expect(body.ok).toBe(true);
		expect(body.checks.database.ok).toBe(true);
		const newest = await sqlValue(db, 'select max(observed_at) from listing_snapshots');
		expect(body.checks.data.newestObservation).toBe(newest);
		expect(typeof body.checks.data.ageDays).toBe('number');
	});

	test('an empty database is healthy and says there is no market data yet', async () => {
		setDb(createTestDb());
		const { status, body } = await healthz();
		expect(status).toBe(200);
		expect(body.checks.data).toMatchObject({ newestObservation: null, detail: 'Belum ada data pasar.' });
	});

	test('a database that does not answer is a 503 with a log id, not its error text', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const db = createTestDb();
		await closeTestDb(db);
		setDb(db);
		const { status, body } = await healthz();
		expect(status).toBe(503);
		expect(body.ok).toBe(false);
		expect(body.checks.database.detail).toMatch(/^Database tidak bisa dibaca \(kode [0-9a-f]{8}\)\.$/);
		expect(JSON.stringify(body)).not.toMatch(/connection is not open/);
		expect(log).toHaveBeenCalled();
		log.mockRestore();
	});

	test('a check registered by another part (the background writer) decides too', async () => {
		setDb(createTestDb());
		registerHealthCheck('penulis', () => ({ ok: false, detail: 'Penulis latar belakang berhenti.' }));
		const { status, body } = await healthz();
		expect(status).toBe(503);
		expect(body.checks.penulis).toEqual({ ok: false, detail: 'Penulis latar belakang berhenti.' });
		registerHealthCheck('penulis', () => ({ ok: true, detail: 'Jalan.' }));
		expect((await healthz()).status).toBe(200);
	});
});
