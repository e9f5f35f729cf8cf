/** The agenda file between two real DuckDB files: signed by the national portal, read in by a municipality's portal against the registered key; a changed, unsigned, unregistered or older file is refused and changes nothing. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { findKwestie } from '../kwesties/kwesties';
import { agendaRows, nationalStatusOf } from './agenda';
import { agendaFile, checkAgendaFile, receiveAgendaFile, type AgendaFile } from './agenda-file';
import { listAgendaKeys, parseAgendaKeyRequest, registerAgendaKey, removeAgendaKey } from './agenda-keys';
import { loadOrCreateKeyPair, type KeyPair } from './installation-key';
import { packageHash } from './package';
import { KEY_MESSAGE } from './package-keys';
import { sealAndSign } from './signing';

const KEY = 'kostendelersnorm bij inwonende jongvolwassene';
const LEEUWARDEN_KT: SessionUser = {
	id: 2,
	email: 'kt@leeuwarden.example',
	role: 'kwaliteitsteam',
	reach: { all: false, gemeenten: ['GM0080'] }
};
const RECEIVER = { actor: 'beheer@leeuwarden.example', fileName: 'agenda.json' };

/** The national portal's key and another one, never registered. */
let national: KeyPair;
let stranger: KeyPair;
/** Leeuwarden's own portal, which reads the agenda in. */
let store: Store;

/** An agenda file as the national portal issues it, built from rows in a portal of its own. */
let issued: AgendaFile;

beforeAll(async () => {
	const nationalStore = await openTempStore();
	try {
		national = loadOrCreateKeyPair(nationalStore.file('national.pem'));
		stranger = loadOrCreateKeyPair(nationalStore.file('stranger.pem'));
		const insert = `INSERT INTO national_agenda (kwestie_key, label, status, toelichting, set_by, set_at)
			VALUES ($key, 'Kostendelersnorm bij inwonende jongvolwassene', $status, $toelichting,
				'landelijk@programma.example', $at::TIMESTAMP)`;
		await nationalStore.db.run(insert, {
			key: KEY,
			status: 'ontvangen',
			toelichting: null,
			at: '2026-01-05T09:00:00Z'
		});
		await nationalStore.db.run(insert, {
			key: KEY,
			status: 'agenda_ministerie',
			toelichting: 'Ministerie van SZW',
			at: '2026-02-10T14:30:00Z'
		});
		issued = await agendaFile(nationalStore.db, national, new Date('2026-03-01T08:00:00Z'));
	} finally {
		closeTempStore(nationalStore);
	}
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('L1', { aangemeld_op: '2025-02-01', kwestie: 'Kostendelersnorm bij inwonende jongvolwassene' })
	]);
	expect(result.status).toBe('imported');
});
afterAll(() => closeTempStore(store));
/** The last audit row before the test: its own rows come after. */
let auditFrom = 0;
beforeEach(async () => {
	await store.db.run('DELETE FROM national_agenda');
	await store.db.run('DELETE FROM agenda_keys');
	// The audit log is append-only: each test reads only the rows written after it began.
	auditFrom = (await store.db.one<{ id: number }>(
		'SELECT coalesce(max(id), 0)::INTEGER AS id FROM audit_log'
	))!.id;
});

const register = (key = national.publicKey) =>
	registerAgendaKey(store.db, { naam: 'Landelijk programma', key, actor: 'beheer@leeuwarden.example' });

/** What the table holds, to compare before and after a refusal. */
const rows = () => store.db.all('SELECT * FROM national_agenda ORDER BY id');

/** Refused results in the audit log, oldest first. */
const refusals = async () =>
	(
		await store.db.all<{ result: string }>(
			`SELECT result FROM audit_log WHERE action = 'landelijke agenda inlezen' AND id > $from ORDER BY id`,
			{ from: auditFrom }
		)
	).map((r) => r.result);

