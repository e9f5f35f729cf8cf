/** Password rules: length over complexity, no truncation, and the common passwords refused. */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwordProblem', () => {
	it('asks for 12 to 256 characters and nothing about character classes', () => {
		expect(passwordProblem('kort-genoeg')).toMatch(/minstens 12/);
		expect(passwordProblem('paarse olifanten dansen traag')).toBeNull();
		expect(passwordProblem('a'.repeat(200) + 'b'.repeat(56))).toBeNull();
		expect(passwordProblem('x'.repeat(257))).toMatch(/hoogstens 256/);
	});

	it('refuses common passwords whatever their case, and repeated runs', () => {
		for (const common of ['Wachtwoord123', 'WELKOM123456', 'qwertyuiop123', 'aaaaaaaaaaaa', 'abcabcabcabc']) {
			expect(passwordProblem(common), common).toMatch(/veelgebruikte/);
		}
	});

	it('does not truncate: a password differing only at character 200 does not verify', async () => {
		const long = 'lange zin '.repeat(20);
		const hash = await hashPassword(long + 'A');
		expect(await verifyPassword(hash, long + 'A')).toBe(true);
		expect(await verifyPassword(hash, long + 'B')).toBe(false);
	});
});
