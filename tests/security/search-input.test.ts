// Search input with SQL and full-text operators, quotes, wildcards and unbalanced brackets: no
// error, no injection, nothing outside the caller's scope. (The product search is a LIKE over
// parameters; the FTS5 index it once had is gone, migration 0017, but the inputs stay hostile.)
import { describe, expect, test } from 'vitest';
import { listProductsFor } from '../../src/lib/server/read/products';
import { findCompetitors } from '../../src/lib/server/derive/competitors';
import { createWorld } from './world';
import { sqlValue } from '../fixtures/sql';

const NASTY = [
	'kopi OR robusta',
	'kopi AND NOT robusta',
	'NEAR(kopi robusta, 2)',
	'title:kopi',
	'"kopi',
	'kopi"',
	'((kopi',
	'kopi))',
	'kopi*',
	'*',
	'^kopi',
	'kopi + robusta - arabika',
	"'; drop table listings; --",
	'" OR 1=1 --',
	'%_\\',
	'{kopi}',
	'kopi:*',
	'\u0000kopi',
	'NOT',
	'()',
	'"" ""',
	'kopi'.repeat(200),
	'<script>alert(1)</script>'
];

describe('searching with hostile input', async () => {
	const world = await createWorld();
	test.each(NASTY)('product search %j: no error, nothing outside the caller’s scope', async (input) => {
		const page = await listProductsFor(world.db, world.actors.produsen, { query: input });
		expect(page.total).toBe(page.items.length);
		for (const p of page.items) expect(p.producerId).toBe(world.producers.pA1);
	});

	test.each(NASTY)('competitor search with keywords %j: no error', async (input) => {
		await expect(
			findCompetitors(world.db, { id: 1, categoryId: world.categoryId, unitFamily: 'mass', keywords: input, name: input })
		).resolves.toBeInstanceOf(Array);
	});

	test('the listings table is still there and searches still work', async () => {
		expect(await sqlValue(world.db, 'select count(*) from listings')).toBe(8);
		expect((await listProductsFor(world.db, world.actors.admin, { query: 'robusta' })).total).toBe(4);
		expect((await listProductsFor(world.db, world.actors.admin, { query: '%' })).total).toBe(0);
	});
});