describe('the agenda file', () => {
	it('holds every row with its time, sealed and signed, and nothing of who set it', () => {
		expect(Object.keys(issued)).toEqual(['version', 'soort', 'issuedAt', 'entries', 'sha256', 'signature']);
		expect(issued).toMatchObject({
			version: 1,
			soort: 'landelijke-agenda',
			issuedAt: '2026-03-01T08:00:00Z'
		});
		expect(issued.entries).toEqual([
			{
				key: KEY,
				label: 'Kostendelersnorm bij inwonende jongvolwassene',
				status: 'ontvangen',
				toelichting: null,
				setAt: '2026-01-05T09:00:00Z'
			},
			{
				key: KEY,
				label: 'Kostendelersnorm bij inwonende jongvolwassene',
				status: 'agenda_ministerie',
				toelichting: 'Ministerie van SZW',
				setAt: '2026-02-10T14:30:00Z'
			}
		]);
		expect(issued.sha256).toBe(packageHash(issued));
		expect(issued.signature).toMatchObject({ alg: 'Ed25519', key: national.publicKey });
		expect(JSON.stringify(issued)).not.toContain('@');
		expect(checkAgendaFile(JSON.stringify(issued))).toEqual({ ok: true, file: issued });
	});

	it('round trip: read in against the registered key, it reaches the municipality’s kwestie page', async () => {
		await register();
		const received = await receiveAgendaFile(store.db, JSON.stringify(issued, null, 2), RECEIVER);
		expect(received).toEqual({
			ok: true,
			naam: 'Landelijk programma',
			entries: 2,
			kwesties: 1,
			issuedAt: '2026-03-01T08:00:00Z',
			replaced: false
		});
		const read = await agendaRows(store.db);
		expect(read.map((r) => [r.status, r.setAt, r.bron, r.setBy])).toEqual([
			['ontvangen', '2026-01-05T09:00:00Z', 'bestand', 'Landelijk programma'],
			['agenda_ministerie', '2026-02-10T14:30:00Z', 'bestand', 'Landelijk programma']
		]);
		const id = (await store.db.one<{ id: number }>(`SELECT id FROM kwesties WHERE scope = 'GM0080'`))!.id;
		const status = await nationalStatusOf(store.db, LEEUWARDEN_KT, (await findKwestie(store.db, id))!);
		expect(status).toEqual({
			current: {
				status: 'agenda_ministerie',
				toelichting: 'Ministerie van SZW',
				setAt: '2026-02-10T14:30:00Z'
			},
			trail: [
				{ status: 'agenda_ministerie', toelichting: 'Ministerie van SZW', setAt: '2026-02-10T14:30:00Z' },
				{ status: 'ontvangen', toelichting: null, setAt: '2026-01-05T09:00:00Z' }
			]
		});
		expect(await refusals()).toEqual(['ok']);
	});

	it('replaces what an earlier file brought, in one go, and keeps the rows set here', async () => {
		await register();
		await store.db.run(
			`INSERT INTO national_agenda (kwestie_key, label, status, set_by, set_at, bron)
			 VALUES ('eigen', 'Eigen', 'ontvangen', 'landelijk@hier.example', '2026-01-01 00:00:00', 'hier')`
		);
		await receiveAgendaFile(store.db, JSON.stringify(issued), RECEIVER);
		const later = sealAndSign<AgendaFile>(
			{ ...issued, issuedAt: '2026-04-01T08:00:00Z', entries: issued.entries.slice(1) },
			national
		);
		expect(await receiveAgendaFile(store.db, JSON.stringify(later), RECEIVER)).toMatchObject({
			ok: true,
			entries: 1,
			replaced: true
		});
		expect((await agendaRows(store.db)).map((r) => [r.key, r.status, r.bron])).toEqual([
			['eigen', 'ontvangen', 'hier'],
			[KEY, 'agenda_ministerie', 'bestand']
		]);
	});

	it('refuses a changed file, resealed or not, and one signed by a key that is not registered', async () => {
		await register();
		const before = await rows();
		const changed = { ...issued, entries: [{ ...issued.entries[1], status: 'maatregel' }] };
		const resealed = { ...changed, sha256: packageHash(changed) };
		const strangers = sealAndSign<AgendaFile>({ ...issued }, stranger);
		// A stranger's signature under the national key's name (the seal leaves the signature out, as in packages).
		const borrowed = { ...strangers, signature: { ...strangers.signature, key: national.publicKey } };
		const cases: [unknown, RegExp][] = [
			[changed, /De SHA-256 van de agenda klopt niet met de inhoud/],
			[
				resealed,
				/De handtekening van de agenda klopt niet met de geregistreerde sleutel van Landelijk programma/
			],
			[strangers, /ondertekend met een sleutel die hier niet is geregistreerd/],
			[borrowed, /De handtekening van de agenda klopt niet/]
		];
		for (const [doc, message] of cases) {
			const received = await receiveAgendaFile(store.db, JSON.stringify(doc), RECEIVER);
			expect(received.ok).toBe(false);
			expect(!received.ok && received.message).toMatch(/^Agenda geweigerd: /);
			expect(!received.ok && received.message).toMatch(message);
		}
		expect(await rows()).toEqual(before);
		expect(await refusals()).toEqual(cases.map(() => 'geweigerd'));
	});

	it('refuses what is no agenda file, of another version, or with a faulty entry', async () => {
		await register();
		const resign = (doc: object) => JSON.stringify(sealAndSign(doc as AgendaFile, national));
		const refused = async (text: string) => {
			const received = await receiveAgendaFile(store.db, text, RECEIVER);
			return received.ok ? 'ok' : received.message.replace('Agenda geweigerd: ', '');
		};
		expect(await refused('{')).toBe('Het bestand is geen geldig JSON-bestand.');
		expect(await refused(resign({ ...issued, soort: 'pakket' }))).toBe(
			'Het bestand is geen landelijke agenda.'
		);
		expect(await refused(resign({ ...issued, version: 2 }))).toBe(
			'De agenda is van versie 2; deze portal leest versie 1.'
		);
		expect(await refused(resign({ ...issued, gemeenten: ['GM0344'] }))).toBe(
			'De agenda bevat een onbekend onderdeel "gemeenten".'
		);
		const { signature: _, ...unsigned } = issued;
		expect(await refused(JSON.stringify({ ...unsigned, sha256: packageHash(unsigned) }))).toBe(
			'De agenda is niet ondertekend.'
		);
		const entry = issued.entries[0];
		const faults: [object, string][] = [
			[{ ...entry, status: 'geagendeerd' }, 'Regel 1 van de agenda heeft een onbekende status.'],
			[
				{ ...entry, toelichting: 'x'.repeat(1001) },
				'Regel 1 van de agenda heeft een toelichting van meer dan 1000 tekens.'
			],
			[{ ...entry, setAt: '2026-01-05T09:00:00+02:00' }, 'Regel 1 van de agenda heeft geen geldig tijdstip.'],
			[{ ...entry, setAt: '2026-02-30T09:00:00Z' }, 'Regel 1 van de agenda heeft geen geldig tijdstip.'],
			[{ ...entry, label: '' }, 'Regel 1 van de agenda noemt geen kwestie.'],
			[{ ...entry, gemeente: 'GM0344' }, 'Regel 1 van de agenda is geen agendaregel.']
		];
		for (const [bad, message] of faults)
			expect(await refused(resign({ ...issued, entries: [bad] }))).toBe(message);
		expect(await rows()).toEqual([]);
	});

	it('refuses a file older than what was read in, and any file once its key is withdrawn', async () => {
		await register();
		await receiveAgendaFile(store.db, JSON.stringify(issued), RECEIVER);
		const before = await rows();
		const older = sealAndSign<AgendaFile>({ ...issued, entries: issued.entries.slice(0, 1) }, national);
		const old = await receiveAgendaFile(store.db, JSON.stringify(older), RECEIVER);
		expect(!old.ok && old.message).toMatch(/ouder dan de agenda die hier al is ingelezen/);
		expect(
			await removeAgendaKey(store.db, { key: national.publicKey, actor: 'beheer@leeuwarden.example' })
		).toBe(true);
		const withdrawn = await receiveAgendaFile(store.db, JSON.stringify(issued), RECEIVER);
		expect(!withdrawn.ok && withdrawn.message).toMatch(/niet is geregistreerd/);
		expect(await rows()).toEqual(before);
	});
});

