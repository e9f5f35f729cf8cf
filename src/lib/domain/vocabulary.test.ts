/** Tests of the code lists: synonym-, case- and accent-tolerant matching and the bitmask order. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVocabulary } from './vocabulary';
import { fold } from './text';

const read = (name: string) => fs.readFileSync(`data/vocabulary/${name}.csv`, 'utf8');

describe('fold', () => {
	it('ignores case, accents and runs of spaces', () => {
		expect(fold('  Financiën   en  WONEN ')).toBe('financien en wonen');
		expect(fold('Huurtoeslag\tbij  vorige bewoner')).toBe(fold('huurtoeslag bij vorige bewoner'));
	});
});

describe('vocabularies', () => {
	const leefgebieden = parseVocabulary('leefgebieden', read('leefgebieden'));
	const wetten = parseVocabulary('wetten', read('wetten'));
	const organisaties = parseVocabulary('organisaties', read('organisaties'));

	it('match codes, names and synonyms whatever their case and accents', () => {
		for (const term of ['financiën', 'Financien', 'GELDZAKEN', ' schulden ']) {
			expect(leefgebieden.match(term)?.code).toBe('financiën');
		}
		expect(wetten.match('bijstand')?.code).toBe('Pw');
		expect(wetten.match('Participatiewet')?.code).toBe('Pw');
		expect(organisaties.match('Dienst Toeslagen')?.code).toBe('Belastingdienst');
		expect(leefgebieden.match('tuinieren')).toBeUndefined();
	});

	it('keep the file order as bit positions, and round-trip codes through a mask', () => {
		expect(leefgebieden.entries[0].code).toBe('financiën');
		expect(leefgebieden.entries[0].position).toBe(0);
		const mask = leefgebieden.mask(['wonen', 'financiën']);
		expect(mask).toBe(0b11n);
		expect(leefgebieden.codes(mask)).toEqual(['financiën', 'wonen']);
		expect(wetten.codes(wetten.mask(['Gemeentelijke regelgeving']))).toEqual(['Gemeentelijke regelgeving']);
	});

	it('carry the detail column of each list', () => {
		expect(wetten.get('Awir')?.detail).toBe('FIN');
		expect(parseVocabulary('knelpunten', read('knelpunten')).get('3')?.detail).toBe('meso');
		expect(parseVocabulary('escalatie', read('escalatie')).get('let')?.detail).toBe('6');
	});

	it('refuse an unknown code when building a mask', () => {
		expect(() => leefgebieden.mask(['tuinieren'])).toThrow(/Onbekende code/);
	});
});
