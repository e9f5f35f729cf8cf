/** The charts' shared colours and scales: named and categorical colours, ordered classes, the heatmap's colour scale, and WCAG contrast to pick readable text on a coloured cell. */
import {
	color,
	curveStepAfter,
	interpolateBlues,
	scaleBand,
	scaleLinear,
	scalePoint,
	scaleSequential,
	symbol,
	symbolCircle,
	symbolDiamond,
	symbolSquare,
	symbolTriangle
} from 'd3';

/** The scales the LayerChart charts hand to `<Chart>`, which sets their domains and ranges: rows (bands without gaps, the marks set their own insets), periods along a line, and values. */
export const rowScale = () => scaleBand<string>().padding(0);
export const periodScale = (padding = 0) => scalePoint<string>().padding(padding);
export const valueScale = () => scaleLinear();
/** A budget holds from its month until the next change, so its line steps. */
export const stepCurve = curveStepAfter;

/** The page background the charts are drawn on. */
export const BACKGROUND = '#ffffff';

/** Text on coloured cells: black, not the page's #1a1a1a, since only pure black and white together reach 4.5:1 on every shade of a ramp. */
export const DARK_TEXT = '#000000';
export const LIGHT_TEXT = '#ffffff';

/**
 * Okabe & Ito's colour-blind-safe colours, darkened where they were too light for WCAG 1.4.11
 * (a bar, line or marker at least 3:1 against the white page): orange became ochre, sky blue violet.
 */
export const COLOURS = {
	blue: '#0072B2',
	vermillion: '#D55E00',
	green: '#009E73',
	purple: '#B45F9A',
	ochre: '#8F6A00',
	violet: '#5E4FA2',
	grey: '#767676',
	black: '#000000'
} as const;

/** Series colours in the order charts hand them out. */
export const CATEGORICAL = [
	COLOURS.blue,
	COLOURS.vermillion,
	COLOURS.green,
	COLOURS.purple,
	COLOURS.ochre,
	COLOURS.violet,
	COLOURS.black
] as const;

/** Five ordered classes (short to long, young to old): viridis from its middle to its dark end, light to dark, each at least 3:1 on white. */
export const SEQUENTIAL = ['#20a386', '#26828e', '#355f8d', '#463480', '#440154'] as const;

/** The colour of series `i`, cycling through the categorical colours. */
export function categorical(i: number): string {
	return CATEGORICAL[i % CATEGORICAL.length];
}

/** Line styles in the order charts hand them out, so lines differ by more than colour: solid, dashed, dotted. */
export const DASHES = ['', '6 4', '2 3'] as const;

/** Marker shapes in the order charts hand them out, so markers differ by more than colour. */
export const SHAPES = ['circle', 'square', 'diamond', 'triangle'] as const;
export type Shape = (typeof SHAPES)[number];

const SYMBOLS = {
	circle: symbolCircle,
	square: symbolSquare,
	diamond: symbolDiamond,
	triangle: symbolTriangle
};

/** An SVG path of a marker centred on 0,0 whose area is that of a circle of radius `r`. */
export function markerPath(shape: Shape, r: number): string {
	return symbol(SYMBOLS[shape], Math.PI * r * r)() ?? '';
}

/** WCAG 2.1 relative luminance of a CSS colour (hex or `rgb()`), from 0 (black) to 1 (white). */
export function relativeLuminance(css: string): number {
	const parsed = color(css)?.rgb();
	if (!parsed) throw new Error(`Geen kleur: ${css}`);
	const channel = (v: number) => {
		const s = v / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b);
}

/** WCAG 2.1 contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((p, q) => q - p);
	return (light + 0.05) / (dark + 0.05);
}

/** The text colour (black or white) with the higher contrast on this background. */
export function readableText(background: string): string {
	return contrastRatio(background, LIGHT_TEXT) > contrastRatio(background, DARK_TEXT)
		? LIGHT_TEXT
		: DARK_TEXT;
}

/** A shading of counts from 0 to `max`: the cell colour, its readable text colour, and the legend's ramp. */
export interface HeatScale {
	fill(value: number): string;
	text(value: number): string;
	/** A CSS gradient from 0 to `max`, for the legend. */
	ramp: string;
}

/** Blues stays readable for the common kinds of colour blindness; it starts above white so 0 still shows a cell. */
export function heatScale(max: number): HeatScale {
	const top = Math.max(1, max);
	const scale = scaleSequential((t: number) => interpolateBlues(0.05 + 0.9 * t)).domain([0, top]);
	return {
		fill: (value) => scale(value),
		text: (value) => readableText(scale(value)),
		ramp: `linear-gradient(to right, ${scale(0)}, ${scale(top / 2)}, ${scale(top)})`
	};
}
