/** The melding to the national programme on a real DuckDB file: its figures, anonymised examples by role, the scrub and the printable HTML. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import {
	addNote,
	changeKwestie,
	findKwestie,
	kwestieKey,
	NATIONAL_SCOPE,
	registerKwesties
} from './kwesties';
import {
	escalationDocument,
	escalationHtml,
	escapeHtml,
	scrubText,
	type EscalationDocument
} from './escalation';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 3,
	email: `${role}@leeuwarden.example`,
	role,
	reach
});

const LABEL = 'Huur & <toeslag> bij "vorige" bewoner';
const KEY = kwestieKey(LABEL);
const TODAY = '2025-12-31';
const huur = (casusId: string, overrides: Record<string, string>) =>
	caseRow(casusId, { kwestie: LABEL, leefgebieden: 'wonen', ...overrides });

let store: Store;
let local: number;
let national: number;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		huur('HUUR-A', {
			aangemeld_op: '2024-03-10',
			status: 'afgerond',
			leefgebieden: 'wonen|financiën',
			wetten: 'Wht art. 7|Awir',
			organisaties: 'Belastingdienst|woningcorporatie',
			knelpunt: '2B',
			escalatie: 'lokale_tafel',
			uitkomst: 'niet_opgelost',
			oplossing: 'voorschot|Hardheidsclausule',
			kosten_oplossing: '500,00',
			besparing_laag: '1.000,00',
			besparing_hoog: '3.000,00',
			samenvatting: 'Vorige bewoner niet uitgeschreven; toeslag teruggevorderd.'
		}),
		huur('HUUR-B', {
			aangemeld_op: '2024-07-02',
			status: 'afgerond',
			leefgebieden: 'financiën',
			wetten: 'Wht art. 7|Wet BRP',
			organisaties: 'Belastingdienst',
			knelpunt: '2B',
			escalatie: 'maatwerkloket',
			uitkomst: 'deels_opgelost',
			oplossing: 'Voorschot',
			kosten_oplossing: '250,50',
			samenvatting: 'Landelijk loket vroeg de Belastingdienst om herziening.'
		}),
		huur('HUUR-C', {
			aangemeld_op: '2025-01-20',
			wetten: 'Wht',
			organisaties: 'gemeente',
			knelpunt: '4',
			escalatie: 'maatwerkcoach'
		}),
		huur('HUUR-D', {
			aangemeld_op: '2025-02-11',
			status: 'afgerond',
			escalatie: 'team',
			uitkomst: 'opgelost',
			samenvatting: 'Huurachterstand opgelopen.'
		}),
		huur('HUUR-E', { aangemeld_op: '2025-03-05', wetten: 'Wht art. 8', samenvatting: 'Zonder trede.' }),
		huur('HUUR-U', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-04-01',
			escalatie: 'let',
			samenvatting: 'Alleen in Utrecht.'
		}),
		caseRow('ANDERS-1', { kwestie: 'Iets anders', escalatie: 'let', samenvatting: 'Andere kwestie.' })
	]);
	expect(result.status).toBe('imported');
	// A summary that slipped past the import's checks (an older import, a hand edit): the scrub is the last net.
	await store.db.run(
		`UPDATE cases SET samenvatting = 'Mail j.jansen@example.nl of bel 06 123 456 78 <script>x</script>' WHERE casus_id = 'HUUR-D'`
	);
	const ids = await registerKwesties(store.db, [
		{ scope: 'GM0080', key: KEY, label: LABEL },
		{ scope: NATIONAL_SCOPE, key: KEY, label: LABEL }
	]);
	local = ids.get(`GM0080|${KEY}`)!;
	national = ids.get(`${NATIONAL_SCOPE}|${KEY}`)!;
	const kt = user('kwaliteitsteam');
	await changeKwestie(store.db, kt, local, {
		status: 'maatregel',
		owner: 'Team Wonen',
		urgency: 'hoog',
		agenda: 'landelijk',
		rule: 'Wht art. 7: huurtoeslag bij ingeschreven medebewoner',
		measure: 'Afspraak met Toeslagen over uitschrijving',
		measureOn: '2024-09-01'
	});
	await addNote(store.db, kt, local, 'Besproken met de Belastingdienst.');
	await addNote(store.db, user('beleid'), local, 'Ook gezien bij schuldhulp.');
});

afterAll(() => closeTempStore(store));

const documentFor = async (id: number, who: SessionUser) =>
	escalationDocument(store.db, who, (await findKwestie(store.db, id))!, TODAY);

describe('the melding document', () => {
	let doc: EscalationDocument;
	beforeAll(async () => {
		doc = await documentFor(local, user('kwaliteitsteam'));
	});

	it('describes the kwestie, its municipality, period, counts and money from its own cases only', () => {
		expect(doc).toMatchObject({
			version: 1,
			kwestie: {
				label: LABEL,
				status: 'maatregel',
				statusName: 'Maatregel genomen',
				rule: 'Wht art. 7: huurtoeslag bij ingeschreven medebewoner',
				measure: 'Afspraak met Toeslagen over uitschrijving',
				measureOn: '2024-09-01',
				agenda: 'landelijk'
			},
			gemeente: { code: 'GM0080', naam: 'Leeuwarden' },
			period: { first: '2024-03-10', last: '2025-03-05' },
			cases: 5,
			gemeenten: 1,
			money: { spent: 750.5, savingsLow: 1000, savingsHigh: 3000 },
			generatedBy: 'kwaliteitsteam'
		});
		expect(Object.keys(doc.kwestie).sort()).toEqual(
			['agenda', 'label', 'measure', 'measureOn', 'rule', 'status', 'statusName'].sort()
		);
		expect(Date.parse(doc.generatedAt)).not.toBeNaN();
	});

	it('names the laws, articles, organisations, leefgebieden and knelpunten with their level', () => {
		expect(doc.laws).toEqual([
			{ code: 'Wht', naam: 'Wet op de huurtoeslag', cases: 4 },
			{ code: 'Awir', naam: 'Algemene wet inkomensafhankelijke regelingen', cases: 1 },
			{ code: 'Wet BRP', naam: 'Wet basisregistratie personen', cases: 1 }
		]);
		expect(doc.articles).toEqual([
			{ code: 'Wht art. 7', cases: 2 },
			{ code: 'Wht art. 8', cases: 1 }
		]);
		expect(doc.organisations.map((o) => [o.code, o.cases])).toEqual([
			['Belastingdienst', 2],
			['gemeente', 1],
			['woningcorporatie', 1]
		]);
		expect(doc.leefgebieden.map((l) => [l.code, l.cases])).toEqual([
			['wonen', 4],
			['financiën', 2]
		]);
		expect(doc.knelpunten).toEqual([
			{
				code: '2B',
				niveau: 'macro',
				naam: expect.stringContaining('bewuste keuze van de wetgever'),
				cases: 2
			},
			{ code: '4', niveau: 'meso', naam: expect.stringContaining('Eén ding verstopt'), cases: 1 }
		]);
	});

	it('tells what was tried locally: the ladder, the solutions, outcomes, the measure and its effect, the notes', () => {
		expect(doc.triedLocally.escalatieSteps.map((s) => [s.trede, s.code, s.cases])).toEqual([
			[1, 'team', 1],
			[2, 'maatwerkcoach', 1],
			[3, 'lokale_tafel', 1],
			[4, 'bestuurlijk', 0],
			[5, 'maatwerkloket', 1],
			[6, 'let', 0]
		]);
		expect(doc.triedLocally.withoutStep).toBe(1);
		expect(doc.triedLocally.oplossingen).toEqual([
			{ oplossing: 'voorschot', cases: 2 },
			{ oplossing: 'hardheidsclausule', cases: 1 }
		]);
		expect(doc.triedLocally.outcomes).toEqual({ opgelost: 1, deels_opgelost: 1, niet_opgelost: 1, open: 2 });
		expect(doc.triedLocally.measure).toEqual({
			description: 'Afspraak met Toeslagen over uitschrijving',
			on: '2024-09-01'
		});
		// Measure in 2024-Q3: the two quarters before (2024-Q1 and Q2: 1 case) against the two after (2024-Q4, 2025-Q1: 3).
		expect(doc.triedLocally.effect).toEqual({
			quarters: 2,
			before: 1,
			after: 3,
			perQuarterBefore: 0.5,
			perQuarterAfter: 1.5
		});
		expect(doc.triedLocally.notes).toBe(2);
	});

	it('gives at most three examples, furthest up the ladder first, with the month only and scrubbed summaries', () => {
		expect(doc.examples).toEqual([
			{
				aangemeld_op: '2024-07',
				escalatie: 'maatwerkloket',
				samenvatting: 'Landelijk loket vroeg de Belastingdienst om herziening.'
			},
			{
				aangemeld_op: '2024-03',
				escalatie: 'lokale_tafel',
				samenvatting: 'Vorige bewoner niet uitgeschreven; toeslag teruggevorderd.'
			},
			{
				aangemeld_op: '2025-02',
				escalatie: 'team',
				samenvatting: 'Mail [weggelaten] of bel [weggelaten] <script>x</script>'
			}
		]);
		expect(Object.keys(doc.examples[0]).sort()).toEqual(['aangemeld_op', 'escalatie', 'samenvatting']);
		const text = JSON.stringify(doc);
		for (const secret of ['HUUR-', 'Alleen in Utrecht', 'Andere kwestie', 'GM0344', 'example.nl', '@']) {
			expect(text).not.toContain(secret);
		}
		// Notes are counted, never copied: they may name colleagues or partners.
		expect(text).not.toContain('Besproken met');
	});

	it('leaves examples out for roles without case-level reach', async () => {
		const college = await documentFor(local, user('college'));
		expect(college.examples).toEqual([]);
		expect(college.cases).toBe(5);
		expect(college.generatedBy).toBe('college');
	});

	it('counts a national kwestie over the municipalities in reach; landelijk sees no examples', async () => {
		const landelijk = await documentFor(national, user('landelijk', { all: true }));
		expect(landelijk).toMatchObject({ gemeente: null, cases: 6, gemeenten: 2, examples: [] });
		expect(landelijk.triedLocally.escalatieSteps.find((s) => s.code === 'let')?.cases).toBe(1);
		const beheerder = await documentFor(national, user('beheerder', { all: true }));
		expect(beheerder.examples.map((e) => e.escalatie)).toEqual(['let', 'maatwerkloket', 'lokale_tafel']);
		expect(beheerder.triedLocally.notes).toBe(0);
	});
});

describe('scrubText', () => {
	it('masks e-mail addresses and digit runs of six or more, also grouped ones, and keeps ordinary numbers', () => {
		expect(scrubText('bsn 123456782 en 123.456.782 en 123 456 782')).toBe(
			'bsn [weggelaten] en [weggelaten] en [weggelaten]'
		);
		expect(scrubText('geboren 01-02-1990, tel 0612345678')).toBe('geboren [weggelaten], tel [weggelaten]');
		expect(scrubText('schrijf naar a.b@c.nl of x+y@sub.example.org.')).toBe(
			'schrijf naar [weggelaten] of [weggelaten].'
		);
		expect(scrubText('3 keer in 2024, € 125.000 schuld, 12345 en 1.250,50')).toBe(
			'3 keer in 2024, € 125.000 schuld, 12345 en 1.250,50'
		);
		expect(scrubText('kenmerk 123456')).toBe('kenmerk [weggelaten]');
	});
});

describe('the printable HTML', () => {
	let html: string;
	let doc: EscalationDocument;
	beforeAll(async () => {
		doc = await documentFor(local, user('kwaliteitsteam'));
		html = escalationHtml(doc);
	});

	it('is a complete Dutch HTML5 document for A4 with page numbers and nothing external', () => {
		expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
		expect(html.trimEnd().endsWith('</html>')).toBe(true);
		expect(html).toContain('<meta charset="utf-8">');
		expect(html).toMatch(/@page \{ size: A4; margin: [^;]+;/);
		expect(html).toContain('counter(page)');
		expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
		expect(html).not.toMatch(/(src|href)=|url\(|@import/i);
	});

	it('escapes every text, the label and the summaries included', () => {
		expect(html).toContain(`<h1>Melding aan het landelijk programma: ${escapeHtml(LABEL)}</h1>`);
		expect(html).toContain('Huur &amp; &lt;toeslag&gt; bij &quot;vorige&quot; bewoner');
		expect(html).not.toContain('<toeslag>');
		expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
	});

	it('shows the figures in Dutch formats', () => {
		expect(html).toContain('<dt>Casussen</dt><dd>5</dd>');
		expect(html).toContain('<dt>Aangemeld</dt><dd>10-03-2024 tot en met 05-03-2025</dd>');
		expect(html).toMatch(/<dd>€\s750,50<\/dd>/);
		expect(html).toMatch(/€\s1\.000,00 tot €\s3\.000,00/);
		expect(html).toContain('juli 2024');
		expect(html).toContain('5. Landelijk Maatwerkloket Multiproblematiek');
		expect(html).toContain('Maatregel (per 01-09-2024)');
		expect(html).toContain('0,5 per kwartaal');
	});

	it('gives every table a caption and every header cell a scope, headings in order', () => {
		const tables = html.match(/<table>/g) ?? [];
		expect(tables.length).toBeGreaterThanOrEqual(8);
		expect((html.match(/<caption>/g) ?? []).length).toBe(tables.length);
		expect(html.match(/<th(?![^>]*scope="(col|row)")[ >]/g)).toBeNull();
		const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
		expect(levels[0]).toBe(1);
		for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
	});

	it('says why there are no examples for a role without case-level reach', async () => {
		const college = escalationHtml(await documentFor(local, user('college')));
		expect(college).toContain('uw rol ziet geen casussen');
		expect(college).not.toContain('Voorbeeld 1');
		expect(html).toContain('Voorbeeld 3');
	});
});
