// Server-side chart rendering: ECharts draws SVG with no DOM (ssr: true), so every chart is in
// the first HTML and readable with JavaScript off. Only the parts we use are registered.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, RenderedChart } from '$lib/charts/types';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, SVGRenderer]);

export function renderChart(spec: ChartSpec): RenderedChart {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
	try {
		chart.setOption(spec.option);
		return { svg: chart.renderToSVGString(), tips: spec.tips, label: spec.label };
	} finally {
		chart.dispose();
	}
}
