import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { checkFile, DEFAULT_SOURCE, importFile, sourceProblem, type ImportResult } from '$lib/server/ingest';
import {
	INSTALLATION_SCOPE,
	listMappings,
	mappingForReach,
	MappingError,
	mappingNameProblem,
	mappingRef,
	MappingScopeError,
	parseMapping,
	saveMapping,
	writableScope
} from '$lib/server/ingest/mappings';
import { audit } from '$lib/server/audit';
import {
	HistoryError,
	listImports,
	listSources,
	purgeExpiredCases,
	removeSource,
	retentionMonths,
	setRetention,
	undoImport
} from '$lib/server/ingest/history';
import { reference } from '$lib/server/reference';
import { capabilities, reaches } from '$lib/domain/roles';
import { importWorkDir } from '$lib/server/ingest/work-dir';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'import');
	const db = await getDb();
	const { gemeenten } = reference();
	const manage = capabilities(user.role).manageImports;
	const sources = manage ? await listSources(db, user.reach) : [];
	const naam = (code: string) => gemeenten.naam(code);
	const inReach = [...new Set(sources.map((s) => s.gemeente))];
	return {
		imports: await listImports(db, user.reach, user.email),
		mappings: (await listMappings(db, user.reach)).map((m) => ({
			value: mappingRef(m.scope, m.name),
			label: `${m.name} (${m.scope === INSTALLATION_SCOPE ? 'hele installatie' : naam(m.scope)})`
		})),
		// Where the reach holds more than one municipality, the user picks the one a new profile is for.
		mappingScopes:
			!user.reach.all && user.reach.gemeenten.length === 1
				? []
				: (user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten])
						.map((code) => ({ code, naam: naam(code) }))
						.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		manageImports: manage,
		sources: sources
			.map((s) => ({ ...s, naam: naam(s.gemeente) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		retention: manage
			? (
					await Promise.all(
						inReach.map(async (code) => ({ code, naam: naam(code), months: await retentionMonths(db, code) }))
					)
				).sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
			: []
	};
};

/** The upload limit as the operator set it for adapter-node (BODY_SIZE_LIMIT, default 512K). */
function uploadLimit(): string {
	return process.env.BODY_SIZE_LIMIT || '512K';
}

type UploadForm = { source: string; mapping: string; sheet: string; replace: boolean };

/** Saves the uploaded file to a temporary folder as it streams in; the caller removes the folder. */
async function receive(form: FormData): Promise<{ dir: string; file: string; name: string } | null> {
	const upload = form.get('bestand');
	if (!(upload instanceof File) || upload.size === 0) return null;
	const dir = await fs.promises.mkdtemp(path.join(await importWorkDir(), 'upload-'));
	const file = path.join(dir, 'upload');
	await pipeline(
		Readable.fromWeb(upload.stream() as import('node:stream/web').ReadableStream),
		fs.createWriteStream(file)
	);
	return { dir, file, name: path.basename(upload.name || 'bestand') };
}

function summary(result: ImportResult, fileName: string, values: UploadForm) {
	return { result, fileName, values };
}

async function upload(event: Parameters<Actions[string]>[0], write: boolean) {
	const user = requireCapability(event.locals, 'import');
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		// adapter-node stops reading beyond BODY_SIZE_LIMIT; nothing has been stored.
		return fail(413, {
			message: `Het bestand is groter dan deze server aanneemt (${uploadLimit()}). Er is niets opgeslagen; vraag de beheerder de grens (BODY_SIZE_LIMIT) te verhogen of splits de export.`,
			field: 'bestand'
		});
	}
	const values: UploadForm = {
		source: String(form.get('source') ?? '').trim() || DEFAULT_SOURCE,
		mapping: String(form.get('mapping') ?? ''),
		sheet: String(form.get('sheet') ?? '').trim(),
		replace: form.get('replace') === 'on'
	};
	const sourceError = sourceProblem(values.source);
	if (sourceError) return fail(400, { message: sourceError, field: 'source', values });
	const db = await getDb();
	// Another municipality's profile does not exist for this user: the same answer as a name never saved.
	const mapping = values.mapping ? await mappingForReach(db, user.reach, values.mapping) : undefined;
	if (values.mapping && !mapping)
		return fail(400, { message: 'Deze koppeling bestaat niet.', field: 'mapping', values });
	const received = await receive(form);
	if (!received)
		return fail(400, { message: 'Kies een bestand om te importeren.', field: 'bestand', values });
	try {
		const options = {
			fileName: received.name,
			source: values.source,
			mapping,
			sheet: values.sheet || undefined,
			replace: values.replace,
			actor: user.email,
			reach: user.reach,
			origin: event.getClientAddress()
		};
		const result = write
			? await importFile(db, received.file, options)
			: await checkFile(db, received.file, options);
		if (result.status === 'refused') {
			return fail(422, {
				message: `Het bestand is geweigerd: ${result.rejectedRows} rijen hebben een probleem. Er is niets opgeslagen.`,
				field: 'bestand',
				...summary(result, received.name, values)
			});
		}
		return summary(result, received.name, values);
	} finally {
		await fs.promises.rm(received.dir, { recursive: true, force: true });
	}
}

