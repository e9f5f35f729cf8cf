/** The evaluation report's tables, ids prefixed `evaluatie-`: every figure of the page, the PDF, the XLSX and the CSV downloads. */
import { formatDayOrMonth } from '$lib/domain/format';
import { KIND_NAMES, STATUS_NAMES } from '$lib/domain/kwesties';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import { reference } from '../reference';
import { responsesTable } from '../partners/responses';
import type { EvaluationReport, EvaluationYear } from './evaluation';

type Report = Omit<EvaluationReport, 'tables'>;

/** The years of the run, then the whole run. */
const yearsOf = (report: Report) => [...report.years, report.total];

/** A table with one row per year of the run and one for the whole run. */
function perYear(
	report: Report,
	id: string,
	caption: string,
	columns: TableColumn[],
	cells: (y: EvaluationYear) => Record<string, TableCell>
): DataTable {
	return {
		id,
		caption,
		columns: [{ key: 'jaar', label: 'Jaar' }, ...columns],
		rows: yearsOf(report).map((y) => ({ jaar: y.label, ...cells(y) }))
	};
}

/** A table with the years side by side: one row per figure, one column per year and one for the whole run. */
function sideBySide(
	report: Report,
	id: string,
	caption: string,
	kind: 'count' | 'euro',
	lines: [string, (y: EvaluationYear) => number | null][]
): DataTable {
	const years = yearsOf(report);
	return {
		id,
		caption,
		columns: [
			{ key: 'cijfer', label: 'Cijfer' },
			...years.map((y, i) => ({ key: `j${i}`, label: y.label, kind }))
		],
		rows: lines.map(([label, value]) => ({
			cijfer: label,
			...Object.fromEntries(years.map((y, i) => [`j${i}`, value(y)]))
		}))
	};
}

function answerTables(report: Report): DataTable[] {
	const years = yearsOf(report);
	return [
		perYear(
			report,
			'evaluatie-werkt',
			'Afloop per jaar: afgerond, (deels) opgelost en doorlooptijd',
			[
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'afgerond', label: 'Afgerond', kind: 'count' },
				{ key: 'opgelost', label: 'Opgelost of deels opgelost', kind: 'count' },
				{
					key: 'aandeel',
					label: 'Opgelost (% van afgerond)',
					kind: 'decimal',
					basis: 'afgerond',
					share: true
				},
				{ key: 'ingetrokken', label: 'Ingetrokken', kind: 'count' },
				{ key: 'doorlooptijd', label: 'Mediane doorlooptijd (dagen)', kind: 'decimal' }
			],
			(y) => ({
				aangemeld: y.in,
				afgerond: y.closed,
				opgelost: y.solved,
				aandeel: y.solvedShare,
				ingetrokken: y.withdrawn,
				doorlooptijd: y.medianLead
			})
		),
		{
			id: 'evaluatie-treden',
			caption: 'Aangemelde casussen per hoogste escalatietrede, per jaar',
			columns: [
				{ key: 'trede', label: 'Hoogste trede' },
				...years.map((y, i) => ({ key: `j${i}`, label: y.label, kind: 'count' as const }))
			],
			rows: report.steps.map((s, row) => ({
				trede: s.label,
				...Object.fromEntries(years.map((y, i) => [`j${i}`, y.steps[row]]))
			}))
		},
		perYear(
			report,
			'evaluatie-kaders',
			'Besluiten binnen en buiten de kaders (versie 1.1), per jaar van aanmelding',
			[
				{ key: 'binnen', label: 'Binnen de kaders', kind: 'count' },
				{ key: 'buiten', label: 'Buiten de kaders', kind: 'count' },
				{ key: 'onbekend', label: 'Niet vastgelegd', kind: 'count' },
				{ key: 'aandeel', label: 'Binnen (% van bekend)', kind: 'decimal', share: true }
			],
			(y) => ({
				binnen: y.kaders.ja,
				buiten: y.kaders.nee,
				onbekend: y.kaders.onbekend,
				aandeel: y.kadersShare
			})
		)
	];
}

