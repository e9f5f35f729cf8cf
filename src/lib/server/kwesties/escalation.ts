/** The melding of a kwestie to the national programme (Maatwerkloket): an anonymised JSON document and its printable HTML. */
import {
	AGENDA_NAMES,
	STATUS_NAMES,
	type AgendaTarget,
	type KwestieStatus,
	type KwestieSummary
} from '$lib/domain/kwesties';
import { formatCount, formatDate, formatDateTime, formatDecimal, formatEuro } from '$lib/domain/format';
import { capabilities, ROLE_LABELS, type Role, type SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_KWESTIES } from './case-kwesties';
import { KWESTIE_CASES, kwestieCaseParams, kwestieDetail, type Effect, type Named } from './detail';
import { NATIONAL_SCOPE } from './kwesties';

export const EXAMPLE_LIMIT = 3;

export interface EscalationExample {
	/** Month of aanmelding only, `YYYY-MM`. */
	aangemeld_op: string;
	/** Code of the highest escalation step the case reached. */
	escalatie: string | null;
	/** The case's summary after `scrubText`. */
	samenvatting: string;
}

export interface EscalationStep {
	code: string;
	trede: number;
	naam: string;
	/** Cases whose highest step was this one. */
	cases: number;
}

export interface EscalationDocument {
	version: 1;
	kwestie: {
		label: string;
		status: KwestieStatus;
		statusName: string;
		rule: string | null;
		measure: string | null;
		measureOn: string | null;
		agenda: AgendaTarget | null;
	};
	/** The municipality whose kwestie this is; null for a kwestie of the national programme. */
	gemeente: { code: string; naam: string } | null;
	period: { first: string | null; last: string | null };
	cases: number;
	gemeenten: number;
	laws: Named[];
	articles: { code: string; cases: number }[];
	organisations: Named[];
	leefgebieden: Named[];
	knelpunten: { code: string; niveau: string | null; naam: string; cases: number }[];
	money: { spent: number; savingsLow: number; savingsHigh: number };
	/** At most three, and only for roles with case-level reach. */
	examples: EscalationExample[];
	triedLocally: {
		/** Every step of the ladder, in order, with the cases that got that far and no further. */
		escalatieSteps: EscalationStep[];
		/** Cases that do not say which step they reached. */
		withoutStep: number;
		oplossingen: { oplossing: string; cases: number }[];
		outcomes: { opgelost: number; deels_opgelost: number; niet_opgelost: number; open: number };
		measure: { description: string; on: string | null } | null;
		effect: Effect | null;
		notes: number;
	};
	generatedAt: string;
	generatedBy: Role;
}

const MASK = '[weggelaten]';

/**
 * Last safety net over text the import already checked: masks e-mail-like strings and digit runs
 * of six or more (also when grouped with spaces, dots, hyphens or slashes into eight or more digits,
 * as a BSN, phone number or date of birth is written). Amounts such as 125.000 stay.
 */
