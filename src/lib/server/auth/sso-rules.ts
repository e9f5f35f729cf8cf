/** The rules of single sign-on that need no database: which role and reach a user's groups give, whether the identity provider vouched for more than one factor, and the claims read from an ID token. */
import type { Reach, Role } from '$lib/domain/roles';

/** A group of the identity provider and the role and reach it gives (`sso_mappings`). */
export interface GroupMapping {
	group: string;
	role: Role;
	reach: Reach;
}

/**
 * The order in which a role wins when a user's groups match several mappings: the highest municipal role
 * first, landelijk (all municipalities, totals only) only when no municipal role matches.
 */
const PRECEDENCE: readonly Role[] = ['beheerder', 'kwaliteitsteam', 'beleid', 'college', 'landelijk'];

/**
 * The role and reach a user with these groups gets, or null when no mapping matches. With several matches
 * the highest role wins (PRECEDENCE), with the union of the reach of the mappings that give that role: a
 * group that gives a lower role elsewhere does not lift that reach to the higher role.
 */
export function accessFromGroups(
	groups: readonly string[],
	mappings: readonly GroupMapping[]
): { role: Role; reach: Reach } | null {
	const member = new Set(groups);
	const matched = mappings.filter((m) => member.has(m.group));
	if (matched.length === 0) return null;
	const role = PRECEDENCE.find((r) => matched.some((m) => m.role === r))!;
	if (role === 'landelijk') return { role, reach: { all: true } };
	const giving = matched.filter((m) => m.role === role);
	if (giving.some((m) => m.reach.all)) return { role, reach: { all: true } };
	const gemeenten = [...new Set(giving.flatMap((m) => (m.reach.all ? [] : m.reach.gemeenten)))].sort();
	return { role, reach: { all: false, gemeenten } };
}

/**
 * Authentication methods of RFC 8176 by the kind of factor they are: something one knows, has or is. Other
 * values (geo, mca, rba, user, wia) say how, not with which factor, and count for nothing here.
 */
const FACTOR_KINDS: Record<string, 'knows' | 'has' | 'is'> = {
	pwd: 'knows',
	pin: 'knows',
	kba: 'knows',
	otp: 'has',
	sms: 'has',
	tel: 'has',
	hwk: 'has',
	swk: 'has',
	sc: 'has',
	pop: 'has',
	face: 'is',
	fpt: 'is',
	iris: 'is',
	retina: 'is',
	vbm: 'is'
};

/**
 * Whether the ID token says the user signed in with more than one factor: `amr` holds `mfa`, or methods of
 * two different kinds (such as `pwd` and `otp`), or `acr` is one of the values the beheerder named as
 * sufficient. Two methods of one kind (a password and a PIN) are one factor.
 */
export function providerGaveMfa(claims: Record<string, unknown>, sufficientAcr: readonly string[]): boolean {
	const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
	if (amr.includes('mfa')) return true;
	const kinds = new Set(amr.map((method) => FACTOR_KINDS[method]).filter(Boolean));
	if (kinds.size >= 2) return true;
	return typeof claims.acr === 'string' && sufficientAcr.includes(claims.acr);
}

/** The groups in the claim: a list of names (or ids, as Microsoft Entra ID gives them), or a single one. */
export function groupsIn(claims: Record<string, unknown>, claim: string): string[] {
	const value = claims[claim];
	if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
	if (!Array.isArray(value)) return [];
	return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The user's e-mail address, lower case: `email`, else `preferred_username` or `upn` where they are an
 * address (Microsoft Entra ID leaves `email` out for accounts without a mailbox). Null when none is.
 */
export function emailIn(claims: Record<string, unknown>): string | null {
	for (const claim of ['email', 'preferred_username', 'upn']) {
		const value = claims[claim];
		if (typeof value === 'string' && EMAIL.test(value.trim()) && value.length <= 254) {
			return value.trim().toLowerCase();
		}
	}
	return null;
}

/** A reach as the pages write it: `alle` or the codes separated by spaces. */
export function reachText(reach: Reach): string {
	return reach.all ? 'alle' : reach.gemeenten.join(' ');
}
