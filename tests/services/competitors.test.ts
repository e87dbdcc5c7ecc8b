// Competitor sets by kind of product, what they leave out and why, and an agent removing a
// listing that is not comparable: it stays removed across refreshes, with the reason, who and when.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Db } from '../../src/lib/server/db';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { competitorListFor } from '../../src/lib/server/read/competitor-list';
import { removeCompetitorFor, restoreCompetitorFor } from '../../src/lib/server/write/competitors';
import { productDashboard } from '../../src/lib/server/read/dashboard';
import { refreshDerived } from '../../src/lib/server/derive/refresh';
import { createTestDb } from '../fixtures/db';
import { createCategory, createListing, createProduct, createProducer, weeklyDates } from '../fixtures/factories';
import { sqlExec, sqlInsertId, sqlValue } from '../fixtures/sql';

const TODAY = '2026-11-28';
const WEEKS = weeklyDates('2026-11-25', 6);

async function setUp(db: Db) {
	const parent = await createCategory(db, { slug: 'gerabah-keramik', name: 'Gerabah & Keramik' });
	const categoryId = await createCategory(db, { slug: 'keramik-makan', name: 'Piring & Gelas Keramik', parentId: parent });
	const sambal = await createCategory(db, { slug: 'sambal-bumbu', name: 'Sambal & Bumbu', unitFamily: 'mass' });
	const snaps = (price: number) => WEEKS.map((d, w) => [d, price, 10 * w] as [string, number, number]);
	const teko: number[] = [];
	for (let i = 0; i < 8; i++) teko.push(await createListing(db, { categoryId, title: `Teko Keramik Plered Motif ${i}`, snapshots: snaps(90_000 + i * 5_000) }));
	// Look-alikes that share "keramik" (and a teko in another material) are not teko keramik.
	const wastafel = await createListing(db, { categoryId, title: 'Wastafel Keramik Motif Bunga', snapshots: snaps(400_000) });
	await createListing(db, { categoryId, title: 'Gelas Keramik Motif Bunga', snapshots: snaps(20_000) });
	await createListing(db, { categoryId, title: 'Teko Tembaga Tumang', snapshots: snaps(200_000) });
	// A teko keramik listed in a food category is no competitor either.
	await createListing(db, { categoryId: sambal, title: 'Teko Keramik Bonus Sambal', snapshots: snaps(80_000) });

	const agentA = await sqlInsertId(db, "insert into agents (name) values ('Agen A')");
	const agentB = await sqlInsertId(db, "insert into agents (name) values ('Agen B')");
	const producerId = await createProducer(db, { agentId: agentA });
	const productId = await createProduct(db, { producerId, categoryId, name: 'Teko Keramik Bu Ani', price: 100_000, keywords: 'teko keramik' });
	const coop = await sqlInsertId(db, "insert into cooperatives (name) values ('KUD')");
	await sqlExec(db, "insert into memberships (cooperative_id, producer_id, joined_at) values (?, ?, '2026-01-01')", coop, producerId);
	let phones = 0;
	const user = async (role: Actor['role'], links: Partial<Actor> = {}): Promise<Actor> => {
		const id = Number(
			await sqlInsertId(db, "insert into users (phone, password_hash, role, name, created_at) values (?, 'x', ?, ?, '2026-01-01')", `6281200000${++phones}`, role, `Nama ${role}`)
		);
		return { id, role, name: `Nama ${role}`, producerId: links.producerId ?? null, agentId: links.agentId ?? null, cooperativeId: links.cooperativeId ?? null };
	};
	await refreshDerived(db);
	return {
		productId,
		teko,
		wastafel,
		actors: {
			agent: await user('agen', { agentId: agentA }),
			otherAgent: await user('agen', { agentId: agentB }),
			producer: await user('produsen', { producerId }),
			coop: await user('koperasi', { cooperativeId: coop }),
			admin: await user('admin')
		}
	};
}

