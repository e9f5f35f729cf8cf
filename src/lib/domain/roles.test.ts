/** The capability table per role, pinned for the permissions that replaced inline role checks. */
import { describe, expect, it } from 'vitest';
import { capabilities, ROLES, type Capabilities, type Role } from './roles';

/** Per capability, the roles that have it; every other role must not. */
const EXPECTED: Partial<Record<keyof Capabilities, readonly Role[]>> = {
	compare: ['beheerder', 'landelijk'],
	choosePeers: ['beheerder'],
	readReports: ['beheerder', 'kwaliteitsteam', 'beleid', 'college'],
	saveReports: ['beheerder', 'kwaliteitsteam'],
	configureSignals: ['beheerder'],
	manageImports: ['beheerder'],
	import: ['beheerder', 'kwaliteitsteam'],
	municipalKwesties: ['beheerder', 'kwaliteitsteam', 'beleid', 'college'],
	nationalKwesties: ['landelijk'],
	registerPackageKeys: ['beheerder'],
	nationalPackages: ['beheerder', 'landelijk'],
	manageUsers: ['beheerder']
};

describe('capabilities', () => {
	for (const [capability, roles] of Object.entries(EXPECTED) as [keyof Capabilities, readonly Role[]][]) {
		it(`gives ${capability} to ${roles.join(', ')} only`, () => {
			expect(ROLES.filter((role) => capabilities(role)[capability])).toEqual(
				ROLES.filter((role) => roles.includes(role))
			);
		});
	}

	it('holds a boolean for every capability of every role', () => {
		const keys = Object.keys(capabilities('beheerder')).sort();
		for (const role of ROLES) {
			expect(Object.keys(capabilities(role)).sort()).toEqual(keys);
			expect(Object.values(capabilities(role)).every((v) => typeof v === 'boolean')).toBe(true);
		}
	});
});
