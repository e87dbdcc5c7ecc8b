// `npm run account -- create`: how a real install (DEMO_DATA=off, no demo accounts) gets its
// first account, and any later one. The command over a real database file, as an operator runs
// it, and the service behind it for each role's linked record.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { AccountError, createStandaloneAccount, LinkError, signIn } from '../../src/lib/server/auth/accounts';
import { createTestDb, isPostgres, postgresTestUrl } from '../fixtures/db';
import { sqlInsertId, sqlRow, sqlValue } from '../fixtures/sql';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'despro-account-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A database of a fresh install for the command (its DATABASE_URL), and how the test opens it
 * afterwards: a SQLite file, or in server-pg a new PostgreSQL test database (dropped after the file).
 */
function freshInstall(file: string): { url: string; open(): Db; close(db: Db): void } {
	if (isPostgres) {
		const db = createTestDb();
		return { url: postgresTestUrl(db), open: () => db, close: () => {} };
	}
	const url = join(dir, file);
	return { url, open: () => openDatabase(url), close: (db) => db.$client.close() };
}

/** Runs the command the README gives, with stdin not a terminal (so the password comes from ACCOUNT_PASSWORD). */
function account(dbFile: string, args: string[], password?: string) {
	const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: dbFile };
	delete env.ACCOUNT_PASSWORD;
	if (password !== undefined) env.ACCOUNT_PASSWORD = password;
	const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/account.ts'), ...args], {
		cwd: root,
		env,
		input: '',
		encoding: 'utf8',
		timeout: 60_000
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs the script as an operator does, on the database DATABASE_URL names (a file, or PostgreSQL).
describe('npm run account -- create (a fresh install without the demo)', { timeout: 120_000 }, () => {
	test('makes the first admin, who can then sign in; a second account with that number is refused', async () => {
		const install = freshInstall('baru.db');
		const made = account(install.url, ['create', '--role', 'admin', '--phone', '0812-3456-7890', '--name', 'Admin Kabupaten'], 'kata-sandi-kuat');
		expect(made.stderr).toBe('');
		expect(made.status).toBe(0);
		expect(made.stdout).toContain('Akun admin dibuat: 0812-3456-7890');

		const db = install.open();
		try {
			const r = await signIn(db, { phone: '081234567890', password: 'kata-sandi-kuat', address: '10.0.0.1' });
			expect(r.ok && r.user).toMatchObject({ role: 'admin', name: 'Admin Kabupaten' });
			// Nothing else came with it: no demo market, no demo accounts.
			expect(await sqlValue(db, 'select count(*) from users')).toBe(1);
			expect(await sqlValue(db, 'select count(*) from listings')).toBe(0);
		} finally {
			install.close(db);
		}

		const again = account(install.url, ['create', '--role', 'agen', '--phone', '+62 812 3456 7890', '--name', 'Pak Budi'], 'kata-sandi-kuat');
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('Nomor HP ini sudah dipakai akun lain.');
	});

	test('refuses a weak password, a bad number and a missing password with a clear message and a non-zero exit', async () => {
		const install = freshInstall('tolak.db');
		const file = install.url;
		const weak = account(file, ['create', '--role', 'admin', '--phone', '081234567891', '--name', 'Admin'], 'pendek');
		expect(weak.status).toBe(1);
		expect(weak.stderr).toContain('Kata sandi minimal 8 huruf atau angka.');
		const phone = account(file, ['create', '--role', 'admin', '--phone', '021-555-1234', '--name', 'Admin'], 'kata-sandi-kuat');
		expect(phone.status).toBe(1);
		expect(phone.stderr).toContain('Tulis nomor HP Indonesia');
		const noPassword = account(file, ['create', '--role', 'admin', '--phone', '081234567891', '--name', 'Admin']);
		expect(noPassword.status).toBe(2);
		expect(noPassword.stderr).toContain('ACCOUNT_PASSWORD');
		const role = account(file, ['create', '--role', 'raja', '--phone', '081234567891', '--name', 'Admin'], 'kata-sandi-kuat');
		expect(role.status).toBe(2);
		expect(role.stderr).toContain('Peran "raja" tidak dikenal');
		const id = account(file, ['create', '--role', 'produsen', '--phone', '081234567891', '--name', 'Bu Sari', '--producer-id', 'satu'], 'kata-sandi-kuat');
		expect(id.status).toBe(2);
		expect(id.stderr).toContain('--producer-id harus nomor urut');
		const db = install.open();
		expect(await sqlValue(db, 'select count(*) from users')).toBe(0);
		install.close(db);
	});
});

