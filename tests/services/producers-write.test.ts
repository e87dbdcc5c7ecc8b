// An agent adds producers (with or without an account) and products for them; admin moves a
// producer to another agent. What the agent sees: the rows written, or a message on the field
// at fault with nothing half-written.
import { beforeEach, describe, expect, test, vi } from 'vitest';

// The real password hash, held at its end while a test asks: the "number taken while the password
// was hashed" case then happens in that order on every engine and machine (it raced on PostgreSQL).
const hashHold = vi.hoisted(() => ({ started: null as (() => void) | null, until: null as Promise<void> | null }));
vi.mock('../../src/lib/server/auth/password', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../src/lib/server/auth/password')>();
	return {
		...real,
		hashPassword: async (password: string) => {
			hashHold.started?.();
			const hash = await real.hashPassword(password);
			await hashHold.until;
			return hash;
		}
	};
});
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { FieldError, NotFoundError } from '../../src/lib/server/errors';
import { assignProducerFor, createProducerFor } from '../../src/lib/server/write/producers';
import { createProductFor, updatePriceFor } from '../../src/lib/server/write/products';
import { createTestDb } from '../fixtures/db';
import { createCategory } from '../fixtures/factories';
import { sqlExec, sqlInsertId, sqlRow, sqlValue } from '../fixtures/sql';

const NOW = new Date('2026-11-28T09:00:00Z');

async function setUp(db: Db) {
	await sqlExec(db, "insert into regions (code, parent_code, level, name) values ('32', null, 'province', 'JAWA BARAT'), ('32.14.04.2001', '32', 'village', 'Anjun')");
	const agentA = await sqlInsertId(db, "insert into agents (name) values ('Agen A')");
	const agentB = await sqlInsertId(db, "insert into agents (name) values ('Agen B')");
	const actor = (role: Actor['role'], agentId: number | null): Actor => ({ id: 0, role, name: role, producerId: null, agentId, cooperativeId: null });
	return { agentA, agentB, agent: actor('agen', agentA), admin: actor('admin', null) };
}

const count = async (db: Db, table: string) => await sqlValue(db, `select count(*) from ${table}`);

describe('producers and products written by an agent', () => {
	let db: Db;
	let w: Awaited<ReturnType<typeof setUp>>;
	beforeEach(async () => {
		db = createTestDb();
		w = await setUp(db);
	});

	test('a producer with an account: both written, linked, and the producer is the agent’s own', async () => {
		const id = await createProducerFor(db, w.agent, { name: '  Bu   Ani ', villageCode: '32.14.04.2001', agentId: w.agentB, phone: '0812 3456 7890', password: 'tanahliat1' }, NOW);
		expect(await sqlRow(db, 'select name, phone, village_code, agent_id, created_at from producers where id = ?', id)).toEqual({
			name: 'Bu Ani',
			phone: null,
			village_code: '32.14.04.2001',
			agent_id: w.agentA,
			created_at: NOW.toISOString()
		});
		expect(await sqlRow(db, 'select role, name, producer_id from users where phone = ?', '6281234567890')).toEqual({ role: 'produsen', name: 'Bu Ani', producer_id: id });
	});

	test('a number taken while the password was hashed: no producer without its account', async () => {
		const hashing = new Promise<void>((resolve) => (hashHold.started = resolve));
		let release!: () => void;
		hashHold.until = new Promise<void>((resolve) => (release = resolve));
		try {
			const pending = createProducerFor(db, w.agent, { name: 'Bu Sri', phone: '081299990000', password: 'tanahliat1' }, NOW);
			const outcome = pending.then(
				() => 'saved',
				(e: unknown) => e
			);
			// The number was free when checked; another agent registers it while the password is hashed.
			await hashing;
			await sqlExec(db, "insert into users (phone, password_hash, role, name, created_at) values ('6281299990000', 'x', 'produsen', 'Lain', '2026-01-01')");
			release();
			expect(await outcome).toBeInstanceOf(Error);
		} finally {
			hashHold.started = null;
			hashHold.until = null;
			release?.();
		}
		expect(await count(db, 'producers')).toBe(0);
	});

	test('an unknown village or agent is named on its field; nothing is written', async () => {
		await expect(createProducerFor(db, w.agent, { name: 'Bu Ani', villageCode: '32.14' })).rejects.toMatchObject({ field: 'villageCode', message: 'Desa tidak ditemukan.' });
		await expect(createProducerFor(db, w.admin, { name: 'Bu Ani', agentId: 999 })).rejects.toMatchObject({ field: 'agentId', message: 'Agen tidak ditemukan.' });
		expect(await count(db, "producers")).toBe(0);
	});

	test('admin moves a producer to another agent, or to none; an unknown agent is refused', async () => {
		const id = await createProducerFor(db, w.agent, { name: 'Bu Ani' }, NOW);
		await assignProducerFor(db, w.admin, id, w.agentB);
		expect(await sqlValue(db, 'select agent_id from producers where id = ?', id)).toBe(w.agentB);
		await expect(assignProducerFor(db, w.admin, id, 999)).rejects.toThrow(NotFoundError);
		await assignProducerFor(db, w.admin, id, null);
		expect(await sqlValue(db, 'select agent_id from producers where id = ?', id)).toBeNull();
	});

	test('a new product is placed in its producer’s village, with keywords from its name; its price can change', async () => {
		const producerId = await createProducerFor(db, w.agent, { name: 'Bu Ani', villageCode: '32.14.04.2001' }, NOW);
		const categoryId = await createCategory(db, { slug: 'gerabah', name: 'Gerabah', unitFamily: 'mass' });
		const input = { name: 'Pot Tanah Liat 500 gram', categoryId, price: 25_000, packQuantity: 500, unit: 'g' as const };
		const id = await createProductFor(db, w.agent, producerId, input, NOW);
		expect(await sqlRow(db, 'select name, price, unit, unit_family, keywords, village_code, case when is_demo then 1 else 0 end as is_demo, created_at from products where id = ?', id)).toEqual({
			name: 'Pot Tanah Liat 500 gram',
			price: 25_000,
			unit: 'g',
			unit_family: 'mass',
			keywords: 'pot tanah liat',
			village_code: '32.14.04.2001',
			is_demo: 0,
			created_at: NOW.toISOString()
		});
		await updatePriceFor(db, w.agent, id, 27_500);
		expect(await sqlValue(db, 'select price from products where id = ?', id)).toBe(27_500);
		await expect(createProductFor(db, w.agent, producerId, { ...input, categoryId: 999 })).rejects.toThrow(FieldError);
	});
});
