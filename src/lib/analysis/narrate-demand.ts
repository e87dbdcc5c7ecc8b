// Plain-Indonesian sentences for /tren, the forecasts and the co-op plan. Pure (no I/O): numbers
// in, sentences out, each at most 15 words and free of statistics words (the narrate.ts rules).
import type { ForecastResult } from '$lib/analysis/forecast';
import type { DemandCall } from '$lib/analysis/demand-call';
import { formatDate, formatDateRange, formatDayMonth, formatNumber } from '$lib/format';
import { addWeeks } from '$lib/analysis/demand';

const whole = (n: number) => formatNumber(Math.round(n), 0);
const pct = (fraction: number) => `${whole(Math.abs(fraction) * 100)}%`;

/**
 * The numbers behind a demand call, for the <details> basis. `end` is the last judged week's
 * Monday. A stabil call gets no percentage here either: its counts say enough.
 */
export function trendBasis(t: DemandCall, end: string, listings: number): string[] {
	const from = (weeksBack: number) => addWeeks(end, -weeksBack);
	const source = listings > 0 ? `Dari angka "terjual" ${whole(listings)} produk di marketplace.` : '';
	if (t.reason === 'no-history' || t.reason === 'too-short') {
		return [t.reason === 'no-history' ? 'Tiap produk baru dicatat sekali, jadi belum ada penjualan per minggu.' : 'Perlu paling sedikit 8 minggu catatan untuk menilai.', source].filter(Boolean);
	}
	const moved = t.direction === 'naik' || t.direction === 'turun';
	const lines = [
		`Terjual ${whole(t.recent)} pada ${formatDateRange(from(3), lastDay(end))}.`,
		`Empat minggu sebelumnya terjual ${whole(t.previous)}.`,
		`Biasanya penjualan naik-turun sekitar ${whole(t.noise * 100)}% dari minggu ke minggu.`,
		t.reason === 'too-few-sales'
			? 'Di bawah 5 terjual per minggu, kami tidak menyebut naik atau turun.'
			: moved
				? 'Perubahannya lebih besar dari naik-turun biasa itu.'
				: t.seasonal
					? 'Tahun lalu pada minggu yang sama juga begitu: itu pola musim.'
					: 'Perubahannya belum lebih besar dari naik-turun biasa itu.',
		moved && t.yearOverYear !== null
			? `Dibanding minggu yang sama tahun lalu: ${t.yearOverYear >= 0 ? 'naik' : 'turun'} ${pct(t.yearOverYear)}.`
			: t.yearOverYear === null
				? 'Belum ada data tahun lalu untuk dibandingkan.'
				: '',
		t.bucketed ? 'Sebagian angka "terjual" hanya ditulis bulat, misalnya "1 rb+".' : '',
		source,
		`Minggu sebelumnya: ${formatDateRange(from(7), lastDay(from(4)))}.`
	];
	return lines.filter(Boolean);
}

/** Sunday of the week starting `monday`. */
function lastDay(monday: string): string {
	const d = new Date(Date.parse(monday) + 6 * 86_400_000);
	return d.toISOString().slice(0, 10);
}

export interface ForecastWords {
	/** Whether the forecast is shown (it beat the seasonal-naive baseline on this series). */
	shown: boolean;
	headline: string[];
	basis: string[];
}

/** Sentences for a forecast over `weeks` weeks (the points as fitted). */
export function forecastWords(f: ForecastResult, historyWeeks: number): ForecastWords {
	const total = f.points.reduce((s, p) => s + p.value, 0);
	const low = f.points.reduce((s, p) => s + p.low, 0);
	const high = f.points.reduce((s, p) => s + p.high, 0);
	const n = f.points.length;
	if (f.backtest.folds === 0) {
		return {
			shown: false,
			headline: ['Permintaan sulit diperkirakan.', `Data baru ${whole(historyWeeks)} minggu, belum cukup untuk diuji.`],
			basis: ['Perkiraan perlu paling sedikit setengah tahun data mingguan.']
		};
	}
	const tested = `Diuji ${whole(f.backtest.folds)} kali pada minggu-minggu yang sudah lewat.`;
	if (!f.beatsBaseline) {
		return {
			shown: false,
			headline: ['Permintaan sulit diperkirakan.', 'Tebakan kami tidak lebih tepat dari memakai angka tahun lalu.'],
			basis: [
				tested,
				worse(f),
				'Jadi kami tidak menampilkan angka perkiraan.'
			]
		};
	}
	const first = f.points[0]?.weekStart;
	const last = f.points[n - 1]?.weekStart;
	return {
		shown: true,
		headline: [
			`Perkiraan ${n} minggu ke depan: sekitar ${whole(total)} terjual.`,
			`Bisa lebih sedikit atau lebih banyak: antara ${whole(low)} dan ${whole(high)}.`
		],
		basis: [
			first && last ? `Minggu ${formatDateRange(first, lastDay(last))}.` : '',
			'Pita hijau muda: penjualan biasanya masuk di pita ini, 8 dari 10 kali.',
			'Pola musim mengikuti tanggal Lebaran tiap tahun, bukan tanggal kalender.',
			tested,
			better(f)
		].filter(Boolean)
	};
}

/**
 * How much less the model missed than repeating last year, in the backtest: the comparison first,
 * the figure after, in two short sentences ("Melesetnya 58% lebih sedikit daripada mengulang
 * angka tahun lalu" was read twice before it was understood; issue 13).
 */
function better(f: ForecastResult): string {
	const gain = 1 - f.backtest.mase / f.backtest.baselineMase;
	return `Tebakan ini lebih tepat daripada memakai angka tahun lalu. Salahnya ${pct(gain)} lebih kecil.`;
}

function worse(f: ForecastResult): string {
	const ratio = f.backtest.mase / f.backtest.baselineMase - 1;
	return Number.isFinite(ratio) && ratio > 0.005
		? `Tebakan ini kurang tepat daripada memakai angka tahun lalu. Salahnya ${pct(ratio)} lebih besar.`
		: 'Tebakan ini sama saja dengan memakai angka tahun lalu.';
}

/** "Lebaran 2027: 10 Maret, 15 minggu lagi" */
export function peakLine(name: string, date: string, weeksAway: number): string {
	const when = weeksAway <= 0 ? 'minggu ini' : `${whole(weeksAway)} minggu lagi`;
	return `${name} ${date.slice(0, 4)}: ${formatDayMonth(date)}, ${when}`;
}

/** "Mulai 5 Januari 2026, siap dijual 26 Januari 2026." */
export function runSentence(start: string, ready: string): string {
	return `Mulai ${formatDate(start)}, siap dijual ${formatDate(ready)}.`;
}
