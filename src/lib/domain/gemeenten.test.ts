/** Tests of municipality resolution: the ways exports write a municipality all find the same CBS code. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGemeenten } from './gemeenten';

const register = parseGemeenten(
	fs.readFileSync('data/reference/gemeenten.csv', 'utf8'),
	fs.readFileSync('data/reference/gemeente-aliassen.csv', 'utf8')
);

describe('GemeenteRegister', () => {
	it('holds the 342 municipalities with population and size class', () => {
		expect(register.all).toHaveLength(342);
		const utrecht = register.get('GM0344');
		expect(utrecht?.naam).toBe('Utrecht');
		expect(utrecht?.grootteklasse).toBe('>=250k');
		expect(utrecht?.inwoners).toBeGreaterThan(300_000);
	});

	it('resolves codes with and without prefix or leading zeros, names and aliases', () => {
		for (const input of ['GM0344', 'gm0344', '0344', '344', 'Utrecht', ' utrecht ']) {
			expect(register.resolve(input)?.code, input).toBe('GM0344');
		}
		expect(register.resolve('Den Haag')?.code).toBe('GM0518');
		expect(register.resolve("'s-Gravenhage")?.code).toBe('GM0518');
		expect(register.resolve('Den Bosch')?.code).toBe('GM0796');
		expect(register.resolve('Atlantis')).toBeUndefined();
	});
});
