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

/**
 * How big a chart is drawn and its text. Pages show a chart's SVG at the width of its box, so
 * the text on screen is `font` × shown width ÷ `width`: drawn at about the width it is shown
 * (a card is ~305 px wide at 360 px), 13 px text stays at least 12 px on a phone (issue 13;
 * before, 10 px text on a 320 px canvas showed at 9.5 px, and the explain view's 1,75× canvas at
 * 5,6 px). Wider screens only enlarge it.
 */
export interface ChartLook {
	width: number;
	/** Multiplies each chart's own height. */
	tall: number;
	font: number;
}

/** The dashboard's cards, /tren and /koperasi. */
export const CARD_LOOK: ChartLook = { width: 300, tall: 1, font: 13 };
/** The agent's explain view: shown to a producer on the agent's phone, so taller and larger text. */
export const LARGE_LOOK: ChartLook = { width: 300, tall: 1.35, font: 14 };
/**
 * The printed page: two charts side by side, ~91 mm each on A4 and ~64 mm on A5 (244 px), so
 * 13 px text on a 260 px canvas prints at 9 pt or more on both.
 */
export const PRINT_LOOK: ChartLook = { width: 260, tall: 0.9, font: 13 };

/** Shared base: no animation (server render). */
/** Axis numbers as Indonesians write them: 1.000, not 1,000. */
export const idNumber = (v: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(v);

export const BASE_OPTION = {
	animation: false,
	textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: CARD_LOOK.font, color: COLORS.text },
	grid: { left: 8, right: 8, top: 16, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' }
} as const;

/** The base option with the look's text size. */
export function baseOption(look: ChartLook) {
	return { ...BASE_OPTION, textStyle: { ...BASE_OPTION.textStyle, fontSize: look.font } };
}
