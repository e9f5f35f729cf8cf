/** The comparison's main figures over the last eight quarters: one municipality against its size class and the country, each quarter from the packages as the comparison has them. */
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { SizeClass } from '$lib/domain/gemeenten';
import type { SessionUser } from '$lib/domain/roles';
import { decimalCents } from '$lib/domain/money';
import type { Database } from '../db';
import { reference } from '../reference';
import { AFLOOP } from '../analytics/escalatie';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { euroRate, per10k, share, solvedParts, type Share } from './comparison-figures';
import { CBS_RULES, type Published } from './disclosure';
import { packageAmount, packagesOfPeriod, type NationalPackage } from './package';
import { parsePeriod, type PackagePeriod } from './period';
import { partitionTable } from './published-tables';

export const TREND_QUARTERS = 8;

export const TREND_FIGURES = [
	{ id: 'casussen', title: 'Casussen per 10.000 inwoners', short: 'Casussen per 10.000', kind: 'decimal' },
	{
		id: 'opgelost',
		title: 'Opgelost of deels opgelost, in procenten van de afgeronde casussen',
		short: 'Opgelost (%)',
		kind: 'decimal'
	},
	{ id: 'uitgaven', title: 'Uitgegeven per 10.000 inwoners', short: 'Uitgegeven per 10.000', kind: 'euro' }
] as const;
export type TrendFigureId = (typeof TREND_FIGURES)[number]['id'];

export interface TrendPoint {
	quarter: string;
	/** The municipality's figure; null where it has no package for the quarter. */
	gemeente: Share;
	/** Over the municipalities of its size class with a published figure; null where none has one. */
	klasse: number | null;
	/** Over every compared municipality with a published figure. */
	land: number | null;
}

export interface TrendFigure {
	id: TrendFigureId;
	title: string;
	/** As a table's column says it, before the group. */
	short: string;
	kind: 'decimal' | 'euro';
	points: TrendPoint[];
}

export interface Trends {
	gemeente: { code: string; naam: string };
	/** The size class of the municipality. */
	klasse: SizeClass;
	/** The municipalities with a package in one of the quarters, by name: the ones a trend can be shown for. */
	choices: { code: string; naam: string }[];
	quarters: string[];
	figures: TrendFigure[];
}

/** The published figures of one municipality in one quarter that the trends use. */
export interface QuarterFigures {
	gemeente: string;
	quarter: string;
	cases: Published;
	solved: { solved: number; closed: number } | 'geheim';
	spend: number | 'geheim';
}

