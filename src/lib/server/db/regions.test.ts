import { describe, expect, test } from 'vitest';
import { createTestDb } from '../../../../tests/fixtures/db';
import { findRegency, loadRegions, readRegions } from './regions';
import { sqlRow, sqlRows } from '../../../../tests/fixtures/sql';

describe('loadRegions', async () => {
	const db = createTestDb();
	const inserted = await loadRegions(db);

	// How long it takes is not asserted here (tests assert behaviour; speed lives in benchmarks).
	test('loads all four levels, with parents', async () => {
		expect(inserted).toBe(readRegions().length);
		expect(inserted).toBeGreaterThan(90_000);
		const levels = (await sqlRows(db, 'select level, count(*) as n from regions group by level order by level')) as { level: string; n: number }[];
		const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.n]));
		expect(byLevel.province).toBe(38);
		expect(byLevel.regency).toBeGreaterThan(500);
		expect(byLevel.district).toBeGreaterThan(7000);
		expect(byLevel.village).toBeGreaterThan(80_000);
		const orphans = (await sqlRow(db, 
				'select count(*) as n from regions r left join regions p on p.code = r.parent_code where r.parent_code is not null and p.code is null'
			)) as { n: number };
		expect(orphans.n).toBe(0);
		expect(await sqlRow(db, "select parent_code, level, name from regions where code = '32.14.04'")).toEqual({
			parent_code: '32.14',
			level: 'district',
			name: 'Plered'
		});
	});

	test('is idempotent', async () => {
		expect(await loadRegions(db)).toBe(0);
		expect(((await sqlRow(db, 'select count(*) as n from regions')) as { n: number }).n).toBe(inserted);
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
