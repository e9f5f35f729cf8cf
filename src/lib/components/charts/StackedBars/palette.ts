/** Colour-blind-safe colours for charts: Okabe–Ito for categories, viridis for ordered classes. */

/** Okabe & Ito (2008), without its yellow, which is too light on white. */
export const CATEGORICAL = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#D55E00',
	'#56B4E9',
	'#CC79A7',
	'#000000'
] as const;

/** Five ordered classes (short to long, young to old): viridis, light to dark, distinguishable with every common colour-vision deficiency and in grey. */
export const SEQUENTIAL = ['#cae11f', '#44bf70', '#228b8d', '#3a548c', '#471063'] as const;
