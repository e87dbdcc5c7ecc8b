import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dataVersion } from './market-version';
import { migrateDatabase, openDatabase, type Db } from './index';

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
	test("moves with another connection's commit, with this connection's own write, and not with reads", () => {
		const { server, other } = twoConnections();
		const v0 = dataVersion(server);
		server.$client.prepare('select count(*) from products').get();
		expect(dataVersion(server)).toBe(v0);
		other.$client.prepare("insert into meta (key, value, updated_at) values ('x', '1', 'now')").run();
		const v1 = dataVersion(server);
		expect(v1).not.toBe(v0);
		server.$client.prepare("update meta set value = '2' where key = 'x'").run();
		const v2 = dataVersion(server);
		expect(v2).not.toBe(v1);
		// A write that changed no row changed nothing a page shows.
		server.$client.prepare("update meta set value = '3' where key = 'nothing'").run();
		expect(dataVersion(server)).toBe(v2);
		server.$client.close();
		other.$client.close();
	});
});
