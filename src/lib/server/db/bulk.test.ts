import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { BulkInsert, deferIndexes } from './bulk';

function table() {
	const client = new Database(':memory:');
	client.exec('create table t (id integer primary key, code text not null, n integer)');
	client.exec('create unique index t_code on t (code)');
	client.exec('create index t_n on t (n)');
	return client;
}

describe('BulkInsert', () => {
	test('every pushed row is written once, in order, whole statements and the rest', () => {
		const client = table();
		const bulk = new BulkInsert(client, 't', ['id', 'code', 'n'], 4);
		for (let i = 1; i <= 10; i++) bulk.push(i, `c${i}`, i * 2);
		expect(client.prepare('select count(*) from t').pluck().get()).toBe(0); // nothing before flush
		bulk.flush();
		for (let i = 11; i <= 13; i++) bulk.push(i, `c${i}`, null);
		bulk.flush();
		bulk.flush(); // an empty flush writes nothing
		const rows = client.prepare('select id, code, n from t order by id').all();
		expect(rows).toHaveLength(13);
		expect(rows[9]).toEqual({ id: 10, code: 'c10', n: 20 });
		expect(rows[12]).toEqual({ id: 13, code: 'c13', n: null });
		expect(bulk.rows).toBe(13);
	});

	test('a row with the wrong number of values is refused at once', () => {
		const bulk = new BulkInsert(table(), 't', ['id', 'code', 'n']);
		expect(() => bulk.push(1, 'a')).toThrow(/2 values for 3 columns/);
	});
});

describe('deferIndexes', () => {
	test('the indexes are gone during the load and the same ones are back after it', () => {
		const client = table();
		const indexes = () => client.prepare("select name, sql from sqlite_master where type = 'index' order by name").all();
		const before = indexes();
		const restore = deferIndexes(client, ['t']);
		expect(indexes()).toEqual([]);
		client.exec("insert into t (code, n) values ('a', 1), ('b', 2)");
		restore();
		expect(indexes()).toEqual(before);
		// The unique index works again.
		expect(() => client.exec("insert into t (code) values ('a')")).toThrow(/UNIQUE/);
	});

	test('duplicates loaded while a unique index was away make its rebuild fail, so the load cannot commit', () => {
		const client = table();
		const load = client.transaction(() => {
			const restore = deferIndexes(client, ['t']);
			client.exec("insert into t (code) values ('a'), ('a')");
			restore();
		});
		expect(() => load()).toThrow(/UNIQUE/);
		expect(client.prepare('select count(*) from t').pluck().get()).toBe(0);
		expect(client.prepare("select count(*) from sqlite_master where type = 'index'").pluck().get()).toBe(2);
	});
});
