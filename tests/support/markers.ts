/** Two municipalities whose cases carry unique marker strings, as case exports, for tests that look for leaks between them. */

/** The first municipality (the reach of the test users) and the second (never theirs). */
export type Side = 'A' | 'B';

export const GEMEENTE: Record<Side, string> = { A: 'GM0344', B: 'GM0518' };

/**
 * What carries a marker: case fields (`casus`, `samenvatting` are per-case fields; the others are
 * labels, `artikel` a law article named in `wetten`), the fund and the cost post set with the CLI, and what users write
 * (a saved report's text, a kwestie's note).
 */
export const MARKER_KINDS = [
	'kwestie',
	'casus',
	'samenvatting',
	'route',
	'artikel',
	'oplossing',
	'fonds',
	'post',
	'les',
	'notitie'
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** Per-case fields: roles without case access (college, landelijk) never receive these, of either side. */
export const CASE_FIELD_KINDS: readonly MarkerKind[] = ['casus', 'samenvatting'];

/** The marker string of one kind on one side, such as `MARKER-B-kwestie`. */
export function marker(side: Side, kind: MarkerKind): string {
	return `MARKER-${side}-${kind}`;
}

/** Every marker of one side. */
export function markersOf(side: Side): string[] {
	return MARKER_KINDS.map((kind) => marker(side, kind));
}

/** The markers found in a text, compared case-insensitively (pages may fold or capitalise labels). */
export function markersIn(text: string, wanted: readonly string[]): string[] {
	const folded = text.toLowerCase();
	return wanted.filter((m) => folded.includes(m.toLowerCase()));
}

/** Cases per municipality in the export. */
export const CASES_PER_SIDE = 12;

type Row = Record<string, string | undefined>;

/** A `;` CSV as a spreadsheet writes it; the values here hold no `;`, quote or line break. */
function csvText(rows: Row[]): string {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	return (
		[columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))].map((f) => f.join(';')).join('\n') +
		'\n'
	);
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The export of one municipality: 12 cases in 2026 (three in its third quarter), a kwestie label six
 * times and a second one three times (signals), three unlabelled cases with the same summary
 * (suggestions), costs, savings and an advance from the marker fund (budget), two ladder steps, and the
 * columns of version 1.1: decisions, dated steps, questions to partners (unanswered on open cases) and
 * posts of avoided costs.
 */
export function markedExport(side: Side): string {
	const start = Date.UTC(2026, 0, 5);
	const rows: Row[] = [];
	for (let i = 1; i <= CASES_PER_SIDE; i++) {
		const opened = start + (i - 1) * 27 * DAY_MS;
		const closed = i % 3 === 0;
		const kwestie =
			i <= 6 ? marker(side, 'kwestie') : i <= 9 ? `${marker(side, 'kwestie')} tweede` : undefined;
		const samenvatting = kwestie
			? `Toeslag teruggevorderd na verhuizing, geval ${i}. ${marker(side, 'samenvatting')}`
			: `Vaste lasten niet betaald na stopzetting uitkering door gegevensuitwisseling ${marker(side, 'samenvatting')}`;
		rows.push({
			casus_id: `${marker(side, 'casus')}-${String(i).padStart(2, '0')}`,
			gemeente: GEMEENTE[side],
			route: marker(side, 'route'),
			aangemeld_op: isoDay(opened),
			afgerond_op: closed ? isoDay(opened + 20 * DAY_MS) : undefined,
			status: closed ? 'afgerond' : 'open',
			leefgebieden: i % 2 === 0 ? 'financiën|wonen' : 'wonen|verblijf',
			organisaties: i % 2 === 0 ? 'gemeente|Belastingdienst' : 'IND',
			ministeries: i % 2 === 0 ? 'FIN|BZK' : 'JenV',
			wetten: i % 2 === 0 ? `Awir|Pw art. ${marker(side, 'artikel')}` : 'Vw 2000',
			knelpunt: i % 2 === 0 ? '2A' : '3',
			kwestie,
			escalatie: i % 4 === 0 ? 'maatwerkloket' : 'lokale_tafel',
			uitkomst: closed ? 'opgelost' : undefined,
			oplossing: `${marker(side, 'oplossing')}|voorschot`,
			fonds: marker(side, 'fonds'),
			kosten_oplossing: `${i * 100},00`,
			besparing_laag: '2000',
			besparing_hoog: '5000',
			voorgeschoten: i % 4 === 0 ? '100,00' : undefined,
			terug_van: i % 4 === 0 ? 'Belastingdienst' : undefined,
			terugbetaald: i % 4 === 0 ? '50,00' : undefined,
			baten_bij: 'gemeente|woningcorporatie',
			samenvatting,
			besluit_door: i % 4 === 0 ? 'maatwerkloket' : i % 2 === 0 ? 'omo_functionaris' : 'tafel',
			binnen_kaders: i % 3 === 0 ? 'nee' : 'ja',
			instrument: i % 3 === 0 ? 'voorschot|hardheidsclausule' : 'coulance',
			vier_ogen: i % 5 === 0 ? undefined : i % 2 === 0 ? 'ja' : 'nee',
			stappen: [
				`team@${isoDay(opened)}`,
				`lokale_tafel@${isoDay(opened + 5 * DAY_MS)}`,
				...(i % 4 === 0 ? [`maatwerkloket@${isoDay(opened + 10 * DAY_MS)}`] : [])
			].join('|'),
			reacties: `UWV@${isoDay(opened + DAY_MS)}/${closed ? isoDay(opened + 4 * DAY_MS) : ''}|SVB@${isoDay(opened + DAY_MS)}/${isoDay(opened + 2 * DAY_MS)}`,
			vermeden_posten: 'uithuiszetting|maatschappelijke_opvang_maand*2'
		});
	}
	return csvText(rows);
}