export function scrubText(text: string): string {
	return text
		.replace(/[^\s@<>()[\]"',;:]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]+/gu, MASK)
		.replace(/\d+(?:[ ./-]\d+)*/g, (run) => {
			const digits = run.replace(/\D/g, '').length;
			const longest = Math.max(...run.split(/\D/).map((part) => part.length));
			return longest >= 6 || digits >= 8 ? MASK : run;
		});
}

export async function escalationDocument(
	db: Database,
	user: SessionUser,
	kwestie: KwestieSummary,
	today: string
): Promise<EscalationDocument> {
	const params = kwestieCaseParams(kwestie, user);
	const where = KWESTIE_CASES;
	const [detail, steps, oplossingen, outcomes, notes, examples] = await Promise.all([
		kwestieDetail(db, user, kwestie, today),
		db.all<{ code: string | null; cases: number }>(
			`SELECT escalatie AS code, count(*)::INTEGER AS cases FROM ${CASE_KWESTIES} c WHERE ${where} GROUP BY escalatie`,
			params
		),
		db.all<{ oplossing: string; cases: number }>(
			`SELECT oplossing, count(*)::INTEGER AS cases FROM (
				SELECT unnest(list_distinct(list_transform(oplossing, o -> lower(trim(o))))) AS oplossing
				FROM ${CASE_KWESTIES} c WHERE ${where})
			 WHERE oplossing <> '' GROUP BY oplossing ORDER BY cases DESC, oplossing`,
			params
		),
		db.one<EscalationDocument['triedLocally']['outcomes']>(
			`SELECT count(*) FILTER (WHERE uitkomst = 'opgelost')::INTEGER AS opgelost,
				count(*) FILTER (WHERE uitkomst = 'deels_opgelost')::INTEGER AS deels_opgelost,
				count(*) FILTER (WHERE uitkomst = 'niet_opgelost')::INTEGER AS niet_opgelost,
				count(*) FILTER (WHERE status = 'open')::INTEGER AS open
			 FROM ${CASE_KWESTIES} c WHERE ${where}`,
			params
		),
		db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kwestie_notes WHERE kwestie_id = $id', {
			id: kwestie.id
		}),
		capabilities(user.role).caseLevel
			? db.all<EscalationExample>(
					// Cases that got furthest up the ladder first: they show best what was tried before escalating.
					`SELECT strftime(c.aangemeld_op, '%Y-%m') AS aangemeld_op, c.escalatie, c.samenvatting
					 FROM ${CASE_KWESTIES} c
					 LEFT JOIN vocabulary v ON v.dimension = 'escalatie' AND v.code = c.escalatie
					 WHERE ${where} AND trim(coalesce(c.samenvatting, '')) <> ''
					 ORDER BY v.position DESC NULLS LAST, c.aangemeld_op DESC, c.id
					 LIMIT ${EXAMPLE_LIMIT}`,
					params
				)
			: Promise.resolve([])
	]);

	const { vocabularies, gemeenten } = reference();
	const stepCount = (code: string | null) => steps.find((s) => s.code === code)?.cases ?? 0;
	return {
		version: 1,
		kwestie: {
			label: kwestie.label,
			status: kwestie.status,
			statusName: STATUS_NAMES[kwestie.status],
			rule: kwestie.rule,
			measure: kwestie.measure,
			measureOn: kwestie.measureOn,
			agenda: kwestie.agenda
		},
		gemeente:
			kwestie.scope === NATIONAL_SCOPE ? null : { code: kwestie.scope, naam: gemeenten.naam(kwestie.scope) },
		period: { first: detail.first, last: detail.last },
		cases: detail.cases,
		gemeenten: detail.gemeenten,
		laws: detail.involved.wetten,
		articles: detail.involved.artikelen.map(({ code, cases }) => ({ code, cases })),
		organisations: detail.involved.organisaties,
		leefgebieden: detail.involved.leefgebieden,
		knelpunten: detail.involved.knelpunten.map(({ code, cases }) => {
			const entry = vocabularies.knelpunten.get(code);
			return { code, niveau: entry?.detail ?? null, naam: entry?.naam ?? code, cases };
		}),
		money: { spent: detail.spent, savingsLow: detail.savingsLow, savingsHigh: detail.savingsHigh },
		examples: examples.map((e) => ({ ...e, samenvatting: scrubText(e.samenvatting) })),
		triedLocally: {
			escalatieSteps: vocabularies.escalatie.entries.map((entry) => ({
				code: entry.code,
				trede: Number(entry.detail ?? entry.position + 1),
				naam: entry.naam,
				cases: stepCount(entry.code)
			})),
			withoutStep: steps
				.filter((s) => !vocabularies.escalatie.get(s.code ?? ''))
				.reduce((n, s) => n + s.cases, 0),
			oplossingen: oplossingen.map((o) => ({ oplossing: scrubText(o.oplossing), cases: o.cases })),
			outcomes: outcomes ?? { opgelost: 0, deels_opgelost: 0, niet_opgelost: 0, open: 0 },
			measure: kwestie.measure ? { description: kwestie.measure, on: kwestie.measureOn } : null,
			effect: detail.effect,
			notes: notes?.n ?? 0
		},
		generatedAt: new Date().toISOString(),
		generatedBy: user.role
	};
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string | number | null | undefined): string {
	return String(text ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const monthName = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2025-03` as `maart 2025`. */
function formatMonth(month: string): string {
	const m = /^(\d{4})-(\d{2})$/.exec(month);
	return m ? monthName.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : month;
}

interface Column<T> {
	label: string;
	value: (row: T) => string;
	numeric?: boolean;
}

/** A table with a caption, column headers and the first cell as row header; a sentence when there are no rows. */
function table<T>(caption: string, columns: Column<T>[], rows: T[], empty = 'Geen gegevens.'): string {
	if (rows.length === 0)
		return `<p class="leeg"><strong>${escapeHtml(caption)}:</strong> ${escapeHtml(empty)}</p>`;
	const cell = (column: Column<T>, row: T, index: number) => {
		const tag = index === 0 ? 'th scope="row"' : 'td';
		const cls = column.numeric ? ' class="getal"' : '';
		return `<${tag}${cls}>${escapeHtml(column.value(row))}</${tag.slice(0, 2)}>`;
	};
	return `<table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${columns.map((c) => `<th scope="col"${c.numeric ? ' class="getal"' : ''}>${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${columns.map((c, i) => cell(c, row, i)).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

const casesColumn = {
	label: 'Casussen',
	value: (r: { cases: number }) => formatCount(r.cases),
	numeric: true
};

const namedTable = (caption: string, label: string, rows: Named[]) =>
	table(caption, [{ label, value: (r: Named) => r.naam }, casesColumn], rows);

function definitions(items: [string, string][]): string {
	return `<dl>${items.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function examplesSection(doc: EscalationDocument): string {
	if (doc.examples.length === 0) {
		const why = capabilities(doc.generatedBy).caseLevel
			? 'Geen van de casussen heeft een samenvatting die als voorbeeld kan dienen.'
			: 'Voorbeelden staan alleen in een melding die het kwaliteitsteam, beleid of de beheerder maakt; uw rol ziet geen casussen.';
		return `<p>${escapeHtml(why)}</p>`;
	}
	const escalatie = reference().vocabularies.escalatie;
	return doc.examples
		.map(
			(e, i) => `<section class="voorbeeld" aria-labelledby="voorbeeld-${i + 1}">
<h3 id="voorbeeld-${i + 1}">Voorbeeld ${i + 1}</h3>
${definitions([
	['Aangemeld', formatMonth(e.aangemeld_op)],
	[
		'Hoogste escalatietrede',
		e.escalatie ? (escalatie.get(e.escalatie)?.naam ?? e.escalatie) : 'niet vastgelegd'
	]
])}
<p>${escapeHtml(e.samenvatting)}</p>
</section>`
		)
		.join('\n');
}

function effectSentence(effect: Effect): string {
	const quarters = effect.quarters === 1 ? 'het kwartaal' : `de ${formatCount(effect.quarters)} kwartalen`;
	return (
		`In ${quarters} voor de maatregel ${formatCount(effect.before)} casussen ` +
		`(${formatDecimal(effect.perQuarterBefore)} per kwartaal), in ${quarters} erna ${formatCount(effect.after)} ` +
		`(${formatDecimal(effect.perQuarterAfter)} per kwartaal).`
	);
}

function triedSection(doc: EscalationDocument): string {
	const tried = doc.triedLocally;
	const outcomes = [
		{ naam: 'Opgelost', cases: tried.outcomes.opgelost },
		{ naam: 'Deels opgelost', cases: tried.outcomes.deels_opgelost },
		{ naam: 'Niet opgelost', cases: tried.outcomes.niet_opgelost },
		{ naam: 'Nog open', cases: tried.outcomes.open }
	];
	const measure = tried.measure
		? `<p><strong>Maatregel${tried.measure.on ? ` (per ${escapeHtml(formatDate(tried.measure.on))})` : ''}:</strong> ${escapeHtml(tried.measure.description)}</p>
${tried.effect ? `<p>${escapeHtml(effectSentence(tried.effect))}</p>` : '<p>Het effect van de maatregel is nog niet te meten: er is na de maatregel nog geen volledig kwartaal voorbij.</p>'}`
		: '<p>Er is lokaal (nog) geen maatregel vastgelegd.</p>';
	return `${table(
		'Hoogste escalatietrede die de casussen bereikten',
		[{ label: 'Trede', value: (s: EscalationStep) => `${s.trede}. ${s.naam}` }, casesColumn],
		tried.escalatieSteps
	)}
${tried.withoutStep > 0 ? `<p>Bij ${escapeHtml(formatCount(tried.withoutStep))} casussen is de bereikte trede niet vastgelegd.</p>` : ''}
${table(
	'Soorten oplossing die lokaal zijn ingezet',
	[{ label: 'Oplossing', value: (o: { oplossing: string }) => o.oplossing }, casesColumn],
	tried.oplossingen,
	'geen vastgelegd.'
)}
${table('Uitkomst van de casussen', [{ label: 'Uitkomst', value: (o: { naam: string }) => o.naam }, casesColumn], outcomes)}
${measure}
<p>Bij deze kwestie ${tried.notes === 1 ? 'is' : 'zijn'} ${escapeHtml(formatCount(tried.notes))} ${tried.notes === 1 ? 'notitie' : 'notities'} van het kwaliteitsteam en beleid vastgelegd.</p>`;
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
	@bottom-right { content: "Pagina " counter(page) " van " counter(pages); font: 9pt system-ui, sans-serif; color: #333; } }
:root { color: #1a1a1a; background: #fff; font: 11pt/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1rem; page-break-inside: auto; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
.getal { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr, .voorbeeld, dl { break-inside: avoid; }
h2, h3, caption { break-after: avoid; }
.voorbeeld { border-left: 4px solid #4a4a4a; padding-left: .75rem; margin: .75rem 0; }
.leeg, .voetnoot { color: #333; }
footer { margin-top: 2rem; border-top: 1px solid #767676; padding-top: .5rem; font-size: .9rem; }
@media print { body { max-width: none; padding: 0; } }
`;

/** The melding as a complete, self-contained Dutch HTML5 document, ready to print to PDF on A4. */
export function escalationHtml(doc: EscalationDocument): string {
	const { kwestie, money } = doc;
	const owner = doc.gemeente ? `gemeente ${doc.gemeente.naam}` : 'het landelijk programma';
	const period =
		doc.period.first && doc.period.last
			? `${formatDate(doc.period.first)} tot en met ${formatDate(doc.period.last)}`
			: 'geen casussen';
	const problem: [string, string][] = [
		['Kwestie', kwestie.label],
		['Status', kwestie.statusName],
		['Regel of wet waar het om gaat', kwestie.rule ?? 'niet vastgelegd'],
		['Geagendeerd bij', kwestie.agenda ? AGENDA_NAMES[kwestie.agenda] : 'nog niet geagendeerd']
	];
	const figures: [string, string][] = [
		['Casussen', formatCount(doc.cases)],
		['Gemeenten', formatCount(doc.gemeenten)],
		['Aangemeld', period],
		['Kosten van de oplossingen', formatEuro(money.spent)],
		['Vermeden kosten (schatting)', `${formatEuro(money.savingsLow)} tot ${formatEuro(money.savingsHigh)}`]
	];
	return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Melding landelijk programma: ${escapeHtml(kwestie.label)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Melding aan het landelijk programma: ${escapeHtml(kwestie.label)}</h1>
<p>Een kwestie van ${escapeHtml(owner)} die om een landelijke oplossing vraagt, voor het Maatwerkloket Multiproblematiek. De melding bevat geen casusnummers of persoonsgegevens.</p>

<h2>Het probleem</h2>
${definitions(problem)}

<h2>Omvang</h2>
${definitions(figures)}

<h2>Wetten, organisaties en leefgebieden</h2>
${namedTable('Wetten die de casussen noemen', 'Wet', doc.laws)}
${table('Genoemde wetsartikelen', [{ label: 'Artikel', value: (a: { code: string }) => a.code }, casesColumn], doc.articles)}
${namedTable('Betrokken organisaties', 'Organisatie', doc.organisations)}
${namedTable('Leefgebieden van de casussen', 'Leefgebied', doc.leefgebieden)}
${table(
	'Knelpunten: waarom de professional vastliep',
	[
		{ label: 'Knelpunt', value: (k: EscalationDocument['knelpunten'][number]) => `${k.code}: ${k.naam}` },
		{ label: 'Niveau', value: (k) => k.niveau ?? '' },
		casesColumn
	],
	doc.knelpunten
)}

<h2>Voorbeelden (geanonimiseerd)</h2>
${examplesSection(doc)}

<h2>Wat lokaal is geprobeerd</h2>
${triedSection(doc)}
</main>
<footer>
<p class="voetnoot">Gemaakt op ${escapeHtml(formatDateTime(doc.generatedAt))} door de rol ${escapeHtml(ROLE_LABELS[doc.generatedBy])}, met de systeemleren portal.</p>
</footer>
</body>
</html>
`;
}
