/** The national agenda as a file: exported sealed and signed as packages are, and read in by another portal against a registered agenda key, replacing what earlier files brought; no municipality's name or count is in it. */
import { isAgendaStatus, TOELICHTING_MAX, type AgendaStatus } from '$lib/domain/agenda';
import type { Database, Queryable } from '../db';
import { audit } from '../audit';
import type { KeyPair } from './installation-key';
import type { PackageSignature } from './package';
import { agendaRows, LABEL_MAX } from './agenda';
import { agendaKeyName } from './agenda-keys';
import { sealAndSign, sealHolds, signatureHolds } from './signing';

export const AGENDA_FILE_VERSION = 1;
export const AGENDA_FILE_KIND = 'landelijke-agenda';

/** More rows than any agenda will hold: a file with more is not one. */
const MAX_ENTRIES = 100_000;

/** One row of the agenda: a status a kwestie got, and when. */
export interface AgendaFileEntry {
	/** The folded label, as the national signal list groups labels. */
	key: string;
	label: string;
	status: AgendaStatus;
	toelichting: string | null;
	/** ISO 8601 in UTC, to the second: `2026-01-15T09:30:00Z`. */
	setAt: string;
}

export interface AgendaFile {
	version: typeof AGENDA_FILE_VERSION;
	soort: typeof AGENDA_FILE_KIND;
	/** When the file was made: ISO 8601 in UTC, to the second. */
	issuedAt: string;
	/** Every row of the agenda, oldest first: the last one of a kwestie is its status, the others its trail. */
	entries: AgendaFileEntry[];
	sha256: string;
	signature: PackageSignature;
}

