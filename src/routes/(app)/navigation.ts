/** The main navigation of the signed-in portal: the home, the registry's analysis pages, then the other pages; each item opens for the roles with its capability. */
import { capabilities, type Capabilities, type Role } from '$lib/domain/roles';
import { VIEWS } from '$lib/server/views/registry';

export interface NavItem {
	href: string;
	label: string;
	/** The capability that opens the item; absent, it is there for everyone. */
	capability?: keyof Capabilities;
}

export const NAV_ITEMS: readonly NavItem[] = [
	// The home is every role's own (home/blocks.ts), not a view of the registry.
	{ href: '/', label: 'Start' },
	...VIEWS.flatMap((view) =>
		view.page ? [{ href: view.page.path, label: view.page.label, capability: view.capability }] : []
	),
	{ href: '/rapportage', label: 'Rapportage', capability: 'readReports' },
	{ href: '/vergelijking', label: 'Vergelijking', capability: 'compare' },
	{ href: '/import', label: 'Import', capability: 'import' },
	{ href: '/beheer/maatwerkregister', label: 'Maatwerkregister', capability: 'contactRegister' },
	{ href: '/beheer', label: 'Beheer', capability: 'manageUsers' }
];

/** The items a role sees, in menu order. */
export function navFor(role: Role): NavItem[] {
	const can = capabilities(role);
	return NAV_ITEMS.filter((item) => !item.capability || can[item.capability]);
}