/** `Bronkolom = canonieke kolom`, one per line, as typed on the page. */
function mappingFromLines(text: string): Record<string, string> {
	const mapping: Record<string, string> = {};
	for (const line of text.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const [from, to] = line.split(/=|→|->/).map((part) => part.trim());
		if (!from || !to)
			throw new MappingError(
				`Schrijf elke regel als "kolom in het bestand = canonieke kolom", niet "${line.trim().slice(0, 60)}".`
			);
		mapping[from] = to;
	}
	if (Object.keys(mapping).length === 0) throw new MappingError('Vul minstens één regel in.');
	return mapping;
}

export const actions: Actions = {
	koppeling: async ({ request, locals }) => {
		const user = requireCapability(locals, 'import');
		const form = await request.formData();
		const { gemeenten } = reference();
		const name = String(form.get('naam') ?? '').trim();
		const lines = String(form.get('regels') ?? '');
		const nameError = mappingNameProblem(name);
		if (nameError) return fail(400, { message: nameError, field: 'naam', mappingLines: lines });
		const db = await getDb();
		let scope: string;
		try {
			scope = writableScope(user.reach, String(form.get('gemeente') ?? ''), (c) => !!gemeenten.get(c));
		} catch (error) {
			if (!(error instanceof MappingError)) throw error;
			const refused = error instanceof MappingScopeError;
			if (refused) {
				await audit(db, {
					actor: user.email,
					action: 'kolomkoppeling opslaan',
					object: `${String(form.get('gemeente') ?? '').slice(0, 20)}:${name}`,
					result: 'geweigerd'
				});
			}
			return fail(refused ? 403 : 400, { message: error.message, field: 'gemeente', mappingLines: lines });
		}
		try {
			const mapping = parseMapping(mappingFromLines(lines));
			await saveMapping(db, scope, name, mapping, user.email);
			await audit(db, {
				actor: user.email,
				action: 'kolomkoppeling opslaan',
				object: mappingRef(scope, name),
				result: 'ok'
			});
			return { done: `Kolomkoppeling "${name}" is opgeslagen voor ${gemeenten.naam(scope)}.` };
		} catch (error) {
			if (error instanceof MappingError)
				return fail(400, { message: error.message, field: 'regels', mappingLines: lines });
			throw error;
		}
	},
	controleren: (event) => upload(event, false),
	importeren: (event) => upload(event, true),
	ongedaan: async ({ request, locals }) => {
		const user = requireCapability(locals, 'manageImports');
		const id = Number((await request.formData()).get('id'));
		try {
			const outcome = await undoImport(await getDb(), id, user.reach, user.email);
			return {
				done: `Import ${id} is ongedaan gemaakt: ${outcome.deleted} casussen weg, ${outcome.restored} teruggezet.`
			};
		} catch (error) {
			if (error instanceof HistoryError) return fail(400, { message: error.message, field: 'id' });
			throw error;
		}
	},
	bronVerwijderen: async ({ request, locals }) => {
		const user = requireCapability(locals, 'manageImports');
		const form = await request.formData();
		const source = String(form.get('source') ?? '');
		const gemeente = String(form.get('gemeente') ?? '');
		if (!reaches(user.reach, gemeente))
			return fail(403, { message: 'Deze gemeente valt buiten uw bereik.', field: 'gemeente' });
		if (form.get('bevestig') !== 'ja') {
			return fail(400, {
				message: 'Vink aan dat u de casussen van deze bron wilt verwijderen.',
				field: 'bevestig'
			});
		}
		const removed = await removeSource(await getDb(), source, gemeente, user.email);
		return {
			done: `Bron ${source} van ${reference().gemeenten.naam(gemeente)} is verwijderd (${removed} casussen).`
		};
	},
	bewaartermijn: async ({ request, locals }) => {
		const user = requireCapability(locals, 'manageImports');
		const form = await request.formData();
		const gemeente = String(form.get('gemeente') ?? '');
		if (!reaches(user.reach, gemeente))
			return fail(403, { message: 'Deze gemeente valt buiten uw bereik.', field: 'gemeente' });
		const raw = String(form.get('months') ?? '').trim();
		const months = raw === '' ? null : Number(raw);
		if (months !== null && (!Number.isInteger(months) || months < 12 || months > 240)) {
			return fail(400, {
				message: 'De bewaartermijn is 12 tot 240 maanden, of leeg voor geen termijn.',
				field: 'months'
			});
		}
		const db = await getDb();
		await setRetention(db, gemeente, months, user.email);
		const purged = await purgeExpiredCases(db, user.email);
		return { done: `Bewaartermijn opgeslagen; ${purged} casussen voorbij de termijn zijn verwijderd.` };
	}
};