describe('competitor sets by kind', () => {
	let db: Db;
	let w: Awaited<ReturnType<typeof setUp>>;
	beforeEach(async () => {
		db = createTestDb();
		w = await setUp(db);
	});

	test('a teko keramik compares with teko keramik only', async () => {
		const list = await competitorListFor(db, w.actors.producer, w.productId);
		expect(list.product.kind).toBe('teko (keramik)');
		expect(list.compared.map((r) => r.title).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Teko Keramik Plered Motif ${i}`).sort());
		expect(list.leftOut).toEqual([]);
		expect((await productDashboard(db, w.productId, TODAY))!.price.compared).toBe(8);
	});

	test('an agent removes a listing with a reason; it stays removed across refreshes and the card says so', async () => {
		const at = new Date('2026-11-27T10:00:00Z');
		await removeCompetitorFor(db, w.actors.agent, w.productId, w.teko[0], '  ini teko hias, tidak bisa dipakai ', at);
		const check = async () => {
			const list = await competitorListFor(db, w.actors.producer, w.productId);
			expect(list.compared.map((r) => r.listingId)).not.toContain(w.teko[0]);
			const removed = list.leftOut.find((r) => r.listingId === w.teko[0])!;
			expect(removed.reason).toBe('removed');
			expect(removed.removal).toEqual({ reason: 'ini teko hias, tidak bisa dipakai', by: 'Nama agen', at: at.toISOString() });
			const card = (await productDashboard(db, w.productId, TODAY))!.price;
			expect(card.compared).toBe(7);
			expect(card.leftOut).toContainEqual({ reason: 'removed', count: 1, label: 'dikeluarkan oleh agen' });
			expect(card.basis).toContain('1 produk dikeluarkan oleh agen tidak dihitung.');
		};
		await check();
		await refreshDerived(db);
		await check();
		await restoreCompetitorFor(db, w.actors.admin, w.productId, w.teko[0]);
		expect((await competitorListFor(db, w.actors.producer, w.productId)).compared.map((r) => r.listingId)).toContain(w.teko[0]);
		expect((await productDashboard(db, w.productId, TODAY))!.price.compared).toBe(8);
	});

	test('removing again replaces the reason, who and when; a second restore says it is not removed', async () => {
		await removeCompetitorFor(db, w.actors.agent, w.productId, w.teko[2], 'ini teko hias', new Date('2026-11-20T08:00:00Z'));
		await removeCompetitorFor(db, w.actors.admin, w.productId, w.teko[2], 'ini tutup teko saja', new Date('2026-11-27T09:00:00Z'));
		const removed = (await competitorListFor(db, w.actors.producer, w.productId)).leftOut.find((r) => r.listingId === w.teko[2])!;
		expect(removed.removal).toEqual({ reason: 'ini tutup teko saja', by: 'Nama admin', at: '2026-11-27T09:00:00.000Z' });
		expect(await sqlValue(db, 'select count(*) from competitor_exclusions')).toBe(1);
		await restoreCompetitorFor(db, w.actors.agent, w.productId, w.teko[2]);
		await expect(restoreCompetitorFor(db, w.actors.agent, w.productId, w.teko[2])).rejects.toThrow('Produk itu tidak ada di daftar yang dikeluarkan.');
	});

	test('only the producer’s agent or an admin may remove; others are refused, strangers see nothing', async () => {
		await expect(removeCompetitorFor(db, w.actors.producer, w.productId, w.teko[1], 'bukan teko')).rejects.toThrow(ForbiddenError);
		await expect(removeCompetitorFor(db, w.actors.coop, w.productId, w.teko[1], 'bukan teko')).rejects.toThrow(ForbiddenError);
		await expect(removeCompetitorFor(db, w.actors.otherAgent, w.productId, w.teko[1], 'bukan teko')).rejects.toThrow(NotFoundError);
		await expect(competitorListFor(db, w.actors.otherAgent, w.productId)).rejects.toThrow(NotFoundError);
		expect((await competitorListFor(db, w.actors.coop, w.productId)).canChange).toBe(false);
		expect((await competitorListFor(db, w.actors.agent, w.productId)).canChange).toBe(true);
		// A reason is required, and only listings of the set can be removed.
		await expect(removeCompetitorFor(db, w.actors.agent, w.productId, w.teko[1], ' ')).rejects.toThrow(RangeError);
		await expect(removeCompetitorFor(db, w.actors.admin, w.productId, w.wastafel, 'bukan teko')).rejects.toThrow(NotFoundError);
		expect(await sqlValue(db, 'select count(*) from competitor_exclusions')).toBe(0);
	});
});

describe('listings of the kind that cannot be compared are counted and named', () => {
	test('a sambal sold by weight: no weight, two weights, by the litre', async () => {
		const db = createTestDb();
		const categoryId = await createCategory(db, { slug: 'sambal-bumbu', name: 'Sambal & Bumbu', unitFamily: 'mass' });
		const snaps = (price: number) => WEEKS.map((d, w) => [d, price, 10 * w] as [string, number, number]);
		for (let i = 0; i < 6; i++) await createListing(db, { categoryId, title: `Sambal Bawang Pedas ${150 + i * 10} gr`, snapshots: snaps(20_000 + i * 1000) });
		// Pack fields as the import writes them (readPackSize), with its pack status.
		const withPack = async (title: string, status: 'none' | 'conflict') => {
			const id = await createListing(db, { categoryId, title, snapshots: snaps(25_000) });
			await sqlExec(db, 'update listings set pack_status = ? where id = ?', status, id);
			return id;
		};
		await withPack('SAMBAL BAWANG BU RUDY (RESMI JKT)', 'none');
		await withPack('Sambal Bawang Bu Sri', 'none');
		await withPack('(1kg) - sambel bawang madiun - 160 gram', 'conflict');
		await createListing(db, { categoryId, title: 'Bawang Goreng Renyah 250 gr', packQuantity: 250, unit: 'g', unitFamily: 'mass', snapshots: snaps(30_000) });
		const productId = await createProduct(db, { categoryId, name: 'Sambal Bawang Mbok Darmi 200 gr', keywords: 'sambal bawang', price: 22_000, packQuantity: 200, unit: 'g', unitFamily: 'mass' });
		// The six sized sambal listings: written with their grams like an import would.
		await sqlExec(db, "update listings set pack_quantity = cast(substr(title, 21, 3) as integer), unit = 'g', unit_family = 'mass', pack_status = 'ok' where title like 'Sambal Bawang Pedas %'");
		await refreshDerived(db);
		const card = (await productDashboard(db, productId, TODAY))!.price;
		expect(card.compared).toBe(6);
		expect(card.leftOut).toEqual([
			{ reason: 'no-size', count: 2, label: 'tanpa berat di judul' },
			{ reason: 'conflict', count: 1, label: 'dengan dua ukuran berbeda di judul' }
		]);
		expect(card.basis).toContain('2 produk tanpa berat di judul tidak dihitung.');
		const admin: Actor = { id: 1, role: 'admin', name: 'Admin', producerId: null, agentId: null, cooperativeId: null };
		const list = await competitorListFor(db, admin, productId);
		expect(list.leftOut.map((l) => l.title).sort()).toEqual(['(1kg) - sambel bawang madiun - 160 gram', 'SAMBAL BAWANG BU RUDY (RESMI JKT)', 'Sambal Bawang Bu Sri']);
		// Bawang goreng shares "bawang" and is neither compared nor named.
		expect([...list.compared, ...list.leftOut].some((l) => /goreng/i.test(l.title))).toBe(false);
	});
});
