import { describe, expect, test } from 'vitest';
import { createTestDb } from '../../../../../../tests/fixtures/db';
import { createCategory, createListing } from '../../../../../../tests/fixtures/factories';
import { weeklyUnitsOfListings } from './sales';

// PostgreSQL: the demo seed is being ported (issue 15); its sales-book query spells julianday.
describe('weeklyUnitsOfListings (the demo sales books’ market rate)', () => {
	test('sums each listing’s counter gain per week between its first and last snapshot', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db);
		// 40 sold over 4 weeks: 10 a week; 6 sold over 2 weeks: 3 a week.
		const a = await createListing(db, { categoryId, snapshots: [['2026-11-02', 1000, 100], ['2026-11-16', 1000, 120], ['2026-11-30', 1000, 140]] });
		const b = await createListing(db, { categoryId, snapshots: [['2026-11-16', 1000, 4], ['2026-11-30', 1000, 10]] });
		// A listing seen once (no span) counts as one week with no gain.
		const c = await createListing(db, { categoryId, snapshots: [['2026-11-30', 1000, 50]] });
		expect(await weeklyUnitsOfListings(db, [a])).toBe(10);
		expect(await weeklyUnitsOfListings(db, [a, b, c])).toBe(13);
	});

	test('a span shorter than a week counts as a whole week; no listings sell nothing', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db);
		const a = await createListing(db, { categoryId, snapshots: [['2026-11-27', 1000, 0], ['2026-11-30', 1000, 9]] });
		expect(await weeklyUnitsOfListings(db, [a])).toBe(9);
		expect(await weeklyUnitsOfListings(db, [])).toBe(0);
	});
});
