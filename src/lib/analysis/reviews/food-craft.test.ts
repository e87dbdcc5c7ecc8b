// Issue 17: our own labelled food, craft and batik reviews (tests/fixtures/review-food-craft.json,
// row references and labels only). Floors are the targets; the figures are printed so a
// change in either direction is seen.
import { describe, expect, test } from 'vitest';
import { hasSharedData, sharedDataSkipReason } from '../../../../tests/fixtures/shared-data';
import { COMBINED, evaluateFoodCraft, loadFoodCraftLabels } from '../../../../tests/fixtures/review-food-craft';

describe.skipIf(!hasSharedData)('food and craft reviews we labelled', () => {
	const all = evaluateFoodCraft();
	const check = evaluateFoodCraft({ split: 'check' });

	test('the set is ours, large enough and has a held-back check split', () => {
		const labels = loadFoodCraftLabels();
		const foodCraft = labels.filter((l) => l.family !== 'tekstil');
		expect(foodCraft.length).toBeGreaterThanOrEqual(400);
		expect(labels.filter((l) => l.split === 'check').length).toBeGreaterThanOrEqual(100);
		expect(new Set(foodCraft.map((l) => l.family))).toEqual(new Set(['makanan', 'kerajinan', 'batik']));
	});

	test('sentiment: ≥ 0.92 accuracy and ≥ 0.85 macro-F1 on the food-and-craft set', () => {
		for (const [family, s] of Object.entries(all.sentiment))
			console.log(`${family}: n ${s.n}, accuracy ${s.accuracy.toFixed(3)}, macro-F1 ${s.macroF1.toFixed(3)}; check split ${check.sentiment[family]?.accuracy.toFixed(3)}`);
		expect(all.sentiment[COMBINED].accuracy).toBeGreaterThanOrEqual(0.92);
		expect(all.sentiment[COMBINED].macroF1).toBeGreaterThanOrEqual(0.85);
		// the rows never looked at while writing the word lists stay close
		expect(check.sentiment[COMBINED].accuracy).toBeGreaterThanOrEqual(0.9);
	});

	test('reviews without an opinion are called "tidak jelas", not guessed', () => {
		const t = all.sentiment.tekstil;
		expect(t.none).toBeGreaterThanOrEqual(15);
		expect(t.noneFound / t.none).toBeGreaterThanOrEqual(0.9);
	});

	test('the new food and craft themes are right ≥ 9 times out of 10', () => {
		const n = all.newAspects;
		console.log(`new aspects: precision ${n.precision.toFixed(3)} recall ${n.recall.toFixed(3)} (${n.tp} right of ${n.predicted} found, ${n.gold} labelled)`);
		expect(n.predicted).toBeGreaterThanOrEqual(100);
		expect(n.precision).toBeGreaterThanOrEqual(0.9);
	});
});

test.skipIf(hasSharedData)('food and craft review tests skipped', () => {
	expect(sharedDataSkipReason).toContain('shared/data');
});
