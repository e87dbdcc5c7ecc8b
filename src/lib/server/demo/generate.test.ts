import { describe, expect, test } from 'vitest';
import { parsePackSize } from '../../analysis/units';
import { LEAVES } from './catalog';
import { displaySold, makeReview, makeTitle, roundPrice, shopIssueCandidates } from './generate';
import { createRng } from './prng';
import { chooseKeywords } from './seed';
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
	test.each(LEAVES.map((l) => [l.slug, l] as const))('%s: titles carry units parsePackSize reads in the leaf family', (_slug, leaf) => {
		const rng = createRng(11);
		for (let i = 0; i < 200; i++) {
			const d = makeTitle(rng, leaf, { wholesale: i % 20 === 0 });
			const p = parsePackSize(d.title);
			const family = p?.family ?? 'count';
			expect(family, d.title).toBe(leaf.unitFamily);
			// The stored quantity is what the title means (the price is built on intendedQty).
			expect(p?.quantity ?? 1, d.title).toBe(d.intendedQty);
		}
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

describe('keywords', () => {
	test('type words first, then more words while enough listings match', () => {
		const titles = [
			...Array(30).fill('cobek tanah liat plered'),
			...Array(30).fill('pot tanah liat plered'),
			...Array(5).fill('cobek tanah liat kasongan')
		];
		const count = (ws: string[]) => titles.filter((t) => ws.every((w) => t.split(' ').includes(w))).length;
		expect(chooseKeywords(['cobek', 'tanah', 'liat'], ['plered'], ['gerabah'], count, 10)).toEqual(['liat', 'tanah', 'cobek', 'plered']);
		expect(chooseKeywords(['cobek', 'tanah', 'liat'], ['kasongan'], [], count, 10)).toEqual(['liat', 'tanah', 'cobek']);
		// Leaf words only fill in a missing second word.
		expect(chooseKeywords(['cobek'], ['kasongan'], ['tanah', 'plered'], count, 10)).toEqual(['cobek', 'tanah']);
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
