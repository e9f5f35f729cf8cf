/** The charts' colours reach WCAG 2.1 AA: contrast computed as the standard defines it, readable text on every shade, marks at 3:1 on the page. */
import { describe, expect, it } from 'vitest';
import {
	BACKGROUND,
	CATEGORICAL,
	COLOURS,
	DARK_TEXT,
	LIGHT_TEXT,
	SEQUENTIAL,
	contrastRatio,
	heatScale,
	readableText,
	relativeLuminance
} from './scales';

describe('contrastRatio', () => {
	it('computes the luminance and ratios of known pairs', () => {
		expect(relativeLuminance('#ffffff')).toBe(1);
		expect(relativeLuminance('#000000')).toBe(0);
		expect(relativeLuminance('rgb(255, 0, 0)')).toBeCloseTo(0.2126, 4);
		expect(contrastRatio('#000000', '#ffffff')).toBe(21);
		expect(contrastRatio('#ffffff', '#000000')).toBe(21);
		expect(contrastRatio('#777777', '#777777')).toBe(1);
		// WebAIM's checker: #767676 is the lightest grey that passes 4.5:1 on white, #777777 fails.
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#0072B2', '#ffffff')).toBeCloseTo(5.19, 2);
		expect(contrastRatio('#E69F00', '#ffffff')).toBeCloseTo(2.25, 2);
	});

	it('refuses what is not a colour', () => {
		expect(() => relativeLuminance('geen kleur')).toThrow('Geen kleur');
	});
});

describe('readableText', () => {
	it('takes white on dark and black on light backgrounds', () => {
		expect(readableText('#000000')).toBe(LIGHT_TEXT);
		expect(readableText('#08306b')).toBe(LIGHT_TEXT);
		expect(readableText('#ffffff')).toBe(DARK_TEXT);
		expect(readableText('#c6dbef')).toBe(DARK_TEXT);
	});

	it('takes black on the mid-blue where axe found white text at 3.8 and 4.1', () => {
		// Shades of the old heatmap whose white text axe flagged on /organisaties and /wetten.
		for (const shade of ['#3988c1', '#3483be']) {
			expect(contrastRatio(shade, LIGHT_TEXT)).toBeLessThan(4.5);
			expect(readableText(shade)).toBe(DARK_TEXT);
			expect(contrastRatio(shade, readableText(shade))).toBeGreaterThanOrEqual(4.5);
		}
	});
});

describe('heatScale', () => {
	it('gives every count from 0 to the largest a text colour of at least 4.5:1 on its cell', () => {
		for (const max of [1, 2, 3, 7, 10, 13, 50, 146, 1000]) {
			const scale = heatScale(max);
			for (let value = 0; value <= max; value++) {
				const ratio = contrastRatio(scale.fill(value), scale.text(value));
				expect(ratio, `${value} van ${max}`).toBeGreaterThanOrEqual(4.5);
			}
		}
	});

	it('also on every shade in between, sampled finely', () => {
		const scale = heatScale(10_000);
		for (let value = 0; value <= 10_000; value += 7) {
			expect(contrastRatio(scale.fill(value), scale.text(value))).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('uses both text colours: black on the light end, white on the dark end', () => {
		const scale = heatScale(100);
		expect(scale.text(0)).toBe(DARK_TEXT);
		expect(scale.text(100)).toBe(LIGHT_TEXT);
		expect(relativeLuminance(scale.fill(100))).toBeLessThan(relativeLuminance(scale.fill(50)));
		expect(relativeLuminance(scale.fill(50))).toBeLessThan(relativeLuminance(scale.fill(0)));
		expect(scale.ramp).toMatch(/^linear-gradient\(to right, rgb\(.+\), rgb\(.+\), rgb\(.+\)\)$/);
	});

	it('shades an all-zero matrix as the lightest cell, not as the darkest', () => {
		const scale = heatScale(0);
		expect(scale.fill(0)).toBe(heatScale(1).fill(0));
		expect(scale.text(0)).toBe(DARK_TEXT);
	});
});

describe('the palettes', () => {
	it('draw every bar, line and marker at least 3:1 against the page (WCAG 1.4.11)', () => {
		for (const colour of [...Object.values(COLOURS), ...CATEGORICAL, ...SEQUENTIAL]) {
			expect(contrastRatio(colour, BACKGROUND), colour).toBeGreaterThanOrEqual(3);
		}
	});

	it('order the classes light to dark, so the order reads without colour', () => {
		const luminances = SEQUENTIAL.map(relativeLuminance);
		expect(luminances).toEqual([...luminances].sort((a, b) => b - a));
		expect(new Set(CATEGORICAL).size).toBe(CATEGORICAL.length);
	});
});
