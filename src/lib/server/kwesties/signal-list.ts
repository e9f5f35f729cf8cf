/**
 * The signal list as the page and its downloads show it: each signal with its municipalities' kwesties
 * and what its cases name, and beside it the recurring solutions; for roles without case access months
 * instead of days, a threshold of at least 3 and (landelijk) protected counts. Options and filter come
 * from `signalRequest`.
 */
import type { CaseFilter } from '$lib/domain/filters';
import { STATUS_NAMES, type SignalListRow, type SolutionListRow } from '$lib/domain/kwesties';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { kwestieIds, mayRead } from './kwesties';
import { signals, type SignalOptions } from './signals';
import { solutionKwesties, solutions } from './solutions';
import { audience, listThreshold } from '../disclosure/audience';
import { protectSignal } from '../disclosure/signals';

export interface SignalList {
	options: SignalOptions;
	rows: SignalListRow[];
	solutions: SolutionListRow[];
	tables: DataTable[];
}

export async function signalList(
	db: Database,
	user: SessionUser,
	filter: CaseFilter,
	asked: SignalOptions
): Promise<SignalList> {
	const who = audience(user.role);
	// signalRequest has raised it already; raised again here so that no caller can forget it.
	const options = { ...asked, threshold: listThreshold(who, asked.threshold) };
	const [found, solved] = await Promise.all([
		signals(db, user.reach, filter, options),
		solutions(db, user.reach, filter, options)
	]);
	// Kwesties are registered when their cases are written: reading the list writes nothing.
	const ids = await kwestieIds(
		db,
		found.flatMap((s) => s.gemeenteCodes.map((scope) => ({ scope, key: s.key })))
	);
	const { gemeenten, vocabularies } = reference();
	const names = (dimension: 'leefgebieden' | 'wetten' | 'organisaties', mask: bigint) =>
		vocabularies[dimension].codes(mask).map((code) => vocabularies[dimension].get(code)?.naam ?? code);
	const rows = found.map((s) => ({
		...protectSignal(who, { cases: s.cases, first: s.first, last: s.last }),
		kwestie: s.kwestie,
		key: s.key,
		status: s.status,
		isNew: s.isNew,
		kwesties: s.gemeenteCodes.map((gemeente) => ({
			gemeente,
			naam: gemeenten.naam(gemeente),
			id: mayRead(user, gemeente) ? (ids.get(`${gemeente}|${s.key}`) ?? null) : null
		})),
		leefgebieden: names('leefgebieden', s.leefgebieden),
		wetten: vocabularies.wetten.codes(s.wetten),
		organisaties: vocabularies.organisaties.codes(s.organisaties)
	}));
	const perSolution = await solutionKwesties(db, user, solved);
	const solutionRows = solved.map((s) => ({
		...protectSignal(who, { cases: s.cases, first: s.first, last: s.last, outsideKaders: s.outsideKaders }, [
			'outsideKaders'
		]),
		oplossing: s.oplossing,
		key: s.key,
		gemeenten: s.gemeenten,
		instrumenten: s.instrumenten.map((code) => vocabularies.instrumenten.get(code)?.naam ?? code),
		kwesties: perSolution.get(s.key) ?? []
	}));
	const byDay = who === 'cases';
	return {
		options,
		rows,
		solutions: solutionRows,
		tables: [signalTable(rows, options, byDay), solutionTable(solutionRows, options, byDay)]
	};
}

/** The recurring solutions; `byDay` as for the signals. */
function solutionTable(rows: SolutionListRow[], options: SignalOptions, byDay: boolean): DataTable {
	return {
		id: 'signalen-oplossingen',
		caption: `Oplossingen in ten minste ${options.threshold} casussen in de ${options.windowMonths} maanden tot en met ${options.asOf}`,
		columns: [
			{ key: 'oplossing', label: 'Oplossing' },
			{ key: 'casussen', label: 'Casussen', kind: 'count' },
			{ key: 'gemeenten', label: 'Gemeenten', kind: 'count', counts: 'other' },
			{ key: 'eerste', label: 'Eerste', kind: byDay ? 'date' : 'text' },
			{ key: 'laatste', label: 'Laatste', kind: byDay ? 'date' : 'text' },
			{ key: 'instrumenten', label: 'Instrumenten' },
			{ key: 'buiten_kaders', label: 'Buiten de kaders', kind: 'count' }
		],
		rows: rows.map((r) => ({
			oplossing: r.oplossing,
			casussen: r.cases,
			gemeenten: r.gemeenten,
			eerste: r.first,
			laatste: r.last,
			instrumenten: r.instrumenten.join(', '),
			buiten_kaders: r.outsideKaders
		}))
	};
}

/** `byDay`: first and last are days; else months (`YYYY-MM`), kept as text. */
function signalTable(rows: SignalListRow[], options: SignalOptions, byDay: boolean): DataTable {
	return {
		id: 'signalen-lijst',
		caption: `Kwesties met ten minste ${options.threshold} casussen in de ${options.windowMonths} maanden tot en met ${options.asOf}`,
		columns: [
			{ key: 'kwestie', label: 'Kwestie' },
			{ key: 'casussen', label: 'Casussen', kind: 'count' },
			{ key: 'eerste', label: 'Eerste', kind: byDay ? 'date' : 'text' },
			{ key: 'laatste', label: 'Laatste', kind: byDay ? 'date' : 'text' },
			{ key: 'gemeenten', label: 'Gemeenten' },
			{ key: 'leefgebieden', label: 'Leefgebieden' },
			{ key: 'wetten', label: 'Wetten' },
			{ key: 'organisaties', label: 'Organisaties' },
			{ key: 'status', label: 'Status' },
			{ key: 'nieuw', label: 'Nieuw sinds vorige aanmelding' }
		],
		rows: rows.map((r) => ({
			kwestie: r.kwestie,
			casussen: r.cases,
			eerste: r.first,
			laatste: r.last,
			gemeenten: r.kwesties.map((k) => k.naam).join(', '),
			leefgebieden: r.leefgebieden.join(', '),
			wetten: r.wetten.join(', '),
			organisaties: r.organisaties.join(', '),
			status: STATUS_NAMES[r.status],
			nieuw: r.isNew ? 'ja' : 'nee'
		}))
	};
}
