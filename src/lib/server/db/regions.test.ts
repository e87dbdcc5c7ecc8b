import { describe, expect, test } from 'vitest';
import { createTestDb } from '../../../../tests/fixtures/db';
import { findRegency, loadRegions, readRegions } from './regions';

describe('loadRegions', async () => {
	const db = createTestDb();
	const started = performance.now();
	const inserted = await loadRegions(db);
	const ms = performance.now() - started;

	test('loads all four levels quickly, with parents', () => {
		expect(inserted).toBe(readRegions().length);
		expect(inserted).toBeGreaterThan(90_000);
		expect(ms).toBeLessThan(5_000);
		const levels = db.$client
			.prepare('select level, count(*) as n from regions group by level order by level')
			.all() as { level: string; n: number }[];
		const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.n]));
		expect(byLevel.province).toBe(38);
		expect(byLevel.regency).toBeGreaterThan(500);
		expect(byLevel.district).toBeGreaterThan(7000);
		expect(byLevel.village).toBeGreaterThan(80_000);
		const orphans = db.$client
			.prepare(
				'select count(*) as n from regions r left join regions p on p.code = r.parent_code where r.parent_code is not null and p.code is null'
			)
			.get() as { n: number };
		expect(orphans.n).toBe(0);
		expect(db.$client.prepare("select parent_code, level, name from regions where code = '32.14.04'").get()).toEqual({
			parent_code: '32.14',
			level: 'district',
			name: 'Plered'
		});
	});

	test('is idempotent', async () => {
		expect(await loadRegions(db)).toBe(0);
		expect((db.$client.prepare('select count(*) as n from regions').get() as { n: number }).n).toBe(inserted);
	});

	test.each([
		['Purwakarta', '32.14'],
		['purwakarta', '32.14'],
		['Kabupaten Bantul', '34.02'],
		['Kab. Pati', '33.18'],
		['Tasikmalaya', '32.06'],
		['Kota Tasikmalaya', '32.78'],
		['Surabaya', '35.78'],
		['Jakarta Selatan', '31.74'],
		['Kota Jakarta Selatan', '31.74'],
		['Atlantis', undefined]
	])('findRegency(%s) → %s', async (name, code) => {
		expect(await findRegency(db, name)).toBe(code);
	});
});
