// What the price card says about its competitor set: how many listings it compared, and which
// it left out and why, in short plain sentences ("12 tanpa berat di judul tidak dihitung.").
import { formatNumber } from '../format';

export type LeftOutReason = 'no-size' | 'conflict' | 'other-unit' | 'removed' | 'outlier';

export interface LeftOutLine {
	reason: LeftOutReason;
	count: number;
	/** "tanpa berat di judul", "harga tidak wajar" … */
	label: string;
}

/** What "no size" means for a product sold by weight, by volume or by the piece. */
function noSizeLabel(family: 'mass' | 'volume' | 'count'): string {
	return family === 'mass' ? 'tanpa berat di judul' : family === 'volume' ? 'tanpa isi (ml/liter) di judul' : 'tanpa jumlah isi di judul';
}

export function leftOutLabel(reason: LeftOutReason, family: 'mass' | 'volume' | 'count'): string {
	switch (reason) {
		case 'no-size':
			return noSizeLabel(family);
		case 'conflict':
			return 'dengan dua ukuran berbeda di judul';
		case 'other-unit':
			return family === 'count' ? 'dijual per berat atau per liter' : family === 'mass' ? 'dijual per liter, bukan per berat' : 'dijual per berat, bukan per liter';
		case 'removed':
			return 'dikeluarkan oleh agen';
		case 'outlier':
			return 'dengan harga tidak wajar';
	}
}

/** The reasons with a count above 0, in a fixed order, with their labels. */
export function leftOutLines(counts: Partial<Record<LeftOutReason, number>>, family: 'mass' | 'volume' | 'count'): LeftOutLine[] {
	return (['no-size', 'conflict', 'other-unit', 'removed', 'outlier'] as LeftOutReason[])
		.filter((r) => (counts[r] ?? 0) > 0)
		.map((r) => ({ reason: r, count: counts[r]!, label: leftOutLabel(r, family) }));
}

/** "12 produk tanpa berat di judul tidak dihitung." — one sentence per reason. */
export function leftOutSentences(lines: LeftOutLine[]): string[] {
	return lines.map((l) => `${formatNumber(l.count)} produk ${l.label} tidak dihitung.`);
}

/** When more listings of the kind exist than a set compares: "Dipilih 400 yang paling mirip dari 1.234 produk sejenis." */
export function closestSentence(compared: number, sizedCandidates: number): string {
	if (sizedCandidates <= compared) return '';
	return `Dipilih ${formatNumber(compared)} yang paling mirip dari ${formatNumber(sizedCandidates)} produk sejenis.`;
}
