/** Labels inside a chart's drawing: a name too long for its room is cut short, since the full text stands in the figure's sentence and table. */

/** `label` cut to at most `max` characters, ending in an ellipsis where it was cut. */
export function shorten(label: string, max: number): string {
	return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