/** The `count` quarters up to and including the one `day` (YYYY-MM-DD) falls in, oldest first. */
export function trendQuarters(day: string, count = TREND_QUARTERS): PackagePeriod[] {
	const last = Number(day.slice(0, 4)) * 4 + Math.floor((Number(day.slice(5, 7)) - 1) / 3);
	return Array.from({ length: count }, (_, i) => {
		const index = last - count + 1 + i;
		return parsePeriod(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`)!;
	});
}

/** A package's figures as the trends use them: the cases are those of its afloop table. */
export function quarterFigures(
	pkg: Pick<NationalPackage, 'gemeente' | 'tables' | 'figures'>,
	quarter: string
): QuarterFigures {
	return {
		gemeente: pkg.gemeente,
		quarter,
		cases: pkg.tables.uitkomst.total,
		solved: solvedParts(pkg),
		spend: pkg.figures.spend
	};
}

interface QuarterRow {
	gemeente: string;
	q: number;
	afloop: string;
	cases: number;
	with_cost: number;
	spent: string;
}

/**
 * The quarters of the municipalities within reach, from their cases in one scan, under the package's own
 * disclosure control: the afloop table as `buildPackage` makes it, the spend as it rounds and hides it.
 * So a quarter's figures here are those of the municipality's package of that quarter.
 */
async function portalQuarters(
	db: Database,
	user: SessionUser,
	quarters: PackagePeriod[]
): Promise<QuarterFigures[]> {
	const rows = await db.all<QuarterRow>(
		`SELECT gemeente, q, afloop, count(*)::INTEGER AS cases, count(kosten_oplossing)::INTEGER AS with_cost,
			coalesce(sum(kosten_oplossing), 0)::VARCHAR AS spent
		 FROM (
			SELECT gemeente, (year(aangemeld_op) * 4 + quarter(aangemeld_op) - 1)::INTEGER AS q, kosten_oplossing,
				CASE WHEN status = 'afgerond' THEN coalesce(uitkomst, 'zonder_uitkomst') ELSE status END AS afloop
			FROM cases WHERE ${CASE_SCOPE})
		 GROUP BY ALL`,
		scopeParams(user.reach, { ...EMPTY_FILTER, from: quarters[0].from, to: quarters.at(-1)!.to })
	);
	const groups = new Map<string, QuarterRow[]>();
	for (const row of rows) {
		if (!reference().gemeenten.get(row.gemeente)) continue;
		const key = `${row.gemeente}|${row.q}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	return [...groups.values()].map((group) => {
		const { gemeente, q } = group[0];
		const count = (afloop: string) =>
			group.filter((r) => r.afloop === afloop).reduce((s, r) => s + r.cases, 0);
		const uitkomst = partitionTable([...AFLOOP], AFLOOP.map(count), CBS_RULES);
		const withCost = group.reduce((s, r) => s + r.with_cost, 0);
		const spent = group.reduce((s, r) => s + decimalCents(r.spent)!, 0n);
		return {
			gemeente,
			quarter: `${Math.floor(q / 4)}-Q${(q % 4) + 1}`,
			cases: uitkomst.total,
			solved: solvedParts({ tables: { uitkomst } } as Pick<NationalPackage, 'tables'>),
			spend: packageAmount(spent, withCost, CBS_RULES)
		};
	});
}

/** Every municipality's quarters: an imported package wins over the portal's own cases, as in the comparison. */
export async function comparedQuarters(
	db: Database,
	user: SessionUser,
	quarters: PackagePeriod[]
): Promise<QuarterFigures[]> {
	const imported = (
		await Promise.all(
			quarters.map(async (q) =>
				(await packagesOfPeriod(db, q)).map(({ pkg }) => quarterFigures(pkg, q.period))
			)
		)
	)
		.flat()
		.filter((f) => reference().gemeenten.get(f.gemeente));
	const have = new Set(imported.map((f) => `${f.gemeente}|${f.quarter}`));
	const computed = (await portalQuarters(db, user, quarters)).filter(
		(f) => !have.has(`${f.gemeente}|${f.quarter}`)
	);
	return [...imported, ...computed];
}

/** A rate over a group: the sum of the published parts against the sum of their wholes. */
function pooled(pairs: { part: number; whole: number }[], scale: number, decimals: number): number | null {
	const whole = pairs.reduce((s, p) => s + p.whole, 0);
	if (whole === 0) return null;
	const factor = 10 ** decimals;
	return Math.round((pairs.reduce((s, p) => s + p.part, 0) / whole) * scale * factor) / factor;
}

/** One figure of one group of municipalities in one quarter, over those whose figure is published. */
function groupFigure(id: TrendFigureId, members: QuarterFigures[]): number | null {
	const inwoners = (code: string) => reference().gemeenten.get(code)!.inwoners;
	if (id === 'casussen') {
		return pooled(
			members.flatMap((m) => (m.cases === 'geheim' ? [] : [{ part: m.cases, whole: inwoners(m.gemeente) }])),
			10_000,
			1
		);
	}
	if (id === 'opgelost') {
		return pooled(
			members.flatMap((m) =>
				m.solved === 'geheim' ? [] : [{ part: m.solved.solved, whole: m.solved.closed }]
			),
			100,
			1
		);
	}
	return pooled(
		members.flatMap((m) => (m.spend === 'geheim' ? [] : [{ part: m.spend, whole: inwoners(m.gemeente) }])),
		10_000,
		0
	);
}

/** One municipality's own figure in a quarter. */
function ownFigure(id: TrendFigureId, own: QuarterFigures | undefined): Share {
	if (!own) return null;
	const { inwoners } = reference().gemeenten.get(own.gemeente)!;
	if (id === 'casussen') return per10k(own.cases, inwoners);
	if (id === 'opgelost')
		return own.solved === 'geheim' ? 'geheim' : share(own.solved.solved, own.solved.closed);
	return euroRate(own.spend, inwoners);
}

/**
 * The trends of the quarters up to the end of `period` for the municipality `requested` (a code), or,
 * when that is not among the compared ones, the first compared municipality within the user's reach,
 * else the first by name. Null when no municipality has a package in any of the quarters.
 */
export async function comparisonTrends(
	db: Database,
	user: SessionUser,
	period: PackagePeriod,
	requested: string | null
): Promise<Trends | null> {
	const quarters = trendQuarters(period.to);
	const all = await comparedQuarters(db, user, quarters);
	const { gemeenten } = reference();
	const choices = [...new Set(all.map((f) => f.gemeente))]
		.map((code) => ({ code, naam: gemeenten.naam(code) }))
		.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
	if (choices.length === 0) return null;
	const inReach = choices.find((c) => user.reach.all === false && user.reach.gemeenten.includes(c.code));
	const chosen = choices.find((c) => c.code === requested) ?? inReach ?? choices[0];
	const klasse = gemeenten.get(chosen.code)!.grootteklasse;
	const figures = TREND_FIGURES.map(({ id, title, short, kind }) => ({
		id,
		title,
		short,
		kind,
		points: quarters.map((q) => {
			const members = all.filter((f) => f.quarter === q.period);
			return {
				quarter: q.period,
				gemeente: ownFigure(
					id,
					members.find((f) => f.gemeente === chosen.code)
				),
				klasse: groupFigure(
					id,
					members.filter((f) => gemeenten.get(f.gemeente)!.grootteklasse === klasse)
				),
				land: groupFigure(id, members)
			};
		})
	}));
	return { gemeente: chosen, klasse, choices, quarters: quarters.map((q) => q.period), figures };
}
