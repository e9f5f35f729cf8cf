/** The rules of single sign-on without a database: role and reach from groups, the provider's second factor, the claims read, and the granting check of a mapping. */
import { describe, expect, it } from 'vitest';
import { accessFromGroups, emailIn, groupsIn, providerGaveMfa, type GroupMapping } from './sso-rules';
import { mappingRefusal } from './sso-mappings';

const region = (...gemeenten: string[]) => ({ all: false as const, gemeenten });

const MAPPINGS: GroupMapping[] = [
	{ group: 'sociaal-team', role: 'kwaliteitsteam', reach: region('GM0080') },
	{ group: 'sociaal-team-regio', role: 'kwaliteitsteam', reach: region('GM0074', 'GM0080') },
	{ group: 'beleid-buren', role: 'beleid', reach: region('GM0344') },
	{ group: 'raad', role: 'college', reach: region('GM0080') },
	{ group: 'programma', role: 'landelijk', reach: { all: true } },
	{ group: 'helpdesk', role: 'beleid', reach: { all: true } }
];

describe('role and reach from the groups', () => {
	it('gives nothing without a matching group', () => {
		expect(accessFromGroups([], MAPPINGS)).toBeNull();
		expect(accessFromGroups(['kantine', 'Sociaal-Team'], MAPPINGS)).toBeNull();
	});

	it('gives the one mapping that matches', () => {
		expect(accessFromGroups(['kantine', 'raad'], MAPPINGS)).toEqual({
			role: 'college',
			reach: region('GM0080')
		});
	});

	it('takes the highest role, with the union of the reach of the mappings that give it', () => {
		expect(accessFromGroups(['raad', 'sociaal-team', 'sociaal-team-regio'], MAPPINGS)).toEqual({
			role: 'kwaliteitsteam',
			reach: region('GM0074', 'GM0080')
		});
	});

	it('does not lift the reach of a lower role to the higher one', () => {
		expect(accessFromGroups(['sociaal-team', 'beleid-buren'], MAPPINGS)).toEqual({
			role: 'kwaliteitsteam',
			reach: region('GM0080')
		});
	});

	it('gives reach alle when a mapping of the winning role does, and landelijk only without a municipal role', () => {
		expect(accessFromGroups(['beleid-buren', 'helpdesk'], MAPPINGS)).toEqual({
			role: 'beleid',
			reach: { all: true }
		});
		expect(accessFromGroups(['programma'], MAPPINGS)).toEqual({ role: 'landelijk', reach: { all: true } });
		expect(accessFromGroups(['programma', 'raad'], MAPPINGS)?.role).toBe('college');
	});
});

describe('the second factor at the provider', () => {
	it('counts amr mfa, or two kinds of factor', () => {
		expect(providerGaveMfa({ amr: ['mfa'] }, [])).toBe(true);
		expect(providerGaveMfa({ amr: ['pwd', 'otp'] }, [])).toBe(true);
		expect(providerGaveMfa({ amr: ['pwd', 'hwk'] }, [])).toBe(true);
		expect(providerGaveMfa({ amr: ['face', 'swk'] }, [])).toBe(true);
	});

	it('does not count one factor, two of one kind, or methods that are not factors', () => {
		expect(providerGaveMfa({ amr: ['pwd'] }, [])).toBe(false);
		expect(providerGaveMfa({ amr: ['pwd', 'pin', 'kba'] }, [])).toBe(false);
		expect(providerGaveMfa({ amr: ['pwd', 'rba', 'geo', 'mca', 'wia'] }, [])).toBe(false);
		expect(providerGaveMfa({}, [])).toBe(false);
		expect(providerGaveMfa({ amr: 'mfa' }, [])).toBe(false);
	});

	it('counts an acr value the beheerder named, and only that', () => {
		const named = ['urn:gemeente:loa:substantieel', 'gold'];
		expect(providerGaveMfa({ acr: 'gold', amr: ['pwd'] }, named)).toBe(true);
		expect(providerGaveMfa({ acr: 'silver', amr: ['pwd'] }, named)).toBe(false);
		expect(providerGaveMfa({ acr: 'gold' }, [])).toBe(false);
	});
});

describe('claims', () => {
	it('reads groups as a list or a single value, and nothing else', () => {
		expect(groupsIn({ groups: ['a', ' b ', 3, ''] }, 'groups')).toEqual(['a', 'b']);
		expect(groupsIn({ roles: 'beheer' }, 'roles')).toEqual(['beheer']);
		expect(groupsIn({ groups: { a: 1 } }, 'groups')).toEqual([]);
		expect(groupsIn({}, 'groups')).toEqual([]);
	});

	it('reads the e-mail address from email, else preferred_username or upn, in lower case', () => {
		expect(emailIn({ email: 'Anna@Gemeente.NL' })).toBe('anna@gemeente.nl');
		expect(emailIn({ preferred_username: 'anna', upn: 'anna@gemeente.nl' })).toBe('anna@gemeente.nl');
		expect(emailIn({ email: 'geen adres', preferred_username: 'anna' })).toBeNull();
	});
});

describe('saving a mapping follows the granting rules', () => {
	const beheerder = { id: 1, role: 'beheerder' as const, reach: region('GM0080') };
	const team = { id: 2, role: 'kwaliteitsteam' as const, reach: region('GM0080', 'GM0074') };
	const landelijkBeheer = { id: 3, role: 'beheerder' as const, reach: { all: true as const } };

	it('allows a role and reach within the beheerder’s own', () => {
		expect(mappingRefusal(beheerder, { role: 'beheerder', reach: region('GM0080') })).toBeNull();
		expect(mappingRefusal(beheerder, { role: 'college', reach: region('GM0080') })).toBeNull();
	});

	it('refuses a higher role and municipalities outside the reach', () => {
		expect(mappingRefusal(team, { role: 'beheerder', reach: region('GM0080') })).toMatch(/hogere rol/);
		expect(mappingRefusal(beheerder, { role: 'beleid', reach: region('GM0080', 'GM0344') })).toMatch(
			/GM0344 valt buiten uw bereik/
		);
	});

	it('gives landelijk and reach alle only to a beheerder with reach alle', () => {
		expect(mappingRefusal(beheerder, { role: 'landelijk', reach: { all: true } })).toMatch(/landelijk/);
		expect(mappingRefusal(beheerder, { role: 'beleid', reach: { all: true } })).toMatch(/"alle"/);
		expect(mappingRefusal(landelijkBeheer, { role: 'landelijk', reach: { all: true } })).toBeNull();
		expect(mappingRefusal(landelijkBeheer, { role: 'beleid', reach: { all: true } })).toBeNull();
	});
});
