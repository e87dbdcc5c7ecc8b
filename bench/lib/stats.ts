// Small helpers shared by the benchmarks: percentiles, tables, a progress bar, arguments.

/** Nearest-rank percentile of unsorted numbers (p in 0..1). */
export function pct(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
	const round = (x: number) => Math.round(x * 100) / 100;
	return {
		n: values.length,
		p50: round(pct(values, 0.5)),
		p95: round(pct(values, 0.95)),
		p99: round(pct(values, 0.99)),
		max: round(pct(values, 1)),
		mean: round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length))
	};
}

/** A plain text table: first row is the header. */
export function table(rows: (string | number)[][]): string {
	const cells = rows.map((r) => r.map((c) => String(c)));
	const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A progress bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise. */
export function progressBar(label: string): (done: number, total: number) => void {
	const started = performance.now();
	let lastTenth = -1;
	return (done, total) => {
		const frac = total ? done / total : 1;
		const secs = (performance.now() - started) / 1000;
		const eta = frac > 0 ? secs / frac - secs : 0;
		const text = `${label} [${'#'.repeat(Math.round(frac * 30)).padEnd(30, '.')}] ${(frac * 100).toFixed(1)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${secs.toFixed(0)} s, ~${eta.toFixed(0)} s left`;
		if (process.stderr.isTTY) {
			process.stderr.write(`\r${text}`);
			if (done >= total) process.stderr.write('\n');
		} else if (Math.floor(frac * 10) > lastTenth || done >= total) {
			lastTenth = Math.floor(frac * 10);
			console.error(text);
		}
	};
}

export function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

export function flag(name: string): boolean {
	return process.argv.includes(`--${name}`);
}

export function intArg(name: string, fallback: number): number {
	const raw = arg(name);
	if (raw === undefined) return fallback;
	const n = Number(raw.replace(/_/g, ''));
	if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} wants a positive whole number, got "${raw}"`);
	return n;
}

/** A seeded sample of `n` items (with repeats only when there are fewer than n). */
export function sample<T>(items: T[], n: number, seed = 1): T[] {
	let s = seed >>> 0;
	const next = () => {
		// mulberry32
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pool = [...items];
	for (let i = pool.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	const out: T[] = [];
	while (out.length < n && pool.length) out.push(...pool.slice(0, n - out.length));
	return out;
}

export const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
