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
	/** Uploading files on /import and saving column mappings. */
	import: boolean;
	/** Undoing imports, removing a source's cases and setting the retention period, within reach. */
	manageImports: boolean;
	/** Changing a municipality's kwesties and confirming or rejecting suggestions. */
	manageKwesties: boolean;
	/** Adding a note to a municipality's kwestie. */
	commentKwesties: boolean;
	/** Opening a municipality's kwesties with their trail and notes, within reach. */
	municipalKwesties: boolean;
	/** Following and changing the national programme's own kwesties. */
	nationalKwesties: boolean;
	/** Setting a municipality's default signal threshold and window. */
	configureSignals: boolean;
	/** Reading the period reports on /rapportage. */
	readReports: boolean;
	/** Writing the "wat leren we" text and saving a period report. */
	saveReports: boolean;
	/** Users, their roles and reach, and the audit log on /beheer. */
	manageUsers: boolean;
	/** The funds (fondsen) on /beheer/fondsen and the avoided-cost table on /beheer/kostentabel. */
	manageFunds: boolean;
	/** Downloading and reading in national packages on /beheer/pakketten. */
	nationalPackages: boolean;
	/** Registering the public package key of a municipality within reach. */
	registerPackageKeys: boolean;
	/** The national comparison on /vergelijking (see `choosePeers`). */
	compare: boolean;
	/** Opting the municipalities of one's reach in to /vergelijking; who may opt in compares only once opted in. */
	choosePeers: boolean;
	/** Reading and keeping the Maatwerkregister (staff contacts at partners, their mandate and promised answer time). */
	contactRegister: boolean;
}

const CAPABILITIES: Record<Role, Capabilities> = {
	beheerder: {
		caseLevel: true,
		import: true,
		manageImports: true,
		manageKwesties: true,
		commentKwesties: true,
		municipalKwesties: true,
		nationalKwesties: false,
		configureSignals: true,
		readReports: true,
		saveReports: true,
		manageUsers: true,
		manageFunds: true,
		nationalPackages: true,
		registerPackageKeys: true,
		compare: true,
		choosePeers: true,
		contactRegister: true
	},
	kwaliteitsteam: {
		caseLevel: true,
		import: true,
		manageImports: false,
		manageKwesties: true,
		commentKwesties: true,
		municipalKwesties: true,
		nationalKwesties: false,
		configureSignals: false,
		readReports: true,
		saveReports: true,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false,
		registerPackageKeys: false,
		compare: false,
		choosePeers: false,
		contactRegister: true
	},
	beleid: {
		caseLevel: true,
		import: false,
		manageImports: false,
		manageKwesties: false,
		commentKwesties: true,
		municipalKwesties: true,
		nationalKwesties: false,
		configureSignals: false,
		readReports: true,
		saveReports: false,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false,
		registerPackageKeys: false,
		compare: false,
		choosePeers: false,
		contactRegister: false
	},
	college: {
		caseLevel: false,
		import: false,
		manageImports: false,
		manageKwesties: false,
		commentKwesties: false,
		municipalKwesties: true,
		nationalKwesties: false,
		configureSignals: false,
		readReports: true,
		saveReports: false,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: false,
		registerPackageKeys: false,
		compare: false,
		choosePeers: false,
		contactRegister: false
	},
	landelijk: {
		caseLevel: false,
		import: false,
		manageImports: false,
		manageKwesties: false,
		commentKwesties: false,
		municipalKwesties: false,
		nationalKwesties: true,
		configureSignals: false,
		readReports: false,
		saveReports: false,
		manageUsers: false,
		manageFunds: false,
		nationalPackages: true,
		registerPackageKeys: false,
		compare: true,
		choosePeers: false,
		contactRegister: false
	}
};

/** What a role may see and do. */
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
