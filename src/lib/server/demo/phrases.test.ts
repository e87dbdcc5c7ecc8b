// The demo's review phrases must read as the theme they stand for: analysed like any review, each
// phrase yields its theme's aspect with its polarity, on a category of its group. Otherwise the
// demo card would show themes whose quotes say something else.
import { describe, expect, test } from 'vitest';
import { analyzeReview, aspectAllowed } from '$lib/analysis/reviews';
import type { ThemeGroup } from './catalog';
import { GENERAL_THEMES, GROUP_THEMES } from './phrases';

const CATEGORY: Record<ThemeGroup, string> = {
	keramik: 'Keramik Hias',
	tekstil: 'Kain Batik Tulis',
	anyaman: 'Anyaman Bambu',
	logam: 'Kerajinan Tembaga',
	rambut: 'Wig & Rambut Palsu',
	kopi: 'Kopi Bubuk',
	kerajinan: 'Kerajinan Tangan & Souvenir',
	makanan: 'Sambal & Bumbu'
};

const cases = (Object.keys(GROUP_THEMES) as ThemeGroup[]).flatMap((group) =>
	[...GROUP_THEMES[group], ...GENERAL_THEMES].flatMap((theme) => theme.phrases.map((phrase) => ({ group, theme, phrase })))
);

describe('demo review phrases read as their theme', () => {
	test.each(cases.map((c) => [c.group, c.theme.id, c.phrase, c] as const))('%s %s: "%s"', (_g, _id, _p, { group, theme, phrase }) => {
		expect(aspectAllowed(theme.aspect, CATEGORY[group])).toBe(true);
		const found = analyzeReview(phrase).aspects.filter((a) => aspectAllowed(a.aspect, CATEGORY[group]));
		expect(found).toContainEqual({ aspect: theme.aspect, polarity: theme.polarity === 'pos' ? 'positive' : 'negative' });
	});
});