function capacityTables(report: Report): DataTable[] {
	const several = new Set(report.capacity.map((c) => c.gemeente)).size > 1;
	return [
		{
			id: 'evaluatie-kwartalen',
			caption: `Casussen en capaciteit per kwartaal (1 fte = ${report.fteHours} uur per kwartaal)`,
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'afgesloten', label: 'Afgesloten', kind: 'count' },
				{ key: 'open', label: 'Open aan het eind', kind: 'count' },
				{ key: 'uren', label: 'Uren', kind: 'decimal', counts: 'other' },
				{ key: 'fte', label: 'Fte', kind: 'decimal', counts: 'other' },
				{ key: 'omo', label: 'Fte OMO-functionaris', kind: 'decimal', counts: 'other' },
				{ key: 'perfte', label: 'Aangemeld per fte', kind: 'decimal', basis: 'aangemeld' },
				{ key: 'openperfte', label: 'Open per fte', kind: 'decimal', basis: 'open' }
			],
			rows: report.quarters.map((q) => ({
				kwartaal: q.quarter,
				aangemeld: q.in,
				afgesloten: q.closed,
				open: q.open,
				uren: q.hours,
				fte: q.fte,
				omo: q.omoFte,
				perfte: q.inPerFte,
				openperfte: q.openPerFte
			}))
		},
		perYear(
			report,
			'evaluatie-kosten',
			'Kosten per casus: capaciteit plus besteding aan oplossingen',
			[
				{ key: 'uren', label: 'Uren capaciteit', kind: 'decimal', counts: 'other' },
				{ key: 'capaciteit', label: 'Kosten capaciteit', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed aan oplossingen', kind: 'euro' },
				{ key: 'totaal', label: 'Totale kosten', kind: 'euro' },
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'percasus', label: 'Kosten per aangemelde casus', kind: 'euro', basis: 'aangemeld' },
				{ key: 'afgerond', label: 'Afgerond', kind: 'count' },
				{ key: 'perafgerond', label: 'Kosten per afgeronde casus', kind: 'euro', basis: 'afgerond' }
			],
			(y) => ({
				uren: y.capacityHours,
				capaciteit: y.capacityCost,
				besteed: y.spent,
				totaal: y.totalCost,
				aangemeld: y.in,
				percasus: y.costPerCase,
				afgerond: y.closed,
				perafgerond: y.costPerClosed
			})
		),
		{
			id: 'evaluatie-capaciteit',
			caption: 'Ingevulde capaciteit per kwartaal en functie',
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				...(several ? [{ key: 'gemeente', label: 'Gemeente' }] : []),
				{ key: 'functie', label: 'Functie' },
				{ key: 'eenheid', label: 'Eenheid' },
				{ key: 'hoeveelheid', label: 'Hoeveelheid', kind: 'decimal', counts: 'other' },
				{ key: 'uren', label: 'Uren', kind: 'decimal', counts: 'other' },
				{ key: 'tarief', label: 'Uurtarief', kind: 'euro' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro' }
			],
			rows: report.capacity.map((c) => ({
				kwartaal: c.kwartaal,
				...(several ? { gemeente: c.gemeente } : {}),
				functie: c.functie,
				eenheid: c.eenheid,
				hoeveelheid: c.hoeveelheid,
				uren: c.hours,
				tarief: c.uurtarief,
				kosten: c.cost
			}))
		}
	];
}

