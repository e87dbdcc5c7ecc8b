// The agent's list says which of their producers' markets have old data (issue 18): none while
// the data is fresh; once it is over 4 weeks old, each of their producers with the products
// concerned and the data's date — and never another agent's producers.
import { describe, expect, test } from 'vitest';
import { listProducersFor, staleMarkets, type ProducerStatus } from '../../src/lib/server/read/agents';
import { createWorld } from '../security/world';

describe("the agent's producers with old market data", async () => {
	const world = await createWorld();
	test('none while fresh; every producer of theirs once the data is over 4 weeks old', async () => {
		expect(staleMarkets(await listProducersFor(world.db, world.actors.agen, '2026-11-25'))).toEqual([]);
		const old = staleMarkets(await listProducersFor(world.db, world.actors.agen, '2027-01-20'));
		expect(old.map((m) => m.producerId).sort()).toEqual([world.producers.pA1, world.producers.pA2].sort());
		for (const m of old) {
			expect(m.products.length).toBeGreaterThan(0);
			for (const p of m.products) expect(p.dataUntil).toBe('2026-11-18');
		}
		expect(old.flatMap((m) => m.products.map((p) => p.id))).toContain(world.products.pA1);
		expect(old.flatMap((m) => m.products.map((p) => p.id))).not.toContain(world.products.pB1);
	});
});

describe('the order of the list', () => {
	// Only the fields staleMarkets reads: which products are stale and their data's date.
	const producer = (id: number, name: string, products: [number, string | null, boolean][]) =>
		({ id, name, products: products.map(([pid, dataUntil, stale]) => ({ id: pid, name: `P${pid}`, dataUntil, stale })) }) as unknown as ProducerStatus;

	test("oldest data first, by each producer's oldest product; fresh products left out", () => {
		const list = staleMarkets([
			producer(1, 'Bu Ani', [
				[11, '2026-09-01', true],
				[12, '2026-06-01', true],
				[13, '2026-11-20', false]
			]),
			producer(2, 'Pak Budi', [[21, '2026-08-01', true]]),
			producer(3, 'Bu Citra', [[31, '2026-11-20', false]])
		]);
		expect(list.map((m) => m.producerName)).toEqual(['Bu Ani', 'Pak Budi']);
		expect(list[0].products.map((p) => p.id)).toEqual([12, 11]);
	});
});
