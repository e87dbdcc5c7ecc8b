// A small seeded PRNG for the demo market. mulberry32 is fast and good enough for synthetic
// data; `fork` derives independent streams from a label so that adding draws in one part of
// the generator (say, reviews) does not shift everything else.

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number;
	/** Uniform in [min, max). */
	range(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Picks by weight; weights need not sum to 1. */
	weighted<T>(items: readonly T[], weights: readonly number[]): T;
	/** Standard normal (Box–Muller), scaled. */
	normal(mean?: number, sd?: number): number;
	/** exp(normal(mu, sigma)): median e^mu. */
	lognormal(mu: number, sigma: number): number;
	/** Poisson count; normal approximation above a mean of 30. */
	poisson(mean: number): number;
	shuffle<T>(items: T[]): T[];
	/** A new independent stream derived from this one's seed and a label. */
	fork(label: string | number): Rng;
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** 32-bit FNV-1a of a string, mixed with a seed. */
export function hash32(text: string, seed = 0): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	// final avalanche (murmur3 fmix32)
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b) >>> 0;
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35) >>> 0;
	h ^= h >>> 16;
	return h >>> 0;
}

export function createRng(seed: number): Rng {
	const next = mulberry32(seed);
	let spare: number | undefined;
	const rng: Rng = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		range: (min, max) => min + next() * (max - min),
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(items, weights) {
			let total = 0;
			for (const w of weights) total += w;
			let r = next() * total;
			for (let i = 0; i < items.length; i++) {
				r -= weights[i];
				if (r < 0) return items[i];
			}
			return items[items.length - 1];
		},
		normal(mean = 0, sd = 1) {
			if (spare !== undefined) {
				const s = spare;
				spare = undefined;
				return mean + sd * s;
			}
			let u = 0;
			while (u === 0) u = next();
			const v = next();
			const r = Math.sqrt(-2 * Math.log(u));
			spare = r * Math.sin(2 * Math.PI * v);
			return mean + sd * r * Math.cos(2 * Math.PI * v);
		},
		lognormal: (mu, sigma) => Math.exp(mu + sigma * rng.normal()),
		poisson(mean) {
			if (mean <= 0) return 0;
			if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
			const limit = Math.exp(-mean);
			let k = 0;
			let p = next();
			while (p > limit) {
				k++;
				p *= next();
			}
			return k;
		},
		shuffle(items) {
			for (let i = items.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[items[i], items[j]] = [items[j], items[i]];
			}
			return items;
		},
		fork: (label) => createRng(hash32(String(label), seed))
	};
	return rng;
}
