// While refreshDerived rebuilds after an import, the server keeps answering from its own
// connection. At every point it can read (between the refresh's transactions), each product's
// stored dashboard market part must be the one built from the competitor set it sees: a new set
// without its part made every request recompute the part live while the importer held the write
// lock, and under load the server stopped answering (issue 7).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db';
import { seedDemoMarket } from '../../src/lib/server/demo/seed';
import { storedMarketPartIsCurrent } from '../../src/lib/server/read/market';
import { refreshDerived, refreshDerivedGently } from '../../src/lib/server/derive/refresh';
import { analyzeStoredReviews } from '../../src/lib/server/derive/review-analysis';
import { createListing } from '../fixtures/factories';

const END = '2026-11-23';
let dir: string;
let importer: Db;
let server: Db;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'despro-refresh-'));
	const file = join(dir, 'market.db');
	importer = openDatabase(file);
	migrateDatabase(importer);
	await seedDemoMarket(importer, { seed: 5, endDate: END, listings: 2500, now: `${END}T00:00:00.000Z` });
	await analyzeStoredReviews(importer);
	await refreshDerived(importer);
	server = openDatabase(file);
}, 180_000);

afterAll(() => {
	server?.$client.close();
	importer?.$client.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('refresh after an import, seen from another connection', () => {
	test('every stored market part matches the competitor set the reader sees, at every step', async () => {
		const client = importer.$client;
		const target = client.prepare('select id, name, category_id as categoryId, unit, unit_family as unitFamily from products order by id limit 1').get() as {
			id: number;
			name: string;
			categoryId: number;
			unit: 'g' | 'ml' | 'pcs';
			unitFamily: 'mass' | 'volume' | 'count';
		};
		const inCategory = client.prepare('select id from products where category_id = ?').pluck().all(target.categoryId) as number[];
		const setOf = (db: Db, id: number) => db.$client.prepare('select group_concat(listing_id) from product_competitors where product_id = ?').pluck().get(id);
		const before = setOf(server, target.id);
		// An import: new listings titled like the product, so its competitor set changes.
		for (let i = 0; i < 12; i++) {
			let sold = 0;
			await createListing(importer, {
                        				categoryId: target.categoryId,
                        				title: `${target.name} baru ${i}`,
                        				unit: target.unit,
                        				unitFamily: target.unitFamily,
                        				snapshots: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((d) => [d, 25_000 + i * 100, (sold += 15)])
                        			});
		}

		const stale: number[] = [];
		let looks = 0;
		let done = false;
		const refreshing = refreshDerivedGently(importer, [target.categoryId]).finally(() => (done = true));
		while (!done) {
			for (const id of inCategory) if (!(await storedMarketPartIsCurrent(server, id))) stale.push(id);
			looks++;
			await new Promise((resolve) => setImmediate(resolve));
		}
		const counts = await refreshing;

		expect(setOf(server, target.id)).not.toBe(before);
		expect(counts.marketParts).toBeGreaterThanOrEqual(inCategory.length);
		expect(looks).toBeGreaterThan(2);
		expect(stale).toEqual([]);
		for (const id of inCategory) expect(await storedMarketPartIsCurrent(server, id)).toBe(true);
	}, 180_000);
});
