// Server-side chart rendering: ECharts draws SVG with no DOM (ssr: true), so every chart is in
// the first HTML and readable with JavaScript off. Only the parts we use are registered.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { createHash } from 'node:crypto';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, RenderedChart } from '$lib/charts/types';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, SVGRenderer]);

// Drawing costs milliseconds per chart on every page view, and the same numbers give the same
// picture: drawn charts are kept by the hash of their spec (a bounded map, oldest out first).
const MAX_KEPT = 2000;
const kept = new Map<string, RenderedChart>();

export function renderChart(spec: ChartSpec): RenderedChart {
	const key = createHash('sha1').update(JSON.stringify([spec.option, spec.width, spec.height])).digest('base64url');
	const hit = kept.get(key);
	if (hit) return { ...hit, tips: spec.tips, label: spec.label };
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
	try {
		chart.setOption(spec.option);
		// zrender numbers its CSS classes with a process-wide counter (zr27-cls-104), so the same
		// chart came out different on every request and no page could be answered "not modified"
		// (hooks.server.ts). The spec's hash names them instead: stable, and distinct per chart
		// (the classes' hover styles apply page-wide).
		const svg = chart.renderToSVGString().replace(/\bzr\d+-cls-/g, `zr${key.slice(0, 8).replace(/[^a-zA-Z0-9]/g, 'x')}-cls-`);
		const drawn = { svg, tips: spec.tips, label: spec.label };
		if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
		kept.set(key, drawn);
		return drawn;
	} finally {
		chart.dispose();
	}
}
