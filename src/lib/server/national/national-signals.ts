/** The national signal list: kwesties that the packages of three or more municipalities name, labels matched as the municipal signal list matches them, and labels that may name one kwestie. */
import type { KwestieStatus } from '$lib/domain/kwesties';
import { fold } from '$lib/domain/text';
import { reference } from '../reference';
import { groupPairs, similarPairs } from '../kwesties/similarity';
import { TEXT_THRESHOLD } from '../kwesties/suggestions';
import { publishedSum } from './comparison-figures';
import type { Published } from './disclosure';
import type { NationalPackage } from './package';

/** A kwestie is national when the packages of at least this many municipalities name it. */
export const NATIONAL_SIGNAL_MINIMUM = 3;

export interface NationalSignal {
	/** The label as most packages write it. */
	kwestie: string;
	key: string;
	gemeenten: { code: string; naam: string; label: string; cases: Published; status: KwestieStatus | null }[];
	/** The sum of the published counts; geheim when every count is hidden. */
	cases: number | 'geheim';
	/** Municipalities whose count is hidden. */
	hidden: number;
}

export interface SignalSuggestion {
	/** Differently written labels that may be one kwestie. */
	labels: string[];
	gemeenten: number;
}

interface LabelUse {
	label: string;
	gemeente: string;
	cases: Published;
	status: KwestieStatus | null;
}

const numeric = (value: Published) => (value === 'geheim' ? 0 : value);

/** The writing most packages use; ties go to the first in Dutch order. */
function commonLabel(uses: LabelUse[]): string {
	const counts = new Map<string, number>();
	for (const use of uses) counts.set(use.label, (counts.get(use.label) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'nl'))[0][0];
}

/** Every kwestie of every package, grouped on its folded label (case, accents and spaces ignored). */
function labelUses(packages: NationalPackage[]): Map<string, LabelUse[]> {
	const byKey = new Map<string, LabelUse[]>();
	for (const pkg of packages) {
		const table = pkg.tables.kwesties;
		table.rows.forEach((label, i) => {
			const key = fold(label);
			const uses = byKey.get(key) ?? [];
			// One municipality naming a kwestie twice in different writing counts once.
			if (uses.some((u) => u.gemeente === pkg.gemeente)) return;
			uses.push({
				label,
				gemeente: pkg.gemeente,
				cases: table.cells[i][0],
				status: pkg.kwestieStatus?.[i] ?? null
			});
			byKey.set(key, uses);
		});
	}
	return byKey;
}

/**
 * The national signal list: kwesties in the packages of at least `minimum` municipalities, labels
 * matched case- and accent-insensitively, most municipalities first. Counts are what the packages
 * publish; a hidden one stays hidden and adds nothing to the sum.
 */
export function nationalSignals(
	packages: NationalPackage[],
	minimum = NATIONAL_SIGNAL_MINIMUM
): NationalSignal[] {
	const { gemeenten } = reference();
	return [...labelUses(packages)]
		.filter(([, uses]) => uses.length >= minimum)
		.map(([key, uses]) => ({
			kwestie: commonLabel(uses),
			key,
			gemeenten: uses
				.map((u) => ({
					code: u.gemeente,
					naam: gemeenten.naam(u.gemeente),
					label: u.label,
					cases: u.cases,
					status: u.status
				}))
				.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
			cases: publishedSum(uses.map((u) => u.cases)),
			hidden: uses.filter((u) => u.cases === 'geheim').length
		}))
		.sort(
			(a, b) =>
				b.gemeenten.length - a.gemeenten.length ||
				numeric(b.cases) - numeric(a.cases) ||
				a.key.localeCompare(b.key)
		);
}

/**
 * Labels that differ in words but may name one kwestie (TF-IDF cosine, as the signal suggestions do),
 * offered where together they reach `minimum` municipalities and at least one of them does not alone.
 */
export function signalSuggestions(
	packages: NationalPackage[],
	minimum = NATIONAL_SIGNAL_MINIMUM
): SignalSuggestion[] {
	const uses = labelUses(packages);
	const keys = [...uses.keys()];
	const pairs = similarPairs(
		keys.map((key) => ({ id: key, text: key })),
		{ threshold: TEXT_THRESHOLD }
	);
	return groupPairs(pairs, 25)
		.map((group) => ({
			keys: group.ids,
			gemeenten: new Set(group.ids.flatMap((key) => uses.get(key)!.map((u) => u.gemeente))).size
		}))
		.filter((g) => g.gemeenten >= minimum && g.keys.some((key) => uses.get(key)!.length < minimum))
		.map((g) => ({ labels: g.keys.map((key) => commonLabel(uses.get(key)!)), gemeenten: g.gemeenten }))
		.sort((a, b) => b.gemeenten - a.gemeenten);
}
