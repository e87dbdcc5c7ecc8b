import { describe, expect, test } from 'vitest';
import { productKind } from '../../analysis/product-kind';
import { readPackSize } from '../../analysis/units';
import { LEAVES } from './catalog';
import { displaySold, makeReview, makeTitle, roundPrice, shopIssueCandidates } from './generate';
import { createRng } from './prng';
import { lebaranFactor, observationDates } from './season';

describe('prng', () => {
	test('same seed, same stream; forks are independent and stable', () => {
		const a = createRng(1);
		const b = createRng(1);
		expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
		expect(createRng(1).fork('x').next()).toBe(createRng(1).fork('x').next());
		expect(createRng(1).fork('x').next()).not.toBe(createRng(1).fork('y').next());
		const r = createRng(3);
		const draws = Array.from({ length: 5000 }, () => r.poisson(4));
		expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(4, 0);
	});
});

describe('titles', () => {
	test.each(LEAVES.map((l) => [l.slug, l] as const))('%s: titles carry units readPackSize reads, in the family of their kind', (_slug, leaf) => {
		const rng = createRng(11);
		for (let i = 0; i < 200; i++) {
			const d = makeTitle(rng, leaf, { wholesale: i % 20 === 0 });
			const read = readPackSize(d.title);
			// Saus sambal is sold by the ml in a leaf sold by weight; everything else in its leaf's family.
			const packs = leaf.kindPacks?.[d.truth] ?? leaf.packs;
			const statedFamily = packs.some((p) => /ml|liter/.test(p[0])) ? 'volume' : leaf.unitFamily;
			if (read.status === 'ok') {
				expect(read.pack!.family, d.title).toBe(read.pack!.family === 'count' && leaf.unitFamily !== 'count' ? 'count' : statedFamily);
				// The stored quantity is what the title states.
				expect(read.pack!.quantity, d.title).toBe(d.intendedQty);
			} else if (d.realQty === d.intendedQty) {
				// No size at all: one piece, in a leaf sold by the piece.
				expect([read.status, d.intendedQty, leaf.unitFamily], d.title).toEqual(['none', 1, 'count']);
			} else {
				// No size, or two that contradict each other: planted on purpose, priced by the real content.
				expect(d.realQty, d.title).toBeGreaterThan(1);
				expect(d.intendedQty, d.title).toBe(1);
			}
			expect(d.truth, d.title).toMatch(/^[a-z-]+$/);
		}
	});

	test('clean titles (a producer\'s own product) always state their content', () => {
		for (const leaf of LEAVES) {
			const rng = createRng(3);
			for (let i = 0; i < 100; i++) {
				const d = makeTitle(rng, leaf, { clean: true });
				expect(readPackSize(d.title).status === 'ok' || d.intendedQty === 1, d.title).toBe(true);
				expect(d.realQty, d.title).toBe(d.intendedQty);
			}
		}
	});

	test('the sambal leaf plants look-alikes that share its words', () => {
		const leaf = LEAVES.find((l) => l.slug === 'sambal-bumbu')!;
		const rng = createRng(9);
		const drafts = Array.from({ length: 600 }, () => makeTitle(rng, leaf));
		const truths = new Set(drafts.map((d) => d.truth));
		expect([...truths].sort()).toEqual(['bawang-goreng', 'bawang-hitam', 'bumbu-pecel', 'cabai-bubuk', 'keripik', 'sambal', 'saus-sambal']);
		// Sharing "sambal" or "bawang" does not make a listing sambal.
		expect(drafts.filter((d) => d.truth !== 'sambal' && /sambal|sambel/i.test(d.title)).length).toBeGreaterThan(50);
		expect(drafts.filter((d) => d.truth === 'sambal' && readPackSize(d.title).status === 'none').length).toBeGreaterThan(20);
		expect(drafts.some((d) => readPackSize(d.title).status === 'conflict')).toBe(true);
		for (const d of drafts.filter((d) => d.truth === 'bawang-goreng')) expect(productKind(d.title).head, d.title).toBe('bawang goreng');
	});
});

describe('money and counters', () => {
	test.each([
		[24_321, true, 24_900],
		[24_321, false, 24_500],
		[4_321, false, 4_300],
		[1_234_567, false, 1_235_000],
		[1_234_567, true, 1_239_000],
		[420, false, 400]
	])('roundPrice(%d, charm %s) → %d', (p, charm, out) => expect(roundPrice(p, charm)).toBe(out));

	test.each([
		[57, 'coarse', 57, false],
		[99, 'coarse', 99, false],
		[100, 'coarse', 100, true],
		[612, 'coarse', 500, true],
		[2_480, 'coarse', 2_000, true],
		[34_000, 'coarse', 30_000, true],
		[612, 'fine', 612, false],
		[2_480, 'fine', 2_400, true],
		[34_050, 'fine', 34_000, true],
		[2_480, false, 2_480, false]
	] as const)('displaySold(%d, bucketed %s) → %d (lower bound %s)', (n, bucketed, count, lowerBound) =>
		expect(displaySold(n, bucketed)).toEqual({ count, lowerBound }));
});

describe('reviews', () => {
	test('a shop known for one complaint gets it again and again', () => {
		const rng = createRng(5);
		const issue = shopIssueCandidates('keramik').find((t) => t.id === 'pecah')!;
		const reviews = Array.from({ length: 400 }, () => makeReview(rng, 'keramik', -2, { quality: -2, issue, issueStrength: 0.9 }));
		const complaints = reviews.filter((r) => r.kind === 'negative' || r.kind === 'mixed');
		expect(complaints.length).toBeGreaterThan(100);
		expect(complaints.filter((r) => r.themes.includes('pecah')).length / complaints.length).toBeGreaterThan(0.8);
		const stars = (k: string) => reviews.filter((r) => r.kind === k).reduce((s, r) => s + r.stars, 0) / reviews.filter((r) => r.kind === k).length;
		expect(stars('negative')).toBeLessThan(stars('mixed'));
		expect(stars('mixed')).toBeLessThan(stars('positive'));
	});
});

describe('season', () => {
	test('observations are Mondays ending on or before the end date', () => {
		const d = observationDates('2026-11-27', 106);
		expect(d).toHaveLength(106);
		expect(d[105]).toBe('2026-11-23');
		expect(d[0]).toBe('2024-11-18');
	});
	test('the rise before Lebaran 2026 (20 March) and the dip in its week', () => {
		expect(lebaranFactor('2026-03-09', 1)).toBeGreaterThan(2);
		expect(lebaranFactor('2026-03-16', 1)).toBeLessThan(0.7);
		expect(lebaranFactor('2026-01-05', 1)).toBe(1);
	});
});
