/** The chart gallery's cases: every chart with fixed data that reaches every colour of every scale and every branch (empty, zero, negative, one item, hidden figures). */
import type { ComponentProps } from 'svelte';
import type BarChart from '$lib/components/charts/BarChart/BarChart.svelte';
import type StackedBars from '$lib/components/charts/StackedBars/StackedBars.svelte';
import type SmallMultiples from '$lib/components/charts/SmallMultiples/SmallMultiples.svelte';
import type RangeMultiples from '$lib/components/charts/Budget/RangeMultiples.svelte';
import type RangeBars from '$lib/components/charts/Budget/RangeBars.svelte';
import type CumulativeLine from '$lib/components/charts/Budget/CumulativeLine.svelte';
import type ProfileDots from '$lib/components/charts/ProfileDots/ProfileDots.svelte';
import type TrendLines from '$lib/components/charts/TrendLines/TrendLines.svelte';
import type GroupedBars from '$lib/components/charts/GroupedBars/GroupedBars.svelte';
import type LeadTimeBoxes from '$lib/components/charts/LeadTimeBoxes/LeadTimeBoxes.svelte';
import type Heatmap from '$lib/components/charts/Heatmap/Heatmap.svelte';
import type CrossTable from '$lib/components/charts/CrossTable/CrossTable.svelte';
import { BAR_CASES } from './bars';
import { LINE_CASES } from './lines';
import { TABLE_CASES } from './tables';

/** The charts the gallery can show, by name. */
export interface Charts {
	BarChart: typeof BarChart;
	StackedBars: typeof StackedBars;
	SmallMultiples: typeof SmallMultiples;
	RangeMultiples: typeof RangeMultiples;
	RangeBars: typeof RangeBars;
	CumulativeLine: typeof CumulativeLine;
	ProfileDots: typeof ProfileDots;
	TrendLines: typeof TrendLines;
	GroupedBars: typeof GroupedBars;
	LeadTimeBoxes: typeof LeadTimeBoxes;
	Heatmap: typeof Heatmap;
	CrossTable: typeof CrossTable;
}

/** One chart with its props, shown in a box of a fixed width and screenshotted as `<name>.png`. */
export type GalleryCase = {
	[K in keyof Charts]: {
		name: string;
		chart: K;
		props: ComponentProps<Charts[K]>;
		/** Whether the chart draws SVG marks once mounted, or none (empty data, HTML tables). */
		drawn: 'marks' | 'none';
	};
}[keyof Charts];

/** Every case, in the order the gallery shows them. */
export const CASES: GalleryCase[] = [...BAR_CASES, ...LINE_CASES, ...TABLE_CASES];
