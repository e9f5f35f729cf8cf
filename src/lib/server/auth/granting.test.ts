/** Every branch of the granting rule: no higher role, no wider reach, no change to oneself or to users beyond one's reach. */
import { describe, expect, it } from 'vitest';
import { grantRefusal, reachWithin, type Grantee } from './granting';
import type { Reach } from '$lib/domain/roles';

const region = (...gemeenten: string[]): Reach => ({ all: false, gemeenten });
const ALL: Reach = { all: true };

const utrecht: Grantee = { id: 1, role: 'beheerder', reach: region('GM0344') };
const loket: Grantee = { id: 2, role: 'beheerder', reach: ALL };
const college: Grantee = { id: 3, role: 'college', reach: region('GM0344') };

describe('grantRefusal', () => {
	it('lets a beheerder give any ordered role within its own reach, to a new user and to one it manages', () => {
		for (const role of ['beheerder', 'kwaliteitsteam', 'beleid', 'college'] as const) {
			expect(grantRefusal(utrecht, { target: null, role, reach: region('GM0344') })).toBeNull();
			expect(grantRefusal(utrecht, { target: college, role, reach: region('GM0344') })).toBeNull();
		}
	});

	it('refuses landelijk and reach alle from a beheerder without reach alle (the confirmed attack)', () => {
		expect(grantRefusal(utrecht, { target: college, role: 'landelijk', reach: region('GM0344') })).toMatch(
			/rol landelijk/
		);
		expect(grantRefusal(utrecht, { target: null, role: 'landelijk', reach: region() })).toMatch(
			/rol landelijk/
		);
		expect(grantRefusal(utrecht, { target: college, role: 'college', reach: ALL })).toMatch(/bereik "alle"/);
		expect(grantRefusal(utrecht, { target: null, role: 'beheerder', reach: ALL })).toMatch(/bereik "alle"/);
	});

	it('lets a beheerder with reach alle give landelijk and alle, and change a landelijk user', () => {
		expect(grantRefusal(loket, { target: null, role: 'landelijk', reach: region() })).toBeNull();
		expect(grantRefusal(loket, { target: college, role: 'landelijk', reach: region() })).toBeNull();
		expect(grantRefusal(loket, { target: null, role: 'kwaliteitsteam', reach: ALL })).toBeNull();
		const national: Grantee = { id: 9, role: 'landelijk', reach: ALL };
		expect(grantRefusal(loket, { target: national, role: 'college', reach: region('GM0518') })).toBeNull();
		expect(grantRefusal(utrecht, { target: national, role: 'college', reach: region('GM0344') })).toMatch(
			/buiten uw bereik/
		);
	});

	it('refuses a reach beyond its own, naming the municipalities outside it', () => {
		const naam = (code: string) => ({ GM0518: "'s-Gravenhage", GM0363: 'Amsterdam' })[code] ?? code;
		expect(
			grantRefusal(utrecht, { target: null, role: 'college', reach: region('GM0344', 'GM0518') }, naam)
		).toBe("'s-Gravenhage valt buiten uw bereik.");
		expect(
			grantRefusal(utrecht, { target: college, role: 'college', reach: region('GM0518', 'GM0363') }, naam)
		).toBe("'s-Gravenhage, Amsterdam vallen buiten uw bereik.");
		const regio: Grantee = { id: 4, role: 'beheerder', reach: region('GM0344', 'GM0518') };
		expect(grantRefusal(regio, { target: null, role: 'beleid', reach: region('GM0518') })).toBeNull();
	});

	it('refuses a change to oneself, even within its own role and reach', () => {
		expect(grantRefusal(utrecht, { target: utrecht, role: 'beheerder', reach: region('GM0344') })).toMatch(
			/eigen rol en bereik/
		);
		expect(grantRefusal(loket, { target: loket, role: 'landelijk', reach: ALL })).toMatch(
			/eigen rol en bereik/
		);
	});

	it('refuses a change to a user whose reach is not wholly within its own', () => {
		const regional: Grantee = { id: 5, role: 'college', reach: region('GM0344', 'GM0518') };
		expect(grantRefusal(utrecht, { target: regional, role: 'college', reach: region('GM0344') })).toMatch(
			/valt buiten uw bereik/
		);
		const everywhere: Grantee = { id: 6, role: 'beleid', reach: ALL };
		expect(grantRefusal(utrecht, { target: everywhere, role: 'beleid', reach: region('GM0344') })).toMatch(
			/valt buiten uw bereik/
		);
	});

	it('refuses a role above its own, and a change to a user of a higher role', () => {
		const team: Grantee = { id: 7, role: 'kwaliteitsteam', reach: region('GM0344') };
		expect(grantRefusal(team, { target: null, role: 'beheerder', reach: region('GM0344') })).toMatch(
			/hogere rol geven dan uw eigen/
		);
		expect(grantRefusal(team, { target: null, role: 'beleid', reach: region('GM0344') })).toBeNull();
		const boss: Grantee = { id: 8, role: 'beheerder', reach: region('GM0344') };
		expect(grantRefusal(team, { target: boss, role: 'college', reach: region('GM0344') })).toMatch(
			/hogere rol dan u/
		);
		const national: Grantee = { id: 10, role: 'landelijk', reach: ALL };
		expect(grantRefusal(national, { target: null, role: 'college', reach: region('GM0344') })).toMatch(
			/hogere rol geven dan uw eigen/
		);
	});
});

describe('reachWithin', () => {
	it('holds for a list within a list or within alle, never for alle within a list', () => {
		expect(reachWithin(region('GM0344'), region('GM0344', 'GM0518'))).toBe(true);
		expect(reachWithin(region('GM0344', 'GM0518'), region('GM0344'))).toBe(false);
		expect(reachWithin(ALL, ALL)).toBe(true);
		expect(reachWithin(region('GM0518'), ALL)).toBe(true);
		expect(reachWithin(ALL, region('GM0344'))).toBe(false);
	});
});
