/** Route guards: the signed-in user, and 403 where the role lacks a capability. */
import { error } from '@sveltejs/kit';
import { capabilities, type Capabilities, type SessionUser } from '$lib/domain/roles';

export function requireUser(locals: App.Locals): SessionUser {
	if (!locals.user) error(401, 'Niet ingelogd.');
	return locals.user;
}

export function requireCapability(locals: App.Locals, capability: keyof Capabilities): SessionUser {
	const user = requireUser(locals);
	if (!capabilities(user.role)[capability]) error(403, 'Uw rol geeft geen toegang tot deze pagina.');
	return user;
}
