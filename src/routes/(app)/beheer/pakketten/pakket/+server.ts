import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { buildPackage } from '$lib/server/national/package';
import { installationKey } from '$lib/server/national/installation-key';
import { signPackage } from '$lib/server/national/signing';
import { parseExportRequest } from '$lib/server/national/requests';

/** `/beheer/pakketten/pakket?gemeente=GM0080&period=2025-Q3`: the national package of a municipality within reach, signed with this installation's key, as a JSON download. */
export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const user = requireCapability(locals, 'nationalPackages');
	const request = parseExportRequest(url.searchParams, user);
	if (!request.ok) error(request.status, request.message);
	const db = await getDb();
	const pkg = signPackage(await buildPackage(db, request.gemeente, request.period), installationKey());
	await audit(db, {
		actor: user.email,
		action: 'landelijk pakket exporteren',
		object: `${pkg.gemeente} ${request.period.period} ${pkg.sha256.slice(0, 12)}`,
		result: 'ok',
		origin: getClientAddress()
	});
	return new Response(JSON.stringify(pkg, null, 2) + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="pakket-${pkg.gemeente}-${request.period.period}.json"`
		}
	});
};