/** The whole agenda (rows set here and rows read in alike), sealed and signed with `pair`. */
export async function agendaFile(db: Queryable, pair: KeyPair, now = new Date()): Promise<AgendaFile> {
	const entries = (await agendaRows(db)).map(({ key, label, status, toelichting, setAt }) => ({
		key,
		label,
		status,
		toelichting,
		setAt
	}));
	return sealAndSign<AgendaFile>(
		{
			version: AGENDA_FILE_VERSION,
			soort: AGENDA_FILE_KIND,
			issuedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
			entries,
			sha256: '',
			signature: { alg: 'Ed25519', key: '', value: '' }
		},
		pair
	);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isTime = (value: unknown): value is string =>
	typeof value === 'string' &&
	TIME.test(value) &&
	!Number.isNaN(Date.parse(value)) &&
	new Date(value).toISOString() === value.replace('Z', '.000Z');

const FILE_KEYS = ['version', 'soort', 'issuedAt', 'entries', 'sha256', 'signature'];
const ENTRY_KEYS = ['key', 'label', 'status', 'toelichting', 'setAt'];

/** Why one entry is not a row of the agenda, in Dutch, or null. */
function entryFault(entry: unknown, n: number): string | null {
	const where = `Regel ${n} van de agenda`;
	if (!isObject(entry) || Object.keys(entry).some((key) => !ENTRY_KEYS.includes(key))) {
		return `${where} is geen agendaregel.`;
	}
	const { key, label, status, toelichting, setAt } = entry;
	for (const text of [key, label]) {
		if (typeof text !== 'string' || text.trim() === '' || text.length > LABEL_MAX) {
			return `${where} noemt geen kwestie.`;
		}
	}
	if (typeof status !== 'string' || !isAgendaStatus(status)) return `${where} heeft een onbekende status.`;
	if (toelichting !== null && (typeof toelichting !== 'string' || toelichting.length > TOELICHTING_MAX)) {
		return `${where} heeft een toelichting van meer dan ${TOELICHTING_MAX} tekens.`;
	}
	if (!isTime(setAt)) return `${where} heeft geen geldig tijdstip.`;
	return null;
}

export type CheckedFile = { ok: true; file: AgendaFile } | { ok: false; message: string };

/** Checks a file as it arrives: JSON, the kind and version, the seal over its content, then every entry. */
export function checkAgendaFile(text: string): CheckedFile {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch {
		return { ok: false, message: 'Het bestand is geen geldig JSON-bestand.' };
	}
	if (!isObject(doc) || doc.soort !== AGENDA_FILE_KIND) {
		return { ok: false, message: 'Het bestand is geen landelijke agenda.' };
	}
	if (doc.version !== AGENDA_FILE_VERSION) {
		return {
			ok: false,
			message: `De agenda is van versie ${JSON.stringify(doc.version)}; deze portal leest versie ${AGENDA_FILE_VERSION}.`
		};
	}
	const unknown = Object.keys(doc).find((key) => !FILE_KEYS.includes(key));
	if (unknown) return { ok: false, message: `De agenda bevat een onbekend onderdeel "${unknown}".` };
	const { signature } = doc;
	if (
		!isObject(signature) ||
		signature.alg !== 'Ed25519' ||
		typeof signature.key !== 'string' ||
		typeof signature.value !== 'string' ||
		Object.keys(signature).length !== 3
	) {
		return { ok: false, message: 'De agenda is niet ondertekend.' };
	}
	if (typeof doc.sha256 !== 'string' || !sealHolds(doc as unknown as AgendaFile)) {
		return {
			ok: false,
			message:
				'De SHA-256 van de agenda klopt niet met de inhoud: het bestand is gewijzigd nadat het werd gemaakt.'
		};
	}
	if (!isTime(doc.issuedAt))
		return { ok: false, message: 'De agenda heeft geen geldig tijdstip van uitgifte.' };
	if (!Array.isArray(doc.entries) || doc.entries.length > MAX_ENTRIES) {
		return { ok: false, message: 'De agenda bevat geen lijst van agendaregels.' };
	}
	for (const [i, entry] of doc.entries.entries()) {
		const fault = entryFault(entry, i + 1);
		if (fault) return { ok: false, message: fault };
	}
	return { ok: true, file: doc as unknown as AgendaFile };
}

export interface AgendaReceiver {
	/** E-mail of the importer, or `cli`. */
	actor: string;
	/** The file's name, for the audit log. */
	fileName: string;
	origin?: string | null;
}

export type ReceivedAgenda =
	| { ok: true; naam: string; entries: number; kwesties: number; issuedAt: string; replaced: boolean }
	| { ok: false; message: string };

/** Why a checked file may not come in, or the file with the name of the national portal whose registered key signed it. */
async function refusal(
	db: Database,
	file: AgendaFile
): Promise<{ message: string } | { file: AgendaFile; naam: string }> {
	const naam = await agendaKeyName(db, file.signature.key);
	if (naam === null) {
		return {
			message:
				'De agenda is ondertekend met een sleutel die hier niet is geregistreerd: registreer eerst de agendasleutel van de landelijke portal.'
		};
	}
	if (!signatureHolds(file.sha256, file.signature, file.signature.key)) {
		return { message: `De handtekening van de agenda klopt niet met de geregistreerde sleutel van ${naam}.` };
	}
	const newest = await db.one<{ at: string | null }>(
		`SELECT strftime(max(set_at), '%Y-%m-%dT%H:%M:%SZ') AS at FROM national_agenda WHERE bron = 'bestand'`
	);
	const fileNewest = file.entries.reduce((max, e) => (e.setAt > max ? e.setAt : max), '');
	if (newest?.at && fileNewest < newest.at) {
		return {
			message: `De agenda is ouder dan de agenda die hier al is ingelezen (met een status van ${newest.at.slice(0, 10)}).`
		};
	}
	return { file, naam };
}

/**
 * Reads an agenda file in (`text`, the file's content): checked, signed with a registered key and not
 * older than what earlier files brought; then, in one transaction, every row an earlier file brought is
 * replaced by its entries. A refused file writes nothing but its refusal in the audit log.
 */
export async function receiveAgendaFile(
	db: Database,
	text: string,
	receiver: AgendaReceiver
): Promise<ReceivedAgenda> {
	const checked = checkAgendaFile(text);
	const outcome = checked.ok ? await refusal(db, checked.file) : { message: checked.message };
	const name = receiver.fileName.slice(0, 200);
	if ('message' in outcome) {
		await audit(db, {
			actor: receiver.actor,
			action: 'landelijke agenda inlezen',
			object: `${name}: ${outcome.message.slice(0, 200)}`,
			result: 'geweigerd',
			origin: receiver.origin ?? null
		});
		return { ok: false, message: `Agenda geweigerd: ${outcome.message}` };
	}
	const { file, naam } = outcome;
	const removed = await db.transaction(async (tx) => {
		const removed = await tx.run(`DELETE FROM national_agenda WHERE bron = 'bestand'`);
		for (const entry of file.entries) {
			await tx.run(
				`INSERT INTO national_agenda (kwestie_key, label, status, toelichting, set_by, set_at, bron)
				 VALUES ($key, $label, $status, $toelichting, $naam, $setAt::TIMESTAMP, 'bestand')`,
				{ ...entry, naam }
			);
		}
		await audit(tx, {
			actor: receiver.actor,
			action: 'landelijke agenda inlezen',
			object: `${name} (${naam}, ${file.entries.length} regels, ${file.sha256.slice(0, 12)})`,
			result: 'ok',
			origin: receiver.origin ?? null
		});
		return removed;
	});
	return {
		ok: true,
		naam,
		entries: file.entries.length,
		kwesties: new Set(file.entries.map((e) => e.key)).size,
		issuedAt: file.issuedAt,
		replaced: removed > 0
	};
}