function listTables(report: Report): DataTable[] {
	const dated = report.audience === 'cases';
	const dateColumn = (key: string, label: string): TableColumn =>
		dated ? { key, label, kind: 'date' } : { key, label };
	const day = (value: string) => (dated ? value : formatDayOrMonth(value));
	return [
		{
			id: 'evaluatie-problemen',
			caption: `Terugkerende problemen: kwesties met ten minste ${report.threshold} casussen in de looptijd`,
			columns: [
				{ key: 'kwestie', label: 'Kwestie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				dateColumn('eerste', 'Eerste'),
				dateColumn('laatste', 'Laatste'),
				{ key: 'gemeenten', label: 'Gemeenten' },
				{ key: 'status', label: 'Status' }
			],
			rows: report.problems.map((p) => ({
				kwestie: p.kwestie,
				casussen: p.cases,
				eerste: day(p.first),
				laatste: day(p.last),
				gemeenten: p.gemeenten.join(', '),
				status: STATUS_NAMES[p.status]
			}))
		},
		{
			id: 'evaluatie-oplossingen',
			caption: `Terugkerende oplossingen: ingezet in ten minste ${report.threshold} casussen in de looptijd`,
			columns: [
				{ key: 'oplossing', label: 'Oplossing' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				dateColumn('eerste', 'Eerste'),
				dateColumn('laatste', 'Laatste'),
				{ key: 'gemeenten', label: 'Gemeenten' },
				{ key: 'instrumenten', label: 'Instrumenten' },
				{ key: 'buiten', label: 'Buiten de kaders', kind: 'count' }
			],
			rows: report.solutions.map((s) => ({
				oplossing: s.oplossing,
				casussen: s.cases,
				eerste: day(s.first),
				laatste: day(s.last),
				gemeenten: s.gemeenten.join(', '),
				instrumenten: s.instrumenten.join(', '),
				buiten: s.outsideKaders
			}))
		},
		{
			id: 'evaluatie-kwesties',
			caption: 'Kwesties en wat ervan werd: statusverloop, maatregel en casussen per kwartaal voor en na',
			columns: [
				{ key: 'kwestie', label: 'Kwestie' },
				{ key: 'soort', label: 'Soort' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'verloop', label: 'Statusverloop' },
				{ key: 'maatregel', label: 'Maatregel' },
				{ key: 'ingegaan', label: 'Ingegaan op', kind: 'date' },
				{ key: 'casussen', label: 'Casussen in de looptijd', kind: 'count' },
				{ key: 'voor', label: 'Per kwartaal voor de maatregel', kind: 'decimal' },
				{ key: 'na', label: 'Per kwartaal erna', kind: 'decimal' }
			],
			rows: report.kwesties.map((k) => ({
				kwestie: k.label,
				soort: KIND_NAMES[k.kind].split(':')[0],
				gemeente: k.gemeente,
				verloop: k.trail,
				maatregel: k.measure,
				ingegaan: k.measureOn,
				casussen: k.casesInRun,
				voor: k.effect ? Math.round(k.effect.perQuarterBefore * 10) / 10 : null,
				na: k.effect ? Math.round(k.effect.perQuarterAfter * 10) / 10 : null
			}))
		}
	];
}

/** Every table of the evaluation, in the order of the report. */
export function evaluationTables(report: Report): DataTable[] {
	const t = report.total;
	const [quarters, ...costs] = capacityTables(report);
	const organisaties = reference().vocabularies.organisaties;
	const names = Object.fromEntries(
		report.responses.map((o) => [o.organisation, organisaties.get(o.organisation)?.naam ?? o.organisation])
	);
	return [
		{
			id: 'evaluatie-kern',
			caption: `Kerncijfers ${report.run.name}`,
			columns: [
				{ key: 'periode', label: 'Looptijd' },
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'afgerond', label: 'Afgerond', kind: 'count' },
				{
					key: 'aandeel',
					label: 'Opgelost (% van afgerond)',
					kind: 'decimal',
					basis: 'afgerond',
					share: true
				},
				{ key: 'doorlooptijd', label: 'Mediane doorlooptijd (dagen)', kind: 'decimal' },
				{ key: 'open', label: 'Open aan het eind', kind: 'count' },
				{ key: 'percasus', label: 'Kosten per aangemelde casus', kind: 'euro', basis: 'aangemeld' }
			],
			rows: [
				{
					periode: `${report.run.from} tot en met ${report.run.to}`,
					aangemeld: t.in,
					afgerond: t.closed,
					aandeel: t.solvedShare,
					doorlooptijd: t.medianLead,
					open: t.open,
					percasus: t.costPerCase
				}
			]
		},
		...answerTables(report),
		quarters,
		{
			...responsesTable(report.responses, names),
			id: 'evaluatie-reacties',
			caption: `Vragen aan partners van de casussen van de looptijd: antwoorden tegen de beloofde termijn (open vragen geteld tot en met ${formatDayOrMonth(report.today)})`
		},
		...costs,
		sideBySide(report, 'evaluatie-jaren', 'Kerncijfers van de collegerapportage per jaar', 'count', [
			['Aangemeld', (y) => y.in],
			['Opgelost of deels opgelost', (y) => y.solved],
			['Afgerond zonder oplossing', (y) => y.notSolved],
			['Ingetrokken', (y) => y.withdrawn],
			['Open aan het eind', (y) => y.open],
			['Signalen aan het eind', (y) => y.signals]
		]),
		sideBySide(report, 'evaluatie-jaren-geld', 'Besteding en vermeden kosten per jaar', 'euro', [
			['Besteed aan oplossingen', (y) => y.spent],
			['Vermeden kosten, lage schatting', (y) => y.savingsLow],
			['Vermeden kosten, hoge schatting', (y) => y.savingsHigh]
		]),
		...listTables(report)
	];
}
