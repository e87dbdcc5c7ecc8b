// Issue 11 item 8: a theme label must fit the quote shown under it ("kemasan kurang aman" above
// "Gk rapi di bagian pinggir" did not). tests/fixtures/review-quote-themes.json holds our judgement
// of real (quote, theme) pairs as row references.
import { describe, expect, test } from 'vitest';
import { hasSharedData, sharedDataSkipReason } from '../../../../tests/fixtures/shared-data';
import { evaluateQuoteThemes } from '../../../../tests/fixtures/review-quote-themes';

describe.skipIf(!hasSharedData)('theme labels fit their quotes', () => {
	test('≥ 200 judged pairs, ≥ 9 of 10 labels fit', () => {
		const r = evaluateQuoteThemes();
		console.log(`theme labels: ${r.fits} of ${r.judged} fit their quote (precision ${r.precision.toFixed(3)}); ${r.stale} judged pairs no longer produced`);
		expect(r.judged).toBeGreaterThanOrEqual(200);
		// a change of the analyser that quotes differently must be judged again, not pass unseen
		expect(r.stale).toBeLessThanOrEqual(r.judged * 0.1);
		expect(r.precision).toBeGreaterThanOrEqual(0.9);
	});
});

test.skipIf(hasSharedData)('quote-theme tests skipped', () => {
	expect(sharedDataSkipReason).toContain('shared/data');
});
