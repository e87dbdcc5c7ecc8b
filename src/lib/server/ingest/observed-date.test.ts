import { describe, expect, test } from 'vitest';
import {
	dateFromCompanions,
	dateFromSearchId,
	dateInFileName,
	DateTally,
	decideBatchDate,
	explicitDateProblem,
	MissingDateError,
	wibDayOfUnix
} from './observed-date';

const TODAY = '2026-11-30';

describe('dates found in the content', () => {
	test.each([
		['https://www.tokopedia.com/x/y?extParam=ivf%3Dfalse%26search_id%3D20250426031249694C84F11642B92552A1', '2025-04-26'],
		['https://www.tokopedia.com/x/y?search_id=20240102120000abc', '2024-01-02'],
		['https://www.tokopedia.com/x/y?extParam=ivf%3Dfalse', null],
		// Not a calendar day, or a day that has not come yet: not believed.
		['https://www.tokopedia.com/x/y?search_id=20251399000000', null],
		['https://www.tokopedia.com/x/y?search_id=20271201000000', null],
		[null, null]
	])('search_id in %s → %s', (url, day) => {
		expect(dateFromSearchId(url, TODAY)).toBe(day);
	});

	test('a shop last active at 21:33 WIB on 25 November 2025 dates the scrape 25 November', () => {
		expect(wibDayOfUnix(1764081213)).toBe('2025-11-25');
		// 23:30 UTC on the 24th is already the 25th in Indonesia.
		expect(wibDayOfUnix(Date.UTC(2025, 10, 24, 23, 30) / 1000)).toBe('2025-11-25');
		const tables = new Map([['shopee-shops' as const, [{ last_active_time: '1764064617' }, { last_active_time: '1764064767' }, { last_active_time: '' }]]]);
		expect(dateFromCompanions(tables, TODAY)).toBe('2025-11-25');
		expect(dateFromCompanions(new Map(), TODAY)).toBeNull();
	});

	test('the date most rows carry wins; ties go to the later day', () => {
		const t = new DateTally(TODAY);
		t.add({ url: 'a?search_id=20250426010101' }, 'listings');
		t.add({ url: 'b?search_id=20250426010101' }, 'listings');
		t.add({ url: 'c?search_id=20250427010101' }, 'listings');
		t.add({ url: 'd' }, 'listings');
		expect(t.decide()).toEqual({ day: '2025-04-26', source: 'search-id', rows: 4, dated: 3 });
		const tie = new DateTally(TODAY);
		tie.add({ observed_at: '2025-03-01' }, 'listings');
		tie.add({ observed_at: '2025-03-08' }, 'listings');
		expect(tie.decide()).toMatchObject({ day: '2025-03-08', source: 'column' });
	});

	test('a review file without listing dates is dated by its newest review', () => {
		const t = new DateTally(TODAY);
		for (const d of ['2024-01-01', '2025-03-15', '2024-06-01 10:00:00', 'kemarin']) t.add({ reviewed_at: d, text: 'x' }, 'reviews');
		expect(t.decide()).toEqual({ day: '2025-03-15', source: 'reviews', rows: 4, dated: 3 });
		expect(new DateTally(TODAY).decide()).toBeNull();
	});
});

describe('a date in the file name is only a suggestion', () => {
	test.each([
		['tokopedia_laptop_2023-02-09.csv', { day: '2023-02-09', month: '2023-02' }],
		['/data/scrape_20250426.csv', { day: '2025-04-26', month: '2025-04' }],
		['shopee_skincare_2022-11.csv', { day: null, month: '2022-11' }],
		['lazada_iphone.csv', null],
		['tokopedia_sambal_raw.csv', null]
	])('%s', (name, hint) => {
		expect(dateInFileName(name)).toEqual(hint);
	});
});

describe('the batch date', () => {
	const content = { day: '2025-04-26', source: 'search-id' as const, rows: 76, dated: 45 };

	test('the content beats a typed date, and the summary says the typed one was not used', () => {
		const d = decideBatchDate({ fileName: 'a.csv', content, companionDay: null, explicit: { day: '2026-11-30', source: 'form' } });
		expect(d).toMatchObject({ day: '2025-04-26', source: 'search-id' });
		expect(d.notes.map((n) => n.id)).toEqual([
			'Tanggal data 26 April 2025, dari search_id di URL produk.',
			'Tanggal 30 November 2026 dari formulir tidak dipakai: isi berkas menyebut tanggalnya sendiri.'
		]);
	});

	test('shops.csv activity dates a Shopee file; a typed date is used when the content has none', () => {
		expect(decideBatchDate({ fileName: 'products.csv', content: null, companionDay: '2025-11-25' })).toMatchObject({ day: '2025-11-25', source: 'shop-activity' });
		const typed = decideBatchDate({ fileName: 'x.csv', content: null, companionDay: null, explicit: { day: '2025-04-26', source: 'cli' } });
		expect(typed).toMatchObject({ day: '2025-04-26', source: 'cli' });
		expect(typed.notes).toHaveLength(1);
	});

	test("a feed's pull day dates content without a date of its own; the content's own date still wins", () => {
		const pulled = decideBatchDate({ fileName: 'sumber harian.csv', content: null, companionDay: null, explicit: { day: '2026-11-20', source: 'feed' } });
		expect(pulled).toMatchObject({ day: '2026-11-20', source: 'feed' });
		expect(pulled.notes[0].id).toBe('Tanggal data 20 November 2026, dari waktu sumber otomatis ditarik.');
		const own = decideBatchDate({ fileName: 'sumber harian.csv', content, companionDay: null, explicit: { day: '2026-11-30', source: 'feed' } });
		expect(own.source).toBe(content.source);
		expect(own.notes[1].id).toMatch(/dari waktu tarik sumber tidak dipakai: isi berkas menyebut tanggalnya sendiri/);
	});

	test('no date anywhere: refused, naming --observed-at and the file name’s date, which is not applied', () => {
		const refuse = (fileName: string) => {
			try {
				decideBatchDate({ fileName, content: null, companionDay: null });
			} catch (e) {
				return e as MissingDateError;
			}
			throw new Error('not refused');
		};
		const named = refuse('tokopedia_laptop_2023-02-09.csv');
		expect(named).toBeInstanceOf(MissingDateError);
		expect(named.suggestion).toBe('2023-02-09');
		expect(named.messageId).toMatch(/--observed-at TTTT-BB-HH/);
		expect(named.messageId).toMatch(/Nama berkas menyebut 9 Februari 2023: jika benar, jalankan lagi dengan --observed-at 2023-02-09\./);
		const month = refuse('shopee_skincare_2022-11.csv');
		expect(month.suggestion).toBeNull();
		expect(month.messageId).toMatch(/November 2022: sebutkan harinya/);
		expect(refuse('lazada_iphone.csv').messageId).not.toMatch(/Nama berkas/);
	});

	test.each([
		['2025-04-26', null],
		['26-04-2025', /TTTT-BB-HH/],
		['2025-02-30', /TTTT-BB-HH/],
		['2027-01-01', /belum terjadi/],
		['1999-12-31', /terlalu lama/]
	])('a typed date %s', (value, problem) => {
		const p = explicitDateProblem(value, TODAY);
		if (problem === null) expect(p).toBeNull();
		else expect(p).toMatch(problem);
	});
});