describe('agenda keys', () => {
	it('takes a name and a key as base64 of 32 bytes; registering again renames', async () => {
		expect(parseAgendaKeyRequest(' ', national.publicKey)).toMatchObject({ ok: false, field: 'naam' });
		expect(parseAgendaKeyRequest('x'.repeat(101), national.publicKey)).toMatchObject({
			ok: false,
			field: 'naam'
		});
		expect(parseAgendaKeyRequest('Landelijk', 'abc')).toEqual({
			ok: false,
			field: 'key',
			message: KEY_MESSAGE
		});
		expect(parseAgendaKeyRequest('  Landelijk   programma ', ` ${national.publicKey} `)).toEqual({
			ok: true,
			naam: 'Landelijk programma',
			key: national.publicKey
		});
		expect(await register()).toEqual({ replaced: false });
		expect(
			await registerAgendaKey(store.db, { naam: 'Maatwerkloket', key: national.publicKey, actor: 'cli' })
		).toEqual({ replaced: true });
		expect((await listAgendaKeys(store.db)).map((k) => [k.naam, k.key, k.registeredBy])).toEqual([
			['Maatwerkloket', national.publicKey, 'cli']
		]);
		expect(await removeAgendaKey(store.db, { key: stranger.publicKey, actor: 'cli' })).toBe(false);
	});
});
