// A chart as the server renders it: the ECharts option, plus one plain tooltip text per
// data point (series × index) so the browser can show tooltips without the ECharts bundle.
import type { EChartsCoreOption } from 'echarts/core';

export interface ChartSpec {
	option: EChartsCoreOption;
	/** tips[seriesIndex][dataIndex]: what a tap or hover on that mark says. */
	tips: string[][];
	/** What the chart shows, for screen readers and as the figure caption. */
	label: string;
	width: number;
	height: number;
}

export interface RenderedChart {
	svg: string;
	tips: string[][];
	label: string;
}

export const COLORS = {
	primary: '#1f6f43',
	primaryLight: '#9cc9ae',
	own: '#c2410c',
	muted: '#9ca3af',
	grid: '#e5e7eb',
	text: '#374151'
} as const;

/** Shared base: no animation (server render), small fonts for a 360 px phone. */
/** Axis numbers as Indonesians write them: 1.000, not 1,000. */
export const idNumber = (v: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(v);

export const BASE_OPTION = {
	animation: false,
	textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 11, color: COLORS.text },
	grid: { left: 8, right: 8, top: 16, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' }
} as const;