describe('createStandaloneAccount: each role and its record', () => {
	let db: Db;
	beforeEach(() => {
		db = createTestDb();
	});
	const base = { password: 'kata-sandi-kuat' };
	const one = (sql: string, ...params: unknown[]) => sqlRow(db, sql, ...params);

	test('admin stands alone; agen, koperasi and produsen get a new record of their name when none is given', async () => {
		const admin = await createStandaloneAccount(db, { ...base, role: 'admin', phone: '081200000010', name: 'Admin' });
		expect(admin.linked).toBeNull();
		const agen = await createStandaloneAccount(db, { ...base, role: 'agen', phone: '081200000011', name: 'Pak Agen' });
		expect(agen.linked).toMatchObject({ table: 'agents', created: true });
		expect(await one('select name from agents where id = ?', agen.linked!.id)).toEqual({ name: 'Pak Agen' });
		const coop = await createStandaloneAccount(db, { ...base, role: 'koperasi', phone: '081200000012', name: 'KUD Sumber Rejeki' });
		expect(await one('select cooperative_id as c from users where id = ?', coop.userId)).toEqual({ c: coop.linked!.id });
		const prod = await createStandaloneAccount(db, { ...base, role: 'produsen', phone: '081200000013', name: 'Bu Sari', agentId: agen.linked!.id });
		expect(await one('select name, agent_id as "agentId" from producers where id = ?', prod.linked!.id)).toEqual({ name: 'Bu Sari', agentId: agen.linked!.id });
		// The new producer appears in the agent's list: signing in as the agent sees them.
		const r = await signIn(db, { phone: '081200000011', password: base.password, address: '10.0.0.1' });
		expect(r.ok && r.user.agentId).toBe(agen.linked!.id);
	});

	test('an existing record is linked once; a second account for it, or a record of another kind, is refused', async () => {
		const producerId = await sqlInsertId(db, "insert into producers (name, created_at) values ('Bu Ani', '2026-01-01')");
		const made = await createStandaloneAccount(db, { ...base, role: 'produsen', phone: '081200000020', name: 'Bu Ani', producerId });
		expect(made.linked).toEqual({ table: 'producers', id: producerId, created: false });
		await expect(createStandaloneAccount(db, { ...base, role: 'produsen', phone: '081200000021', name: 'Bu Ani', producerId })).rejects.toThrow(
			new LinkError(`Produsen #${producerId} sudah punya akun.`)
		);
		await expect(createStandaloneAccount(db, { ...base, role: 'koperasi', phone: '081200000022', name: 'X', cooperativeId: 77 })).rejects.toThrow(LinkError);
		await expect(createStandaloneAccount(db, { ...base, role: 'admin', phone: '081200000023', name: 'X', producerId })).rejects.toThrow(LinkError);
		await expect(createStandaloneAccount(db, { ...base, role: 'agen', phone: '081200000024', name: 'X', villageCode: '3216061001' })).rejects.toThrow(LinkError);
		await expect(createStandaloneAccount(db, { ...base, role: 'produsen', phone: '081200000025', name: 'X', villageCode: '9999999999' })).rejects.toThrow(
			'Desa dengan kode 9999999999 tidak ditemukan.'
		);
		// Refused means nothing was made: no stray producer, agent or co-op rows.
		expect(await sqlValue(db, 'select count(*) from producers')).toBe(1);
		expect(await sqlValue(db, 'select count(*) from users')).toBe(1);
	});

	test('weak passwords and taken numbers are refused with the sign-up rule of the app', async () => {
		await createStandaloneAccount(db, { ...base, role: 'admin', phone: '081200000030', name: 'Admin' });
		await expect(createStandaloneAccount(db, { ...base, role: 'admin', phone: '6281200000030', name: 'Admin 2' })).rejects.toThrow(AccountError);
		await expect(createStandaloneAccount(db, { password: '1234567', role: 'admin', phone: '081200000031', name: 'A' })).rejects.toThrow('Kata sandi minimal 8');
		await expect(createStandaloneAccount(db, { password: 'x'.repeat(201), role: 'admin', phone: '081200000031', name: 'A' })).rejects.toThrow('terlalu panjang');
		await expect(createStandaloneAccount(db, { ...base, role: 'admin', phone: '081200000031', name: '   ' })).rejects.toThrow('Nama wajib diisi.');
	});
});

