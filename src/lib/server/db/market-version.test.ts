import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { freshPostgresDatabase, NO_POSTGRES, TEST_POSTGRES_URL } from '../../../../tests/fixtures/postgres';
import { closeDatabase } from './connection';
import { dataVersion, noteOwnWrite } from './market-version';
import { migrateAny, migrateDatabase, openDatabase, type Db } from './index';
import { exec, allRows } from './run';
import { meta } from './schema';

let dir: string | undefined;
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** The server's connection and another one (the background writer's, or an import's process) on one file. */
function twoConnections(): { server: Db; other: Db } {
	dir = mkdtempSync(join(tmpdir(), 'despro-version-'));
	const server = openDatabase(join(dir, 'x.db'));
	migrateDatabase(server);
	return { server, other: openDatabase(join(dir, 'x.db')) };
}

describe('dataVersion', () => {
	test("moves with another connection's commit, with this connection's own write, and not with reads", async () => {
		const { server, other } = twoConnections();
		const v0 = await dataVersion(server);
		server.$client.prepare('select count(*) from products').get();
		expect(await dataVersion(server)).toBe(v0);
		other.$client.prepare("insert into meta (key, value, updated_at) values ('x', '1', 'now')").run();
		const v1 = await dataVersion(server);
		expect(v1).not.toBe(v0);
		server.$client.prepare("update meta set value = '2' where key = 'x'").run();
		const v2 = await dataVersion(server);
		expect(v2).not.toBe(v1);
		// A write that changed no row changed nothing a page shows.
		server.$client.prepare("update meta set value = '3' where key = 'nothing'").run();
		expect(await dataVersion(server)).toBe(v2);
		server.$client.close();
		other.$client.close();
	});
});

// Two app servers on one PostgreSQL database: each has its own pool (here, two pools). A page
// kept by one under a version must not be served after the other committed a change.
describe.skipIf(!TEST_POSTGRES_URL)('dataVersion on PostgreSQL', () => {
	if (!TEST_POSTGRES_URL) console.warn(NO_POSTGRES);
	test("moves with another server's commit and with this server's own save, not with reads", async () => {
		const fresh = await freshPostgresDatabase('version');
		const server = openDatabase(fresh.url);
		const other = openDatabase(fresh.url);
		try {
			await migrateAny(server);
			const v0 = await dataVersion(server);
			await allRows(server, server.select().from(meta));
			await allRows(other, sql`select count(*) from products`);
			expect(await dataVersion(server)).toBe(v0);
			await exec(other, other.insert(meta).values({ key: 'x', value: '1', updatedAt: 'now' }));
			const v1 = await dataVersion(server);
			expect(v1).not.toBe(v0);
			// Both servers see the same committed data: the same data part.
			expect((await dataVersion(other)).split('.')[0]).toBe(v1.split('.')[0]);
			// This server's own save (the hook notes it once the request has answered).
			noteOwnWrite();
			const v2 = await dataVersion(server);
			expect(v2).not.toBe(v1);
			expect(v2.split('.')[0]).toBe(v1.split('.')[0]);
		} finally {
			closeDatabase(server);
			closeDatabase(other);
			await new Promise((r) => setTimeout(r, 50));
			await fresh.drop();
		}
	});
});
