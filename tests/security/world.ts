// A small market with two agents, two co-ops and four producers, one account per role, for
// the access tests. Who sees what is known in advance:
//   produsen (pA1)  → pA1's products          agen A → pA1, pA2
//   koperasi X      → pA1, pB1 (its members)  admin  → everything
import { hashSync } from '@node-rs/argon2';
import type { Actor, Role } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct, weeklyDates } from '../fixtures/factories';
import { sqlExec, sqlInsertId } from '../fixtures/sql';

export const PASSWORD = 'rahasia-123';
export const PHONES: Record<Role, string> = {
	produsen: '6281200000001',
	agen: '6281200000002',
	koperasi: '6281200000003',
	admin: '6281200000004'
};

export interface World {
	db: Db;
	actors: Record<Role, Actor>;
	products: { pA1: number; pA2: number; pB1: number; pB2: number };
	producers: { pA1: number; pA2: number; pB1: number; pB2: number };
	agents: { A: number; B: number };
	coops: { X: number; Y: number };
	batchId: number;
	categoryId: number;
}

export async function createWorld(): Promise<World> {
	const db = createTestDb();
	const categoryId = await createCategory(db, { name: 'Kopi Bubuk', unitFamily: 'mass' });
	const dates = weeklyDates('2026-11-18', 12);
	for (let i = 0; i < 8; i++) {
		await createListing(db, {
                			categoryId,
                			title: `Kopi Robusta Temanggung ${i}`,
                			packQuantity: 250,
                			unit: 'g',
                			unitFamily: 'mass',
                			snapshots: dates.map((d, w) => [d, 40_000 + i * 5_000, w * (10 + i)] as [string, number, number])
                		});
	}
	const agent = (name: string) => sqlInsertId(db, "insert into agents (name, phone) values (?, '081311112222')", name);
	const agents = { A: await agent('Agen A'), B: await agent('Agen B') };
	const coop = (name: string) => sqlInsertId(db, 'insert into cooperatives (name) values (?)', name);
	const X = await coop('KUD X');
	const Y = await coop('KUD Y');
	const producer = async (name: string, agentId: number, coopId: number | null, phone: string) => {
		const id = await sqlInsertId(db, "insert into producers (name, phone, agent_id, created_at) values (?, ?, ?, '2026-01-01')", name, phone, agentId);
		if (coopId) await sqlExec(db, "insert into memberships (cooperative_id, producer_id, joined_at) values (?, ?, '2026-01-01')", coopId, id);
		return id;
	};
	const producers = {
		pA1: await producer('Bu Sri', agents.A, X, '081355550001'),
		pA2: await producer('Pak Joko', agents.A, null, '081355550002'),
		pB1: await producer('Bu Tutik', agents.B, X, '081355550003'),
		pB2: await producer('Pak Heru', agents.B, Y, '081355550004')
	};
	const product = async (producerId: number, name: string) =>
		createProduct(db, { producerId, categoryId, name, keywords: 'kopi robusta', price: 55_000, packQuantity: 250, unit: 'g', unitFamily: 'mass' });
	const products = {
		pA1: await product(producers.pA1, 'Kopi Robusta Bu Sri'),
		pA2: await product(producers.pA2, 'Kopi Robusta Pak Joko'),
		pB1: await product(producers.pB1, 'Kopi Robusta Bu Tutik'),
		pB2: await product(producers.pB2, 'Kopi Robusta Pak Heru')
	};
	await refreshDerived(db);
	const hash = hashSync(PASSWORD);
	const user = async (role: Role, name: string, links: Partial<Actor>): Promise<Actor> => {
		const id = await sqlInsertId(
			db,
			`insert into users (phone, password_hash, role, name, producer_id, agent_id, cooperative_id, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, '2026-01-01')`,
			PHONES[role],
			hash,
			role,
			name,
			links.producerId ?? null,
			links.agentId ?? null,
			links.cooperativeId ?? null
		);
		return { id, role, name, producerId: links.producerId ?? null, agentId: links.agentId ?? null, cooperativeId: links.cooperativeId ?? null };
	};
	const actors = {
		produsen: await user('produsen', 'Bu Sri', { producerId: producers.pA1 }),
		agen: await user('agen', 'Agen A', { agentId: agents.A }),
		koperasi: await user('koperasi', 'KUD X', { cooperativeId: X }),
		admin: await user('admin', 'Admin', {})
	};
	const batchId = await sqlInsertId(
		db,
		"insert into import_batches (source, filename, status, started_at) values ('generic-listings', 'contoh.csv', 'done', '2026-11-01')"
	);
	return { db, actors, products, producers, agents, coops: { X, Y }, batchId, categoryId };
}

/** Product keys each role may see. */
export const VISIBLE: Record<Role, (keyof World['products'])[]> = {
	produsen: ['pA1'],
	agen: ['pA1', 'pA2'],
	koperasi: ['pA1', 'pB1'],
	admin: ['pA1', 'pA2', 'pB1', 'pB2']
};
