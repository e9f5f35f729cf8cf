/** Labels inside a chart's drawing: a name too long for its room is cut short, since the full text stands in the figure's sentence and table. */

/** About the width of one character of an 11 px axis label, in pixels. */
const CHARACTER = 6;

/** `label` cut to at most `max` characters, ending in an ellipsis where it was cut. */
export function shorten(label: string, max: number): string {
	return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** `label` cut short to fit beside the axis in `width` pixels (less the tick's own room). */
export function fitLabel(label: string, width: number): string {
	return shorten(label, Math.max(4, Math.floor((width - 8) / CHARACTER)));
}
