import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { reference } from '$lib/server/reference';
import { filterOptions } from '$lib/server/analytics/reach';
import { importPackage, listPackages, verifyPackage } from '$lib/server/national/package';
import { periodLabel } from '$lib/server/national/period';
import { peersEnabled, setPeersEnabled } from '$lib/server/national/peers';
import { periodChoices } from '$lib/server/national/requests';

/** A package is a few dozen kilobytes; anything far larger is not one. */
const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'nationalPackages');
	const db = await getDb();
	const options = await filterOptions(db, user.reach);
	const packages = await listPackages(db);
	return {
		gemeenten: options.gemeenten,
		periods: periodChoices(options.years),
		packages: packages.map((p) => ({ ...p, periodLabel: periodLabel(p.period) })),
		isBeheerder: user.role === 'beheerder',
		peers: user.role === 'beheerder' ? await peersEnabled(db, user) : false
	};
};

export const actions: Actions = {
	importeren: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		const file = (await request.formData()).get('pakket');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: 'Kies een pakketbestand (JSON).', field: 'pakket' });
		}
		if (file.size > MAX_PACKAGE_BYTES) {
			return fail(400, { message: 'Dit bestand is te groot voor een landelijk pakket.', field: 'pakket' });
		}
		const db = await getDb();
		const verified = verifyPackage(await file.text());
		if (!verified.ok) {
			await audit(db, {
				actor: user.email,
				action: 'landelijk pakket importeren',
				object: file.name.slice(0, 200),
				result: 'geweigerd',
				origin: getClientAddress()
			});
			return fail(400, { message: `Pakket geweigerd: ${verified.message}`, field: 'pakket' });
		}
		const pkg = verified.package;
		const { replaced, period } = await importPackage(db, pkg, user.email, getClientAddress());
		const naam = reference().gemeenten.naam(pkg.gemeente);
		return {
			done: `Het pakket van ${naam} over ${periodLabel(period)} is ingelezen${replaced ? ' en vervangt het vorige pakket van die periode' : ''}.`
		};
	},
	vergelijking: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		if (user.role !== 'beheerder') {
			return fail(403, {
				message: 'Alleen een beheerder kiest of de gemeente zich vergelijkt.',
				field: 'peers'
			});
		}
		const enabled = (await request.formData()).get('peers') === 'aan';
		await setPeersEnabled(await getDb(), user, enabled, getClientAddress());
		return {
			done: enabled
				? 'De vergelijking met andere gemeenten staat aan: zie Vergelijking.'
				: 'De vergelijking met andere gemeenten staat uit.'
		};
	}
};
