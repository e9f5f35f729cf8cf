/** The main navigation of the signed-in portal, per role. */
import type { Role } from '$lib/domain/roles';

export interface NavItem {
	href: string;
	label: string;
	roles: readonly Role[];
}

const everyone: readonly Role[] = ['beheerder', 'kwaliteitsteam', 'beleid', 'college', 'landelijk'];

export const NAV_ITEMS: readonly NavItem[] = [
	{ href: '/', label: 'Dashboard', roles: everyone },
	{ href: '/leefgebieden', label: 'Leefgebieden', roles: everyone },
	{ href: '/organisaties', label: 'Organisaties & ministeries', roles: everyone },
	{ href: '/wetten', label: 'Wetten', roles: everyone },
	{ href: '/escalatie', label: 'Escalatie', roles: everyone },
	{ href: '/budget', label: 'Budget', roles: everyone },
	{ href: '/signalen', label: 'Signalen', roles: everyone },
	{ href: '/rapportage', label: 'Rapportage', roles: ['beheerder', 'kwaliteitsteam', 'beleid', 'college'] },
	{ href: '/vergelijking', label: 'Vergelijking', roles: ['landelijk', 'beheerder'] },
	{ href: '/import', label: 'Import', roles: ['beheerder', 'kwaliteitsteam'] },
	{ href: '/beheer', label: 'Beheer', roles: ['beheerder'] }
];

export function navFor(role: Role): NavItem[] {
	return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
