/** Roles, what each may see and do, and a user's reach over municipalities (DESIGN.md, "Users, roles and reach"). */

export const ROLES = ['beheerder', 'kwaliteitsteam', 'beleid', 'college', 'landelijk'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	beheerder: 'Beheerder',
	kwaliteitsteam: 'Kwaliteitsteam',
	beleid: 'Beleid',
	college: 'College',
	landelijk: 'Landelijk programma'
};

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** The municipalities a user reaches: all of them, or a list (one municipality or a region). */
export type Reach = { all: true } | { all: false; gemeenten: readonly string[] };

export interface Capabilities {
	/** Case rows, case lists, drill-downs and the kassabon of one case. */
	caseLevel: boolean;
	import: boolean;
	manageKwesties: boolean;
	commentKwesties: boolean;
	manageUsers: boolean;
	manageFunds: boolean;
	nationalPackages: boolean;
}

const CAPABILITIES: Record<Role, Capabilities> = {
	beheerder: {
		caseLevel: true,
		import: true,
		manageKwesties: true,
		commentKwesties: true,
		manageUsers: true,
		manageFunds: true,
		nationalPackages: true
	},
	kwaliteitsteam: {
		caseLevel: true,
		import: true,
		manageKwesties: true,
		commentKwesties: true,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false
	},
	beleid: {
		caseLevel: true,
		import: false,
		manageKwesties: false,
		commentKwesties: true,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false
	},
	college: {
		caseLevel: false,
		import: false,
		manageKwesties: false,
		commentKwesties: false,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false
	},
	landelijk: {
		caseLevel: false,
		import: false,
		manageKwesties: false,
		commentKwesties: false,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: true
	}
};

export function capabilities(role: Role): Capabilities {
	return CAPABILITIES[role];
}

/** Whether a reach includes a municipality. */
export function reaches(reach: Reach, gemeente: string): boolean {
	return reach.all || reach.gemeenten.includes(gemeente);
}

/** The user as pages see it: no secrets, enough to render navigation and scope views. */
export interface SessionUser {
	id: number;
	email: string;
	role: Role;
	reach: Reach;
}
