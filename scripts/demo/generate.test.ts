/** Tests of the demo case generator: determinism, validity against the export format, realism and privacy. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/domain/csv';
import { parseGemeenten } from '../../src/lib/domain/gemeenten';
import { fold } from '../../src/lib/domain/text';
import {
	EXPORT_COLUMNS,
	csvLines,
	demoFunds,
	generateDemoCases,
	generateDemoRecords,
	mulberry32,
	toSemicolonCsv,
	type ExportRecord
} from './generate';
import { DEMO_COST_BRON, demoCostTable } from './costs';

function dataFile(relative: string): string {
	return readFileSync(fileURLToPath(new URL(`../../data/${relative}`, import.meta.url)), 'utf8');
}

function codes(list: string): Set<string> {
	return new Set(parseCsv(dataFile(`vocabulary/${list}.csv`)).map((row) => row.code));
}

const VOCAB = {
	leefgebieden: codes('leefgebieden'),
	organisaties: codes('organisaties'),
	ministeries: codes('ministeries'),
	wetten: codes('wetten'),
	knelpunten: codes('knelpunten'),
	escalatie: codes('escalatie'),
	besluitniveaus: codes('besluitniveaus'),
	instrumenten: codes('instrumenten')
};
const ESCALATIE_ORDER = parseCsv(dataFile('vocabulary/escalatie.csv')).map((row) => row.code);
const REGISTER = parseGemeenten(
	dataFile('reference/gemeenten.csv'),
	dataFile('reference/gemeente-aliassen.csv')
);
const DEMO_GEMEENTEN = ['GM0363', 'GM0518', 'GM0344', 'GM0080', 'GM0074', 'GM0479', 'GM0193', 'GM0882'];

const END = '2025-12-31';
const OPTIONS = { cases: 3000, seed: 42, endDate: END };
const RECORDS = generateDemoCases(OPTIONS);

const DAY_MS = 86_400_000;
const END_DAY = Date.UTC(2025, 11, 31) / DAY_MS;
const START_DAY = Date.UTC(2023, 0, 1) / DAY_MS;

/** Epoch day of `DD-MM-YYYY` or `YYYY-MM-DD`, or null for anything else or a date that does not exist. */
function parseDay(value: string): number | null {
	let m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
	let y: number, mo: number, d: number;
	if (m) [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
	else {
		m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		if (!m) return null;
		[y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	}
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
	return date.getTime() / DAY_MS;
}

const AMOUNT = /^(?:\d{1,3}(?:\.\d{3})+|\d+),\d{2}$/;

function parseAmount(value: string): number {
	return Number(value.replace(/\./g, '').replace(',', '.'));
}

function items(value: string): string[] {
	return value === '' ? [] : value.split('|');
}

function gemeenteOf(record: ExportRecord): string {
	return REGISTER.resolve(record.gemeente)?.code ?? '?';
}

function tally<T>(values: Iterable<T>): Map<T, number> {
	const counts = new Map<T, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return counts;
}

function top<T>(counts: Map<T, number>): T {
	return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/** A minimal reader of semicolon CSV with quotes, for the round trip. */
function readSemicolonCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ';') {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

describe('generateDemoCases: the format', () => {
	it('has the 34 columns of case-export.md (versions 1 and 1.1) in its order', () => {
		expect(EXPORT_COLUMNS).toEqual([
			'casus_id',
			'gemeente',
			'route',
			'aangemeld_op',
			'afgerond_op',
			'status',
			'leefgebieden',
			'organisaties',
			'ministeries',
			'wetten',
			'knelpunt',
			'kwestie',
			'escalatie',
			'uitkomst',
			'oplossing',
			'fonds',
			'kosten_oplossing',
			'besparing_laag',
			'besparing_hoog',
			'voorgeschoten',
			'terug_van',
			'terugbetaald',
			'baten_bij',
			'monitoring',
			'monitoring_op',
			'samenvatting',
			'besluit_door',
			'binnen_kaders',
			'instrument',
			'vier_ogen',
			'stappen',
			'reacties',
			'vermeden_posten',
			'kwijtgescholden'
		]);
		for (const record of RECORDS.slice(0, 50)) expect(Object.keys(record)).toEqual([...EXPORT_COLUMNS]);
	});

	it('is deterministic for a seed and differs for another seed', () => {
		expect(generateDemoCases(OPTIONS)).toEqual(RECORDS);
		const other = generateDemoCases({ ...OPTIONS, seed: 43 });
		expect(other).toHaveLength(RECORDS.length);
		expect(other).not.toEqual(RECORDS);
		expect(other.filter((r, i) => r.samenvatting === RECORDS[i].samenvatting).length).toBeLessThan(
			RECORDS.length / 10
		);
	});

	it('streams the same records as it returns', () => {
		const options = { cases: 500, seed: 9, endDate: '2024-06-30', years: 2 };
		expect([...generateDemoRecords(options)]).toEqual(generateDemoCases(options));
	});

	it('yields exactly the requested number of cases', () => {
		for (const cases of [0, 1, 7, 59, 60, 250]) {
			expect(generateDemoCases({ cases, seed: 1, endDate: END })).toHaveLength(cases);
		}
		expect(RECORDS).toHaveLength(3000);
	});

	it('refuses an impossible end date', () => {
		expect(() => generateDemoCases({ cases: 5, seed: 1, endDate: '2025-02-31' })).toThrow();
		expect(() => generateDemoCases({ cases: 5, seed: 1, endDate: '31-12-2025' })).toThrow();
	});

	it('uses a seeded PRNG in [0, 1)', () => {
		const a = mulberry32(123);
		const b = mulberry32(123);
		const values = Array.from({ length: 1000 }, () => a());
		expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		expect(new Set(values).size).toBe(1000);
	});

	it('gives pseudonymous casus_ids, unique per municipality, numbered by year of registration', () => {
		const seen = new Set<string>();
		for (const r of RECORDS) {
			expect(r.casus_id).toMatch(/^[A-Z]{2,3}-\d{4}-\d{4,}$/);
			expect(r.casus_id.slice(-9)).not.toMatch(/^\d{9}$/);
			const key = `${gemeenteOf(r)}|${r.casus_id}`;
			expect(seen.has(key)).toBe(false);
			seen.add(key);
			const day = parseDay(r.aangemeld_op) as number;
			expect(r.casus_id.split('-')[1]).toBe(String(new Date(day * DAY_MS).getUTCFullYear()));
		}
	});

	it('names municipalities as exports do: mostly the GM code, sometimes a name or four digits', () => {
		const forms = tally(
			RECORDS.map((r) =>
				/^GM\d{4}$/.test(r.gemeente) ? 'code' : /^\d{4}$/.test(r.gemeente) ? 'digits' : 'name'
			)
		);
		expect(forms.get('code')! / RECORDS.length).toBeGreaterThan(0.75);
		expect(forms.get('digits')).toBeGreaterThan(10);
		expect(forms.get('name')).toBeGreaterThan(10);
		expect(RECORDS.some((r) => r.gemeente === 'Den Haag')).toBe(true);
		expect(RECORDS.some((r) => r.gemeente === '0344')).toBe(true);
		for (const r of RECORDS) expect(DEMO_GEMEENTEN).toContain(gemeenteOf(r));
	});

	it('holds only vocabulary codes', () => {
		for (const r of RECORDS) {
			const leefgebieden = items(r.leefgebieden);
			expect(leefgebieden.length).toBeGreaterThanOrEqual(1);
			expect(leefgebieden.length).toBeLessThanOrEqual(4);
			expect(new Set(leefgebieden).size).toBe(leefgebieden.length);
			for (const l of leefgebieden) expect(VOCAB.leefgebieden).toContain(l);
			for (const o of items(r.organisaties)) expect(VOCAB.organisaties).toContain(o);
			for (const m of items(r.ministeries)) expect(VOCAB.ministeries).toContain(m);
			for (const w of items(r.wetten)) {
				const m = /^(.+?)(?: art\. [0-9][0-9a-z.:]*)?$/.exec(w);
				expect(VOCAB.wetten).toContain(m?.[1]);
			}
			for (const b of items(r.baten_bij)) expect(VOCAB.organisaties).toContain(b);
			if (r.knelpunt) expect(VOCAB.knelpunten).toContain(r.knelpunt);
			if (r.escalatie) expect(VOCAB.escalatie).toContain(r.escalatie);
			if (r.terug_van) expect(r.terug_van === 'inwoner' || VOCAB.organisaties.has(r.terug_van)).toBe(true);
			expect(['open', 'afgerond', 'ingetrokken']).toContain(r.status);
			expect(['', 'opgelost', 'deels_opgelost', 'niet_opgelost']).toContain(r.uitkomst);
			expect(['', 'duurzaam', 'terugval', 'onbekend']).toContain(r.monitoring);
			expect(r.kwestie.length).toBeLessThanOrEqual(200);
			expect(r.samenvatting.length).toBeLessThanOrEqual(2000);
			expect(r.casus_id.length).toBeLessThanOrEqual(64);
		}
		expect(RECORDS.some((r) => r.wetten.includes('Pw art. 18|Pw art. 20'))).toBe(true);
		expect(RECORDS.some((r) => r.wetten.includes('Awir art. 2|Wht art. 7'))).toBe(true);
		expect(new Set(RECORDS.map((r) => r.knelpunt).filter(Boolean))).toEqual(VOCAB.knelpunten);
	});

	it('writes valid dates in the period, closes a case no earlier than it arrived, and monitors 6-12 months later', () => {
		for (const r of RECORDS) {
			const arrived = parseDay(r.aangemeld_op);
			expect(arrived).not.toBeNull();
			expect(arrived!).toBeGreaterThanOrEqual(START_DAY);
			expect(arrived!).toBeLessThanOrEqual(END_DAY);
			const iso = r.aangemeld_op.includes('-') && r.aangemeld_op.indexOf('-') === 4;
			for (const column of ['afgerond_op', 'monitoring_op'] as const) {
				if (!r[column]) continue;
				expect(r[column].indexOf('-') === 4).toBe(iso);
			}
			if (r.afgerond_op) {
				const closed = parseDay(r.afgerond_op);
				expect(closed).not.toBeNull();
				expect(closed!).toBeGreaterThanOrEqual(arrived!);
				expect(closed!).toBeLessThanOrEqual(END_DAY);
			}
			if (r.monitoring_op) {
				const monitored = parseDay(r.monitoring_op)!;
				const closed = parseDay(r.afgerond_op)!;
				expect(monitored - closed).toBeGreaterThanOrEqual(180);
				expect(monitored - closed).toBeLessThanOrEqual(366);
				expect(monitored).toBeLessThanOrEqual(END_DAY);
			}
		}
		const formats = tally(RECORDS.map((r) => r.aangemeld_op.indexOf('-') === 4));
		expect(formats.get(false)!).toBeGreaterThan(formats.get(true)!);
		expect(formats.get(true)).toBeGreaterThan(50);
	});

	it('keeps status, outcome and monitoring consistent', () => {
		for (const r of RECORDS) {
			if (r.status === 'open') {
				expect(r.uitkomst).toBe('');
				expect(r.afgerond_op).toBe('');
				expect(r.monitoring).toBe('');
				expect(r.monitoring_op).toBe('');
			}
			if (r.uitkomst) expect(r.status).toBe('afgerond');
			if (r.status === 'afgerond') {
				expect(r.uitkomst).not.toBe('');
				expect(r.afgerond_op).not.toBe('');
			}
			expect(r.monitoring === '').toBe(r.monitoring_op === '');
			if (r.monitoring) expect(['opgelost', 'deels_opgelost']).toContain(r.uitkomst);
		}
		const statuses = tally(RECORDS.map((r) => r.status));
		expect(statuses.get('ingetrokken')! / RECORDS.length).toBeLessThan(0.1);
		expect(statuses.get('ingetrokken')).toBeGreaterThan(0);
		const monitoring = tally(RECORDS.map((r) => r.monitoring).filter(Boolean));
		expect(top(monitoring)).toBe('duurzaam');
		expect(monitoring.get('terugval')).toBeGreaterThan(0);
		expect(monitoring.get('onbekend')).toBeGreaterThan(0);
	});

	it('writes amounts the Dutch way and keeps them consistent', () => {
		const money = [
			'kosten_oplossing',
			'besparing_laag',
			'besparing_hoog',
			'voorgeschoten',
			'terugbetaald'
		] as const;
		for (const r of RECORDS) {
			for (const column of money) if (r[column]) expect(r[column]).toMatch(AMOUNT);
			if (r.besparing_laag && r.besparing_hoog) {
				expect(parseAmount(r.besparing_hoog)).toBeGreaterThanOrEqual(parseAmount(r.besparing_laag));
			}
			if (r.voorgeschoten) {
				expect(r.kosten_oplossing).not.toBe('');
				expect(parseAmount(r.voorgeschoten)).toBeLessThanOrEqual(parseAmount(r.kosten_oplossing));
				expect(r.terug_van).not.toBe('');
			} else {
				expect(r.terug_van).toBe('');
				expect(r.terugbetaald).toBe('');
			}
			if (r.terugbetaald)
				expect(parseAmount(r.terugbetaald)).toBeLessThanOrEqual(parseAmount(r.voorgeschoten));
			if (r.kosten_oplossing) expect(r.fonds).not.toBe('');
			if (r.fonds === 'doorpakbudget') expect(parseAmount(r.kosten_oplossing)).toBeLessThan(100);
			if (r.fonds === 'voorkom-erger-potje') expect(parseAmount(r.kosten_oplossing)).toBeLessThanOrEqual(500);
		}
		const costs = RECORDS.filter((r) => r.kosten_oplossing).map((r) => parseAmount(r.kosten_oplossing));
		expect(Math.min(...costs)).toBeLessThan(100);
		expect(Math.max(...costs)).toBeGreaterThan(5_000);
		const savings = RECORDS.filter((r) => r.besparing_hoog).map((r) => parseAmount(r.besparing_hoog));
		expect(Math.max(...savings)).toBeGreaterThan(100_000);
		expect(Math.min(...savings)).toBeLessThan(5_000);
		const solved = RECORDS.filter((r) => r.uitkomst === 'opgelost' || r.uitkomst === 'deels_opgelost');
		expect(solved.filter((r) => r.besparing_laag && r.besparing_hoog).length / solved.length).toBeGreaterThan(
			0.6
		);
		expect(solved.some((r) => !r.besparing_laag && !r.besparing_hoog)).toBe(true);
		expect(solved.some((r) => !r.besparing_laag && r.besparing_hoog)).toBe(true);
		expect(solved.some((r) => r.besparing_laag && !r.besparing_hoog)).toBe(true);
		expect(RECORDS.some((r) => r.terug_van === 'inwoner')).toBe(true);
		expect(RECORDS.some((r) => r.terug_van && r.terug_van !== 'inwoner')).toBe(true);
		expect(RECORDS.some((r) => r.besparing_laag && !r.baten_bij)).toBe(true);
		expect(RECORDS.some((r) => /^\d{1,3}(\.\d{3})+,\d{2}$/.test(r.kosten_oplossing))).toBe(true);
		expect(RECORDS.some((r) => /^\d{4,},\d{2}$/.test(r.kosten_oplossing))).toBe(true);
	});

	it('fills every column in at least some records', () => {
		for (const column of EXPORT_COLUMNS)
			expect(
				RECORDS.some((r) => r[column] !== ''),
				column
			).toBe(true);
	});
});

describe('generateDemoCases: true to life', () => {
	it('orders municipalities by size: Amsterdam most, Heerenveen and Landgraaf fewest', () => {
		const counts = tally(RECORDS.map(gemeenteOf));
		const order = [...counts].sort((a, b) => b[1] - a[1]).map(([code]) => code);
		expect(order[0]).toBe('GM0363');
		expect(order.slice(-2).sort()).toEqual(['GM0074', 'GM0882']);
		expect(counts.size).toBe(8);
	});

	it('uses the routes of each municipality with a consistent escalation step', () => {
		const routes = new Map<string, Set<string>>();
		for (const r of RECORDS) {
			const g = gemeenteOf(r);
			if (!routes.has(g)) routes.set(g, new Set());
			if (r.route) routes.get(g)!.add(r.route);
		}
		expect(routes.get('GM0344')).toContain('Wijktafel Overvecht');
		expect(routes.get('GM0344')).toContain('Bellijst');
		expect(routes.get('GM0518')).toContain('Doorbraaklab');
		expect(routes.get('GM0080')).toContain('Casusteam');
		expect(routes.get('GM0080')).toContain('Maatwerkcoach');
		expect(routes.get('GM0479')).toContain('Team Vangnet');
		expect(routes.get('GM0193')).toContain('Regionaal Expertteam');
		expect(routes.get('GM0882')).toContain('OMO-functionaris');
		expect(routes.get('GM0074')).toContain('Dialoogtafel');
		expect(routes.get('GM0363')).toContain('Doorbraakteam');
		const step = (code: string) => ESCALATIE_ORDER.indexOf(code);
		for (const r of RECORDS) {
			if (!r.escalatie) continue;
			if (
				/^(Wijktafel|Doorbraaklab|Casusteam|Team Vangnet|Regionaal Expertteam|OMO-functionaris|Dialoogtafel)/.test(
					r.route
				)
			) {
				expect(step(r.escalatie)).toBeGreaterThanOrEqual(step('lokale_tafel'));
			}
			if (r.route === 'Portefeuillehouder' || r.route === 'College') {
				expect(step(r.escalatie)).toBeGreaterThanOrEqual(step('bestuurlijk'));
			}
		}
		const escalated = RECORDS.filter((r) => r.escalatie);
		const local =
			escalated.filter((r) => step(r.escalatie) <= step('lokale_tafel')).length / escalated.length;
		expect(local).toBeGreaterThan(0.7);
		expect(local).toBeLessThan(0.9);
		const national =
			escalated.filter((r) => step(r.escalatie) >= step('maatwerkloket')).length / escalated.length;
		expect(national).toBeGreaterThan(0.004);
		expect(national).toBeLessThan(0.03);
	});

	it('makes the Maatwerkloket rare, the LET rarer, and withdraws nearly half the closed loket cases', () => {
		const big = generateDemoCases({ cases: 20_000, seed: 8, endDate: END });
		const loket = big.filter((r) => r.escalatie === 'maatwerkloket');
		const let_ = big.filter((r) => r.escalatie === 'let');
		expect(loket.length / big.length).toBeGreaterThan(0.005);
		expect(loket.length / big.length).toBeLessThan(0.02);
		expect(let_.length).toBeGreaterThan(0);
		expect(let_.length).toBeLessThan(loket.length / 4);
		const closed = loket.filter((r) => r.status !== 'open');
		const withdrawn = closed.filter((r) => r.status === 'ingetrokken').length / closed.length;
		expect(withdrawn).toBeGreaterThan(0.3);
		expect(withdrawn).toBeLessThan(0.6);
	});

	it('lets the Leeuwarden kwaliteitsteam analyse cases, not handle them', () => {
		expect(RECORDS.some((r) => /kwaliteitsteam/i.test(r.route))).toBe(false);
		expect(RECORDS.some((r) => gemeenteOf(r) === 'GM0080' && r.route === 'Casusteam')).toBe(true);
	});

	it('keeps the kassabon of each municipality free of a single dominating estimate', () => {
		const perGemeente = new Map<string, number[]>();
		for (const r of RECORDS) {
			const estimate = r.besparing_hoog || r.besparing_laag;
			if (!estimate) continue;
			const list = perGemeente.get(gemeenteOf(r)) ?? [];
			list.push(parseAmount(estimate));
			perGemeente.set(gemeenteOf(r), list);
		}
		for (const [gemeente, amounts] of perGemeente) {
			const total = amounts.reduce((a, b) => a + b, 0);
			const largest = Math.max(...amounts) / total;
			expect(largest, gemeente).toBeLessThan(amounts.length >= 100 ? 0.1 : 0.2);
		}
	});

	it('has financiën as the most frequent leefgebied and financiën-wonen as the most frequent pair', () => {
		const single = tally(RECORDS.flatMap((r) => items(r.leefgebieden)));
		expect(top(single)).toBe('financiën');
		expect(single.get('financiën')! / RECORDS.length).toBeGreaterThan(0.6);
		const pairs = tally(
			RECORDS.flatMap((r) => {
				const l = items(r.leefgebieden).sort();
				const out: string[] = [];
				for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) out.push(`${l[i]}+${l[j]}`);
				return out;
			})
		);
		expect(top(pairs)).toBe('financiën+wonen');
		expect(RECORDS.some((r) => items(r.leefgebieden).length >= 3)).toBe(true);
	});

	it('involves the gemeente in most cases and ministries only sometimes, VWS most', () => {
		const organisaties = tally(RECORDS.flatMap((r) => items(r.organisaties)));
		expect(organisaties.get('gemeente')! / RECORDS.length).toBeGreaterThan(0.8);
		for (const code of [
			'Belastingdienst',
			'IND',
			'SVB',
			'DUO',
			'UWV',
			'zorgaanbieder',
			'zorgkantoor',
			'woningcorporatie'
		]) {
			expect(organisaties.get(code), code).toBeGreaterThan(0);
		}
		expect(top(tally(RECORDS.flatMap((r) => items(r.ministeries))))).toBe('VWS');
	});

	it('names ministries mostly from the bestuurlijk step up, at the loket sometimes two or more', () => {
		const step = (r: ExportRecord) => ESCALATIE_ORDER.indexOf(r.escalatie);
		const high = RECORDS.filter((r) => step(r) >= ESCALATIE_ORDER.indexOf('bestuurlijk'));
		const low = RECORDS.filter((r) => r.escalatie && step(r) < ESCALATIE_ORDER.indexOf('bestuurlijk'));
		const named = (rs: ExportRecord[]) => rs.filter((r) => r.ministeries).length;
		expect(named(high) / high.length).toBeGreaterThan(0.35);
		expect(named(low) / low.length).toBeLessThan(0.08);
		expect(named(high)).toBeGreaterThan(named(low));
		const loket = RECORDS.filter((r) => r.escalatie === 'maatwerkloket');
		expect(loket.some((r) => items(r.ministeries).length >= 2)).toBe(true);
	});

	it('labels about half the cases with a kwestie, written in varying ways', () => {
		const labelled = RECORDS.filter((r) => r.kwestie);
		expect(labelled.length / RECORDS.length).toBeGreaterThan(0.35);
		expect(labelled.length / RECORDS.length).toBeLessThan(0.65);
		const raw = new Set(labelled.map((r) => r.kwestie));
		const folded = new Set(labelled.map((r) => fold(r.kwestie)));
		expect(raw.size).toBeGreaterThan(folded.size);
		expect(folded).toContain(fold('Huurtoeslag stopt bij adresonderzoek vorige bewoner'));
		expect(folded).toContain(fold('Verblijfsvergunning een dag te laat verlengd'));
		expect(folded).toContain(fold('Geen ID-bewijs, geen hulp'));
		expect(folded).toContain(fold('Jongerennorm bijstand bij jongere zonder verdiencapaciteit'));
	});

	it('keeps most kwestie labels unique: only a handful per municipality reach three in a year', () => {
		const perYear = tally(
			RECORDS.filter((r) => r.kwestie).map(
				(r) => `${gemeenteOf(r)}|${r.casus_id.split('-')[1]}|${fold(r.kwestie)}`
			)
		);
		const labels = tally(RECORDS.filter((r) => r.kwestie).map((r) => `${gemeenteOf(r)}|${fold(r.kwestie)}`));
		const onceOrTwice = [...labels.values()].filter((n) => n <= 2).length;
		expect(onceOrTwice / labels.size).toBeGreaterThan(0.9);
		const reaching = [...perYear]
			.filter(([, n]) => n >= 3)
			.map(([key]) => key.split('|').slice(0, 2).join('|'));
		expect(reaching.length / perYear.size).toBeLessThan(0.05);
		const perGemeenteYear = tally(reaching);
		expect(Math.max(...perGemeenteYear.values())).toBeLessThanOrEqual(8);
		expect(perGemeenteYear.size).toBeGreaterThan(3);
	});

	it('writes solutions mostly in words of their own, so that only a few recur three times in a year', () => {
		const perYear = tally(
			RECORDS.flatMap((r) =>
				items(r.oplossing).map((l) => `${gemeenteOf(r)}|${r.casus_id.split('-')[1]}|${fold(l)}`)
			)
		);
		const reaching = tally(
			[...perYear].filter(([, n]) => n >= 3).map(([key]) => key.split('|').slice(0, 2).join('|'))
		);
		expect(reaching.size).toBeGreaterThan(3);
		expect(Math.max(...reaching.values())).toBeLessThanOrEqual(10);
		expect(reaching.get(`GM0363|2025`)).toBeGreaterThan(0);
	});

	it('lets cases of one kwestie look alike', () => {
		const huurtoeslag = RECORDS.filter(
			(r) => fold(r.kwestie) === fold('Huurtoeslag stopt bij adresonderzoek vorige bewoner')
		);
		expect(huurtoeslag.length).toBeGreaterThan(10);
		for (const r of huurtoeslag) {
			expect(items(r.leefgebieden)).toContain('financiën');
			expect(items(r.leefgebieden)).toContain('wonen');
			expect(items(r.wetten).some((w) => w.startsWith('Wht') || w.startsWith('Awir'))).toBe(true);
		}
		const verblijf = RECORDS.filter(
			(r) => fold(r.kwestie) === fold('Verblijfsvergunning een dag te laat verlengd')
		);
		for (const r of verblijf) {
			expect(items(r.organisaties)).toContain('IND');
			expect(items(r.leefgebieden)).toContain('verblijf');
		}
	});

	it('has kwesties that recur three or more times within 12 months in one municipality, and some only twice', () => {
		const byKey = new Map<string, number[]>();
		for (const r of RECORDS) {
			if (!r.kwestie) continue;
			const key = `${gemeenteOf(r)}|${fold(r.kwestie)}`;
			if (!byKey.has(key)) byKey.set(key, []);
			byKey.get(key)!.push(parseDay(r.aangemeld_op)!);
		}
		const signalled = new Set<string>();
		for (const [key, days] of byKey) {
			days.sort((a, b) => a - b);
			for (let i = 0; i + 2 < days.length; i++)
				if (days[i + 2] - days[i] < 365) signalled.add(key.split('|')[1]);
		}
		expect(signalled.size).toBeGreaterThanOrEqual(3);
		const twice = [...byKey].filter(([, days]) => days.length === 2);
		expect(twice.length).toBeGreaterThanOrEqual(1);

		// Also in a small demo: planted clusters and pairs.
		const small = generateDemoCases({ cases: 200, seed: 5, endDate: END });
		const smallKeys = tally(small.filter((r) => r.kwestie).map((r) => `${gemeenteOf(r)}|${fold(r.kwestie)}`));
		expect([...smallKeys.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(3);
		expect([...smallKeys.values()].some((n) => n === 2)).toBe(true);
	});

	it('has fewer arrivals in July and August and around the new year', () => {
		const big = generateDemoCases({ cases: 20_000, seed: 3, endDate: END });
		const perMonth = new Array(12).fill(0);
		let newYear = 0;
		for (const r of big) {
			const date = new Date(parseDay(r.aangemeld_op)! * DAY_MS);
			perMonth[date.getUTCMonth()]++;
			const m = date.getUTCMonth();
			const d = date.getUTCDate();
			if ((m === 11 && d >= 22) || (m === 0 && d <= 3)) newYear++;
		}
		const rest = [2, 3, 4, 5, 8, 9, 10].reduce((s, m) => s + perMonth[m], 0) / 7;
		expect(perMonth[6]).toBeLessThan(rest * 0.8);
		expect(perMonth[7]).toBeLessThan(rest * 0.8);
		// 13 days around the new year against an average of 13 days elsewhere.
		expect(newYear / 3).toBeLessThan((rest / 30) * 13 * 0.5);
	});

	it('keeps recent cases mostly open and old ones mostly closed, with lead times from days to months', () => {
		const recent = RECORDS.filter((r) => END_DAY - parseDay(r.aangemeld_op)! < 14);
		const old = RECORDS.filter((r) => END_DAY - parseDay(r.aangemeld_op)! > 365);
		expect(recent.length).toBeGreaterThan(0);
		expect(recent.filter((r) => r.status === 'open').length / recent.length).toBeGreaterThan(0.6);
		expect(old.filter((r) => r.status === 'open').length / old.length).toBeLessThan(0.08);
		const leads = RECORDS.filter((r) => r.status === 'afgerond').map(
			(r) => parseDay(r.afgerond_op)! - parseDay(r.aangemeld_op)!
		);
		expect(Math.min(...leads)).toBeLessThanOrEqual(3);
		expect(Math.max(...leads)).toBeGreaterThan(120);
		const national = RECORDS.filter(
			(r) => r.status === 'afgerond' && ['maatwerkloket', 'let'].includes(r.escalatie)
		);
		const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		const lead = (r: ExportRecord) => parseDay(r.afgerond_op)! - parseDay(r.aangemeld_op)!;
		expect(median(national.map(lead))).toBeGreaterThan(median(leads));
	});

	it('uses oplossing labels and the funds of each municipality', () => {
		const labels = new Set(RECORDS.flatMap((r) => items(r.oplossing)));
		for (const label of [
			'voorschot',
			'hardheidsclausule',
			'kwijtschelding',
			'urgentie',
			'fiets',
			'gymkleding',
			'tandartsbehandeling'
		]) {
			expect(labels).toContain(label);
		}
		const funds = demoFunds([2023, 2024, 2025]);
		for (const r of RECORDS) {
			if (!r.fonds || r.fonds === 'regulier') continue;
			const g = gemeenteOf(r);
			expect(
				funds.some((f) => f.gemeente === g && f.name.toLowerCase() === r.fonds.toLowerCase()),
				`${g} ${r.fonds}`
			).toBe(true);
		}
		const used = new Set(RECORDS.map((r) => `${gemeenteOf(r)}|${r.fonds.toLowerCase()}`));
		for (const f of funds)
			expect(used, `${f.gemeente} ${f.name}`).toContain(`${f.gemeente}|${f.name.toLowerCase()}`);
		expect(RECORDS.some((r) => r.fonds === 'regulier')).toBe(true);
	});

	it('holds nothing that looks like personal data', () => {
		const nineDigits = /(?<!\d)\d(?:[ .]?\d){8}(?!\d)/;
		const email = /[\w.+-]+@[\w-]+\.[a-z]{2,}/i;
		const phone = /(?<!\d)(?:\+31|0031|0)[ -]?(?:\d[ -]?){8}\d(?!\d)/;
		const postcode = /\b[1-9]\d{3} ?[a-z]{2}\b[ ,]*\d{1,4}/i;
		const iban = /\b[A-Z]{2}\d{2} ?[A-Z]{4}(?: ?\d{2,4}){3,}/;
		const patterns = { nineDigits, email, phone, postcode, iban };
		const hits: string[] = [];
		const big = generateDemoCases({ cases: 20_000, seed: 11, endDate: END });
		for (const r of [...RECORDS, ...big]) {
			for (const column of EXPORT_COLUMNS) {
				const value = r[column];
				for (const [name, pattern] of Object.entries(patterns)) {
					if (pattern.test(value)) hits.push(`${name} in ${column}: ${value}`);
				}
			}
		}
		expect(hits.slice(0, 10)).toEqual([]);
		// The detectors do catch what they are meant to catch.
		expect(nineDigits.test('bsn 111 222 333')).toBe(true);
		expect(email.test('iemand@example.nl')).toBe(true);
		expect(phone.test('bel 06-12345678')).toBe(true);
		expect(postcode.test('woont op 1234 AB 12')).toBe(true);
		expect(iban.test('NL91 ABNA 0417 1643 00')).toBe(true);
	});
});

/** Working days d with from < d <= to, Monday to Friday (the generator does not skip holidays). */
function workingDays(from: number, to: number): number {
	let n = 0;
	for (let d = from + 1; d <= to; d++) {
		const w = new Date(d * DAY_MS).getUTCDay();
		if (w !== 0 && w !== 6) n++;
	}
	return n;
}

/** `code@date|…` as [code, epoch day] pairs. */
function dated(value: string): [string, number][] {
	return items(value).map((item) => {
		const [code, date] = item.split('@');
		return [code, parseDay(date) as number];
	});
}

/** `org@asked/answered|…` as [org, asked, answered or null]. */
function questions(value: string): [string, number, number | null][] {
	return items(value).map((item) => {
		const [org, rest] = item.split('@');
		const [asked, answered] = rest.split('/');
		return [org, parseDay(asked) as number, answered ? (parseDay(answered) as number) : null];
	});
}

describe('generateDemoCases: version 1.1', () => {
	const step = (code: string) => ESCALATIE_ORDER.indexOf(code);

	it('writes only valid codes and yes/no values, and a decision only where a solution was chosen', () => {
		for (const r of RECORDS) {
			if (r.besluit_door) expect(VOCAB.besluitniveaus).toContain(r.besluit_door);
			for (const i of items(r.instrument)) expect(VOCAB.instrumenten).toContain(i);
			expect(['', 'ja', 'nee']).toContain(r.binnen_kaders);
			expect(['', 'ja', 'nee']).toContain(r.vier_ogen);
			if (!r.oplossing)
				expect([r.besluit_door, r.binnen_kaders, r.instrument, r.vier_ogen].join('')).toBe('');
			if (r.kwijtgescholden) {
				expect(r.kwijtgescholden).toMatch(AMOUNT);
				const left = parseAmount(r.voorgeschoten) - parseAmount(r.terugbetaald || '0');
				expect(parseAmount(r.kwijtgescholden)).toBeLessThanOrEqual(left + 0.001);
			}
		}
	});

	it("itemises avoided costs as post or post*count, with posts from the municipality's demo cost table", () => {
		const withPosts = RECORDS.filter((r) => r.vermeden_posten);
		for (const r of withPosts) {
			const table = new Set(demoCostTable(gemeenteOf(r)).map((c) => c.post));
			for (const i of items(r.vermeden_posten)) {
				expect(i).toMatch(/^[^|*\s]+(\*[1-9]\d*)?$/);
				expect(table, `${r.casus_id}: ${i}`).toContain(fold(i.split('*')[0]));
			}
			expect(['opgelost', 'deels_opgelost']).toContain(r.uitkomst);
		}
		expect(withPosts.some((r) => /\*\d+/.test(r.vermeden_posten))).toBe(true);
		expect(withPosts.some((r) => r.vermeden_posten.includes('|'))).toBe(true);
		expect(withPosts.some((r) => /(^|\|)[A-Z]/.test(r.vermeden_posten))).toBe(true);
	});

	it('gives posts to about a quarter of the solved cases: mostly as the kassabon itself, a few beside an estimate that differs', () => {
		const solved = RECORDS.filter((r) => r.uitkomst === 'opgelost' || r.uitkomst === 'deels_opgelost');
		const withPosts = solved.filter((r) => r.vermeden_posten);
		const share = withPosts.length / solved.length;
		expect(share).toBeGreaterThan(0.15);
		expect(share).toBeLessThan(0.35);
		const explicit = withPosts.filter((r) => r.besparing_laag || r.besparing_hoog);
		expect(explicit.length).toBeGreaterThan(0);
		expect(explicit.length).toBeLessThan((withPosts.length - explicit.length) * 0.8);
		// The posts priced at the demo table, low: where they itemise an estimate they differ from it, within reason.
		const pricedLow = (r: ExportRecord) => {
			const table = new Map(demoCostTable(gemeenteOf(r)).map((c) => [c.post, c.low]));
			return items(r.vermeden_posten).reduce((sum, i) => {
				const [post, count = '1'] = i.split('*');
				return sum + table.get(fold(post))! * Number(count);
			}, 0);
		};
		const ratios = explicit
			.filter((r) => r.besparing_laag)
			.map((r) => pricedLow(r) / parseAmount(r.besparing_laag));
		expect(ratios.some((q) => q !== 1)).toBe(true);
		expect(ratios.filter((q) => q > 0.25 && q < 4).length).toBeGreaterThan(ratios.length * 0.7);
	});

	it('keeps the demo cost table illustrative, plausible and the same for every post in each demo municipality', () => {
		const posts = demoCostTable('GM0363').map((c) => c.post);
		expect(posts).toEqual(
			expect.arrayContaining([
				'maatschappelijke_opvang_maand',
				'huisuitzetting',
				'uithuisplaatsing_maand',
				'schuldhulpverlening_traject',
				'crisisopvang_nacht'
			])
		);
		expect(DEMO_COST_BRON).toMatch(/^Illustratief/);
		for (const code of DEMO_GEMEENTEN) {
			const table = demoCostTable(code);
			expect(
				table.map((c) => c.post),
				code
			).toEqual(posts);
			for (const c of table) {
				expect(fold(c.post)).toBe(c.post);
				expect(Number.isInteger(c.low) && c.low > 0 && c.low < c.high).toBe(true);
			}
		}
		expect(demoCostTable('GM0363')[0].low).toBeGreaterThan(demoCostTable('GM0882')[0].low);
		expect(demoCostTable('GM9999')).toEqual([]);
	});

	it('lets the decider match the step reached', () => {
		const allowed: Record<string, string[]> = {
			team: ['professional', 'teamleider'],
			maatwerkcoach: ['professional', 'teamleider', 'omo_functionaris'],
			lokale_tafel: ['tafel', 'omo_functionaris', 'teamleider', 'management'],
			bestuurlijk: ['portefeuillehouder', 'college', 'management'],
			maatwerkloket: ['maatwerkloket'],
			let: ['let']
		};
		const escalated = RECORDS.filter((r) => r.besluit_door && r.escalatie);
		for (const r of escalated) expect(allowed[r.escalatie], r.escalatie).toContain(r.besluit_door);
		const deciders = tally(escalated.map((r) => r.besluit_door));
		for (const code of ['professional', 'tafel', 'omo_functionaris', 'portefeuillehouder', 'college'])
			expect(deciders.get(code), code).toBeGreaterThan(0);
	});

	it('stays within the kaders mostly low on the ladder, less often higher up; four eyes mostly at the table and above', () => {
		const share = (rs: ExportRecord[], column: 'binnen_kaders' | 'vier_ogen') => {
			const given = rs.filter((r) => r[column]);
			return given.filter((r) => r[column] === 'ja').length / given.length;
		};
		const low = RECORDS.filter((r) => r.escalatie && step(r.escalatie) <= step('maatwerkcoach'));
		const table = RECORDS.filter((r) => r.escalatie && step(r.escalatie) >= step('lokale_tafel'));
		const high = RECORDS.filter((r) => r.escalatie && step(r.escalatie) >= step('bestuurlijk'));
		expect(share(low, 'binnen_kaders')).toBeGreaterThan(0.75);
		expect(share(high, 'binnen_kaders')).toBeLessThan(0.6);
		expect(share(table, 'vier_ogen')).toBeGreaterThan(0.8);
		expect(share(low, 'vier_ogen')).toBeLessThan(0.6);
	});

	it('names the instruments of the solutions, and one that deviates where the decision left the kaders', () => {
		const instrumentFor: Record<string, string> = {
			voorschot: 'voorschot',
			overbruggingsprocedure: 'overbruggingsprocedure',
			kwijtschelding: 'kwijtschelding',
			urgentie: 'urgentie',
			hardheidsclausule: 'hardheidsclausule'
		};
		for (const r of RECORDS) {
			// A label is its kind, or its kind followed by what made it this case's solution.
			for (const label of items(r.oplossing))
				for (const [kind, instrument] of Object.entries(instrumentFor))
					if (label === kind || label.startsWith(`${kind} `))
						expect(items(r.instrument)).toContain(instrument);
			if (r.binnen_kaders === 'nee') expect(r.instrument).not.toBe('');
			if (items(r.instrument).includes('hardheidsclausule') && r.binnen_kaders)
				expect(r.binnen_kaders).toBe('nee');
		}
		const used = new Set(RECORDS.flatMap((r) => items(r.instrument)));
		for (const code of [
			'voorschot',
			'overbruggingsprocedure',
			'kwijtschelding',
			'urgentie',
			'hardheidsclausule'
		])
			expect(used).toContain(code);
	});

	it('dates the steps in order, within aangemeld_op and afgerond_op, up to the escalatie step', () => {
		let filled = 0;
		for (const r of RECORDS) {
			const timeline = dated(r.stappen);
			if (timeline.length === 0) continue;
			filled++;
			for (const [code, day] of timeline) {
				expect(VOCAB.escalatie).toContain(code);
				expect(day).not.toBeNull();
			}
			for (let i = 1; i < timeline.length; i++) {
				expect(timeline[i][1]).toBeGreaterThanOrEqual(timeline[i - 1][1]);
				expect(step(timeline[i][0])).toBeGreaterThan(step(timeline[i - 1][0]));
			}
			expect(timeline[0][1]).toBe(parseDay(r.aangemeld_op));
			if (r.afgerond_op) expect(timeline.at(-1)![1]).toBeLessThanOrEqual(parseDay(r.afgerond_op)!);
			if (r.escalatie) expect(timeline.at(-1)![0]).toBe(r.escalatie);
		}
		expect(filled / RECORDS.length).toBeGreaterThan(0.8);
		expect(RECORDS.some((r) => dated(r.stappen).length >= 3)).toBe(true);
	});

	it('asks the organisations involved, answered mostly within 1-3 working days, some later, some open past the promise', () => {
		const answered: number[] = [];
		let openPastPromise = 0;
		for (const r of RECORDS) {
			for (const [org, asked, answer] of questions(r.reacties)) {
				expect(VOCAB.organisaties).toContain(org);
				expect(items(r.organisaties)).toContain(org);
				expect(asked).toBeGreaterThanOrEqual(parseDay(r.aangemeld_op)!);
				if (r.afgerond_op) expect(asked).toBeLessThanOrEqual(parseDay(r.afgerond_op)!);
				if (answer === null) {
					if (r.status === 'open' && workingDays(asked, END_DAY) > 2) openPastPromise++;
					continue;
				}
				expect(answer).toBeGreaterThanOrEqual(asked);
				if (r.afgerond_op) expect(answer).toBeLessThanOrEqual(parseDay(r.afgerond_op)!);
				answered.push(workingDays(asked, answer));
			}
		}
		expect(answered.length).toBeGreaterThan(500);
		const quick = answered.filter((d) => d >= 1 && d <= 3).length / answered.length;
		expect(quick).toBeGreaterThan(0.5);
		expect(answered.filter((d) => d > 3).length / answered.length).toBeGreaterThan(0.1);
		expect(openPastPromise).toBeGreaterThan(0);
	});
});

describe('demoFunds', () => {
	it('gives each municipality its funds per year with the known budgets', () => {
		const funds = demoFunds([2024, 2025]);
		const find = (g: string, name: string, year: number) =>
			funds.find((f) => f.gemeente === g && f.name.toLowerCase() === name.toLowerCase() && f.year === year);
		expect(find('GM0344', 'OMO-fonds', 2024)?.budget).toBe(500_000);
		expect(find('GM0344', 'voorkom-erger-potje', 2025)).toBeDefined();
		expect(find('GM0882', 'stelpost', 2024)?.budget).toBe(50_000);
		expect(find('GM0882', 'stelpost', 2025)?.budget).toBe(50_000);
		expect(find('GM0518', 'doorbraakbudget', 2025)).toBeDefined();
		expect(find('GM0363', 'Doorbraakfonds', 2025)).toBeDefined();
		expect(find('GM0080', 'doorpakbudget', 2025)).toBeDefined();
		expect(find('GM0080', 'maatwerkmiddelen', 2025)).toBeDefined();
		expect(find('GM0479', 'maatwerkbudget', 2025)).toBeDefined();
		expect(find('GM0193', 'maatwerkbudget', 2025)).toBeDefined();
		expect(funds.some((f) => f.gemeente === 'GM0074')).toBe(true);
		expect(new Set(funds.map((f) => f.gemeente))).toEqual(new Set(DEMO_GEMEENTEN));
		for (const f of funds) {
			expect([2024, 2025]).toContain(f.year);
			expect(f.budget).toBeGreaterThan(0);
		}
		expect(demoFunds([])).toEqual([]);
	});
});

describe('toSemicolonCsv', () => {
	it('writes a header and one row per record that read back to the same values', () => {
		const text = toSemicolonCsv(RECORDS);
		expect(text.charCodeAt(0)).not.toBe(0xfeff);
		expect(text.split('\n')[0]).toBe(EXPORT_COLUMNS.join(';'));
		const rows = readSemicolonCsv(text);
		expect(rows).toHaveLength(RECORDS.length + 1);
		for (let i = 0; i < RECORDS.length; i++) {
			expect(rows[i + 1]).toEqual(EXPORT_COLUMNS.map((c) => RECORDS[i][c]));
		}
	});

	it('quotes fields holding ; " or a newline, and only those', () => {
		const base = RECORDS[0];
		const record: ExportRecord = {
			...base,
			samenvatting: 'Eerste regel; met "aanhalingstekens"\nen een tweede regel',
			route: 'Wijktafel Overvecht'
		};
		const text = toSemicolonCsv([record]);
		expect(text).toContain('"Eerste regel; met ""aanhalingstekens""\nen een tweede regel"');
		expect(text).toContain(';Wijktafel Overvecht;');
		expect(readSemicolonCsv(text)[1]).toEqual(EXPORT_COLUMNS.map((c) => record[c]));
		expect(RECORDS.some((r) => /[;"\n]/.test(r.samenvatting))).toBe(true);
	});

	it('streams the same lines as it writes', () => {
		const some = RECORDS.slice(0, 100);
		expect([...csvLines(some)].map((line) => line + '\n').join('')).toBe(toSemicolonCsv(some));
		expect(toSemicolonCsv([])).toBe(EXPORT_COLUMNS.join(';') + '\n');
	});
});

describe('performance', () => {
	it('generates and serialises 200,000 cases in a few seconds', () => {
		const started = performance.now();
		let count = 0;
		let length = 0;
		for (const line of csvLines(generateDemoRecords({ cases: 200_000, seed: 99, endDate: END }))) {
			count++;
			length += line.length;
		}
		const seconds = (performance.now() - started) / 1000;
		expect(count).toBe(200_001);
		expect(length).toBeGreaterThan(200_000 * 100);
		expect(seconds).toBeLessThan(20);
	}, 60_000);
});
