/**
 * Column mappings belong to a municipality or to the installation: through the real server a user of Utrecht
 * (GM0344) cannot see, use or overwrite Den Haag's (GM0518) profile of the same name; the CLI sets and uses both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addUser,
	cli,
	freshDb,
	loginCookie,
	removeDb,
	startServer,
	type RunningServer
} from '../support/server';

const db = freshDb('mappings');
const dir = path.dirname(db);
let server: RunningServer | undefined;
let utrecht = '';
let denHaag = '';

interface ActionResult {
	type: string;
	status?: number;
	data?: string;
}

/** Posts a form action as the page's script does and returns SvelteKit's JSON action result. */
async function action(address: string, form: FormData, cookie: string): Promise<ActionResult> {
	const response = await fetch(server!.url + address, {
		method: 'POST',
		headers: { cookie, origin: server!.url, accept: 'application/json' },
		body: form
	});
	return (await response.json()) as ActionResult;
}

function fields(values: Record<string, string>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(values)) form.set(k, v);
	return form;
}

/** An export whose case number column is called `Zaak`, as Den Haag's profile expects. */
function zaakExport(gemeente: string): FormData {
	const form = fields({ source: 'standaard' });
	const csv = `Zaak;gemeente;aangemeld_op;status;leefgebieden\nZ-1;${gemeente};2025-03-01;open;wonen\n`;
	form.set('bestand', new Blob([csv], { type: 'text/csv' }), 'zaken.csv');
	return form;
}

function profiles(): { scope: string; name: string; mapping: Record<string, string> }[] {
	const r = cli(['mapping', 'list', '--json'], { db });
	expect(r.code, r.stderr).toBe(0);
	return (r.json as { mappings: { scope: string; name: string; mapping: Record<string, string> }[] })
		.mappings;
}

beforeAll(async () => {
	const write = (name: string, mapping: Record<string, string>) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(mapping));
		return file;
	};
	for (const [args, code] of [
		[['mapping', 'set', 'suite', '--file', write('installatie.json', { Dossier: 'casus_id' })], 0],
		[
			[
				'mapping',
				'set',
				'suite',
				'--file',
				write('denhaag.json', { Zaak: 'casus_id' }),
				'--gemeente',
				'GM0518'
			],
			0
		],
		[['mapping', 'set', 'suite', '--file', write('x.json', { Zaak: 'casus_id' }), '--gemeente', 'GM9999'], 1]
	] as const) {
		const r = cli([...args, '--json'], { db });
		expect(r.code, r.stderr).toBe(code);
	}
	addUser(db, { email: 'beheer@utrecht.example', role: 'beheerder', gemeente: ['GM0344'] });
	addUser(db, { email: 'kwaliteit@denhaag.example', role: 'kwaliteitsteam', gemeente: ['GM0518'] });
	server = await startServer({ db });
	utrecht = await loginCookie(server, 'beheer@utrecht.example');
	denHaag = await loginCookie(server, 'kwaliteit@denhaag.example');
}, 180_000);

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('mapping profiles per municipality', () => {
	it('Utrecht sees the installation’s profile and not Den Haag’s; Den Haag sees its own', async () => {
		const page = await (await fetch(`${server!.url}/import`, { headers: { cookie: utrecht } })).text();
		expect(page).toContain('value="suite"');
		expect(page).toContain('suite (hele installatie)');
		expect(page).not.toContain('GM0518:suite');
		const own = await (await fetch(`${server!.url}/import`, { headers: { cookie: denHaag } })).text();
		expect(own).toContain('value="GM0518:suite"');
	});

	it('Utrecht cannot use Den Haag’s profile: it does not exist for Utrecht', async () => {
		const form = zaakExport('GM0344');
		form.set('mapping', 'GM0518:suite');
		const refused = await action('/import?/controleren', form, utrecht);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		expect(refused.data).toContain('Deze koppeling bestaat niet.');

		const used = zaakExport('GM0518');
		used.set('mapping', 'GM0518:suite');
		expect(await action('/import?/controleren', used, denHaag)).toMatchObject({ type: 'success' });
	});

	it('Utrecht saves a profile of the same name as its own, and cannot overwrite Den Haag’s or the installation’s', async () => {
		const saved = await action(
			'/import?/koppeling',
			fields({ naam: 'suite', regels: 'Nummer = casus_id' }),
			utrecht
		);
		expect(saved.type, saved.data).toBe('success');
		expect(saved.data).toContain('opgeslagen voor Utrecht');
		for (const gemeente of ['GM0518', '*']) {
			const refused = await action(
				'/import?/koppeling',
				fields({ naam: 'suite', regels: 'Kapot = casus_id', gemeente }),
				utrecht
			);
			expect(refused).toMatchObject({ type: 'failure', status: 403 });
			expect(refused.data).toContain('alleen koppelingen opslaan voor gemeenten binnen uw bereik');
		}
		await server!.stop();
		server = undefined;
		expect(profiles().map(({ scope, name, mapping }) => ({ scope, name, mapping }))).toEqual([
			{ scope: '*', name: 'suite', mapping: { Dossier: 'casus_id' } },
			{ scope: 'GM0344', name: 'suite', mapping: { Nummer: 'casus_id' } },
			{ scope: 'GM0518', name: 'suite', mapping: { Zaak: 'casus_id' } }
		]);
	});

	it('the CLI imports with the installation’s profile by NAME and a municipality’s by GMxxxx:NAME', () => {
		const file = path.join(dir, 'zaken.csv');
		fs.writeFileSync(
			file,
			'Zaak;gemeente;aangemeld_op;status;leefgebieden\nZ-2;GM0518;2025-03-01;open;wonen\n'
		);
		expect(cli(['import', file, '--mapping', 'suite', '--json'], { db }).json).toMatchObject({
			status: 'refused'
		});
		expect(cli(['import', file, '--mapping', 'GM0518:suite', '--json'], { db }).json).toMatchObject({
			status: 'imported',
			inserted: 1
		});
		const unknown = cli(['import', file, '--mapping', 'GM0344:bestaat-niet', '--json'], { db });
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('Er is geen koppeling "GM0344:bestaat-niet"');
	});
});
