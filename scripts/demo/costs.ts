/** The demo's illustrative cost table of avoided-cost posts per municipality, and the posts a demo case writes in vermeden_posten. */
import type { Database } from '../../src/lib/server/db';
import { setCost } from '../../src/lib/server/costs';
import { chance, intBetween, type Rng } from './random';

/** Every demo post says where its amounts come from: nowhere real. */
export const DEMO_COST_BRON = 'Illustratief (demo): geen echte bedragen';

export interface DemoCost {
	post: string;
	unit: string;
	/** Whole euros per unit. */
	low: number;
	high: number;
}

/** Plausible orders of magnitude, not figures of any study or municipality. */
const BASE: readonly DemoCost[] = [
	{ post: 'huisuitzetting', unit: 'uitzetting', low: 6_000, high: 11_000 },
	{ post: 'maatschappelijke_opvang_maand', unit: 'maand', low: 2_500, high: 3_500 },
	{ post: 'crisisopvang_nacht', unit: 'nacht', low: 90, high: 150 },
	{ post: 'uithuisplaatsing_maand', unit: 'maand', low: 4_000, high: 7_500 },
	{ post: 'schuldhulpverlening_traject', unit: 'traject', low: 2_500, high: 4_000 },
	{ post: 'incassotraject', unit: 'traject', low: 150, high: 500 },
	{ post: 'energieafsluiting', unit: 'afsluiting', low: 500, high: 1_200 },
	{ post: 'bijstandsuitkering_maand', unit: 'maand', low: 1_300, high: 1_700 },
	{ post: 'wmo_maatwerk_maand', unit: 'maand', low: 400, high: 900 },
	{ post: 'spoedeisende_hulp_bezoek', unit: 'bezoek', low: 300, high: 600 },
	{ post: 'ggz_crisisopname_dag', unit: 'dag', low: 450, high: 800 },
	{ post: 'politie_inzet', unit: 'inzet', low: 200, high: 500 },
	{ post: 'thuiszitten_maand', unit: 'maand', low: 600, high: 1_200 }
];

/** A price level per demo municipality, so that their tables are not copies of each other. */
const PRICE_LEVEL: Readonly<Record<string, number>> = {
	GM0363: 1.15,
	GM0518: 1.1,
	GM0344: 1.1,
	GM0080: 0.95,
	GM0074: 0.9,
	GM0479: 1,
	GM0193: 1,
	GM0882: 0.9
};

/** The demo municipalities that have a cost table. */
export const DEMO_COST_GEMEENTEN: readonly string[] = Object.keys(PRICE_LEVEL);

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
const priced = (value: number, level: number) => roundTo(value * level, value < 1_000 ? 5 : 50);

/** One municipality's illustrative table (empty for a municipality outside the demo). */
export function demoCostTable(gemeente: string): DemoCost[] {
	const level = PRICE_LEVEL[gemeente];
	if (level === undefined) return [];
	return BASE.map((c) => ({ ...c, low: priced(c.low, level), high: priced(c.high, level) }));
}

/** Sets every demo municipality's illustrative table (replacing what the demo set before); returns the posts set. */
export async function fillDemoCosts(db: Database): Promise<number> {
	let n = 0;
	for (const gemeente of DEMO_COST_GEMEENTEN) {
		for (const c of demoCostTable(gemeente)) {
			const cost = { post: c.post, unit: c.unit, low: BigInt(c.low * 100), high: BigInt(c.high * 100) };
			await setCost(db, { ...cost, gemeente, bron: DEMO_COST_BRON }, 'demo');
			n++;
		}
	}
	return n;
}

/** A post a kind of avoided cost itemises, with how many units a case may count. */
type PostDraw = readonly [post: string, min: number, max: number];

/** Per kind of avoided cost (the generator's SavingsKind): the main post first, then posts that may come with it. */
const POSTS_BY_KIND: Readonly<Record<string, readonly PostDraw[]>> = {
	ontruiming: [
		['huisuitzetting', 1, 1],
		['maatschappelijke_opvang_maand', 2, 9],
		['incassotraject', 1, 3]
	],
	uithuisplaatsing: [
		['uithuisplaatsing_maand', 3, 12],
		['crisisopvang_nacht', 3, 14]
	],
	opvang: [
		['maatschappelijke_opvang_maand', 3, 12],
		['crisisopvang_nacht', 5, 30]
	],
	uitkering: [
		['bijstandsuitkering_maand', 3, 12],
		['schuldhulpverlening_traject', 1, 1]
	],
	schuld: [
		['schuldhulpverlening_traject', 1, 1],
		['incassotraject', 1, 4],
		['energieafsluiting', 1, 1]
	],
	zorg: [
		['wmo_maatwerk_maand', 3, 12],
		['spoedeisende_hulp_bezoek', 1, 4]
	],
	ggz: [
		['ggz_crisisopname_dag', 5, 30],
		['politie_inzet', 1, 6],
		['spoedeisende_hulp_bezoek', 1, 3]
	],
	klein: [
		['incassotraject', 1, 2],
		['energieafsluiting', 1, 1]
	],
	gezin: [
		['uithuisplaatsing_maand', 6, 24],
		['politie_inzet', 1, 8],
		['ggz_crisisopname_dag', 5, 20]
	],
	onderwijs: [
		['thuiszitten_maand', 3, 10],
		['wmo_maatwerk_maand', 2, 6]
	]
};

/** `post` for one unit, else `post*count`; now and then with a capital, which the import folds away. */
function item(rng: Rng, post: string, count: number): string {
	const name = chance(rng, 0.05) ? post[0].toUpperCase() + post.slice(1) : post;
	return count === 1 ? name : `${name}*${count}`;
}

/**
 * The vermeden_posten of a case whose avoided cost is of this kind: the main post, sometimes one or two
 * that come with it. Where the case also gives its own low estimate, the main post's count follows it,
 * as a registration that itemises its estimate would, so the two differ but not wildly.
 */
export function demoPosts(rng: Rng, gemeente: string, kind: string, explicitLow: number | null): string {
	const draws = POSTS_BY_KIND[kind] ?? POSTS_BY_KIND.klein;
	const [main, min, max] = draws[0];
	let count = intBetween(rng, min, max);
	if (explicitLow !== null && max > 1) {
		const unit = demoCostTable(gemeente).find((c) => c.post === main)?.low ?? 1;
		count = Math.min(max * 2, Math.max(1, Math.round(explicitLow / unit)));
	}
	const items = [item(rng, main, count)];
	for (const [post, lo, hi] of draws.slice(1)) {
		if (chance(rng, explicitLow === null ? 0.4 : 0.2)) items.push(item(rng, post, intBetween(rng, lo, hi)));
	}
	return items.join('|');
}
