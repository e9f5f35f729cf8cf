/** Who may give whom which role and reach (interfaces.md, "Granting"): the one rule every web path that writes them asks. */
import type { Reach, Role } from '$lib/domain/roles';

/** The ordered roles, highest first; `landelijk` stands outside the order and needs reach `alle`. */
const ORDER: readonly Role[] = ['beheerder', 'kwaliteitsteam', 'beleid', 'college'];

/** A user as the rule sees it, giving or receiving. */
export interface Grantee {
	id: number;
	role: Role;
	reach: Reach;
}

export interface GrantRequest {
	/** The user whose role and reach change; null for a new user. */
	target: Grantee | null;
	role: Role;
	/** The reach asked for (landelijk always reaches every municipality, whatever is asked). */
	reach: Reach;
}

/** Whether every municipality of `inner` lies in `outer`. */
export function reachWithin(inner: Reach, outer: Reach): boolean {
	if (outer.all) return true;
	return !inner.all && inner.gemeenten.every((g) => outer.gemeenten.includes(g));
}

/** Whether `role` lies no higher than `own`; landelijk gives no ordered role, and is given only as reach `alle`. */
function roleWithin(role: Role, own: Role): boolean {
	const rank = ORDER.indexOf(own);
	return rank >= 0 && ORDER.indexOf(role) >= rank;
}

/**
 * Null when the granter may give this role and reach (to this user), else the Dutch reason it may not.
 * The CLI does not ask: the operator runs it with the file system's trust. `name` turns a CBS code into
 * the municipality's name for the message.
 */
export function grantRefusal(
	granter: Grantee,
	request: GrantRequest,
	name: (code: string) => string = (code) => code
): string | null {
	const { target, role } = request;
	const reach: Reach = role === 'landelijk' ? { all: true } : request.reach;
	if (target) {
		if (target.id === granter.id) return 'U kunt uw eigen rol en bereik niet wijzigen.';
		if (!reachWithin(target.reach, granter.reach)) {
			return 'Deze gebruiker valt buiten uw bereik; alleen een beheerder van al zijn gemeenten wijzigt hem.';
		}
		if (target.role !== 'landelijk' && !roleWithin(target.role, granter.role)) {
			return 'Deze gebruiker heeft een hogere rol dan u; u kunt hem niet wijzigen.';
		}
	}
	if (role === 'landelijk' && !granter.reach.all) {
		return 'Alleen een beheerder met bereik "alle gemeenten" geeft de rol landelijk.';
	}
	if (reach.all && !granter.reach.all) {
		return 'Alleen een beheerder met bereik "alle gemeenten" geeft het bereik "alle".';
	}
	if (role !== 'landelijk' && !roleWithin(role, granter.role)) {
		return 'U kunt geen hogere rol geven dan uw eigen rol.';
	}
	if (!reach.all && !granter.reach.all) {
		const own = granter.reach.gemeenten;
		const outside = reach.gemeenten.filter((g) => !own.includes(g));
		if (outside.length > 0) {
			return `${outside.map(name).join(', ')} ${outside.length === 1 ? 'valt' : 'vallen'} buiten uw bereik.`;
		}
	}
	return null;
}
