/** The leefgebieden view: the co-occurrence matrix, the trend per quarter and labels per case, with their tables. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { cooccurrence, type Cooccurrence, type Diagonal } from './cooccurrence';
import { labelProfile, type LabelProfile } from './label-profile';
import { memoUntilWrite, viewKey } from '../db/memo';

export interface LeefgebiedenView {
	matrix: Cooccurrence;
	profile: LabelProfile;
	/** Display names by code. */
	names: Record<string, string>;
	tables: DataTable[];
}

async function computeLeefgebiedenView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	diagonal: Diagonal
): Promise<LeefgebiedenView> {
	const [matrix, profile] = await Promise.all([
		cooccurrence(db, 'leefgebieden', diagonal, reach, filter),
		labelProfile(db, 'leefgebieden', reach, filter)
	]);
	const vocabulary = reference().vocabularies.leefgebieden;
	const names = Object.fromEntries(vocabulary.entries.map((e) => [e.code, e.naam]));
	const tables: DataTable[] = [
		{
			id: 'leefgebieden-matrix',
			caption:
				diagonal === 'single'
					? 'Casussen per paar leefgebieden; op de diagonaal: alleen dit leefgebied'
					: 'Casussen per paar leefgebieden; op de diagonaal: alle casussen met dit leefgebied',
			columns: [
				{ key: 'leefgebied', label: 'Leefgebied' },
				...matrix.labels.map((code) => ({ key: code, label: names[code], kind: 'count' as const })),
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: matrix.labels.map((code, i) => ({
				leefgebied: names[code],
				...Object.fromEntries(matrix.labels.map((other, j) => [other, matrix.matrix[i][j]])),
				totaal: matrix.totals[code]
			}))
		},
		{
			id: 'leefgebieden-trend',
			caption: 'Casussen per leefgebied per kwartaal van aanmelding',
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				...profile.trend.map((t) => ({ key: t.label, label: names[t.label], kind: 'count' as const }))
			],
			rows: profile.quarters.map((quarter, i) => ({
				kwartaal: quarter,
				...Object.fromEntries(profile.trend.map((t) => [t.label, t.cases[i]]))
			}))
		},
		{
			id: 'leefgebieden-per-casus',
			caption: 'Aantal leefgebieden per casus',
			columns: [
				{ key: 'aantal', label: 'Leefgebieden in de casus' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: profile.perCase.map((p) => ({ aantal: String(p.labels), casussen: p.cases }))
		}
	];
	return { matrix, profile, names, tables };
}

/** Kept until the next committed write: the figures only change with the data (an import bumps the generation). */
export const leefgebiedenView = memoUntilWrite(viewKey('leefgebieden'), computeLeefgebiedenView);
