/** Seeded, deterministic generator of fictional stuck cases (casusexport rows) and fund budgets for the demo. */
import { CANONICAL_COLUMNS } from '../../src/lib/server/ingest/columns';
import { decision, responses, steps, STEPS, type CaseTimes } from './decisions';
import { demoPosts } from './costs';
import { kwestieLabel, solutionLabel } from './labels';
import {
	between,
	chance,
	intBetween,
	logBetween,
	logNormal,
	mulberry32,
	pick,
	weighted,
	type Rng
} from './random';

export { mulberry32, type Rng } from './random';

// ---------------------------------------------------------------------------------------------
// Export format
// ---------------------------------------------------------------------------------------------

/** The columns of spec/case-export.md, in its order: the importer's own list. */
const COLUMNS = CANONICAL_COLUMNS;

export type ExportColumn = (typeof COLUMNS)[number];
export const EXPORT_COLUMNS: readonly ExportColumn[] = COLUMNS;

/** One record per case: canonical export column name -> text value exactly as an export file would hold it. */
export type ExportRecord = Record<ExportColumn, string>;

export interface DemoOptions {
	cases: number;
	seed: number;
	/** last day cases may be registered, ISO */
	endDate: string;
	/** default 3 */
	years?: number;
}

export interface DemoFund {
	gemeente: string;
	name: string;
	year: number;
	budget: number;
}

/** Items with weights, drawn by one uniform number. */
class Weighted<T> {
	private readonly cumulative: number[] = [];
	private readonly total: number;

	constructor(
		readonly items: readonly T[],
		weights: readonly number[]
	) {
		let sum = 0;
		for (const w of weights) {
			sum += w;
			this.cumulative.push(sum);
		}
		this.total = sum;
	}

	pick(rng: Rng): T {
		const u = rng() * this.total;
		const c = this.cumulative;
		for (let i = 0; i < c.length; i++) if (u < c[i]) return this.items[i];
		return this.items[this.items.length - 1];
	}
}

// ---------------------------------------------------------------------------------------------
// Municipalities, routes and funds (demo-data.md)
// ---------------------------------------------------------------------------------------------

type Step = 0 | 1 | 2 | 3 | 4 | 5;

interface Route {
	name: string;
	step: Step;
	weight: number;
	/** Multiplies the lead time: a call on the bellijst is quicker than a table. */
	pace: number;
}

interface GemeenteProfile {
	code: string;
	/** Ways the export names the municipality besides the GM code. */
	names: readonly string[];
	prefix: string;
	weight: number;
	/** Share of cases that carry a kwestie label. */
	kwestieShare: number;
	/** Share of dates written YYYY-MM-DD. */
	isoShare: number;
	routes: readonly Route[];
	/** Multipliers on the kwestie pool and the situations: what this municipality runs into most. */
	focus: Readonly<Record<string, number>>;
}

function route(name: string, step: Step, weight: number, pace = 1): Route {
	return { name, step, weight, pace };
}

const K = {
	huurtoeslag: 'Huurtoeslag stopt bij adresonderzoek vorige bewoner',
	jongerennorm: 'Jongerennorm bijstand bij jongere zonder verdiencapaciteit',
	partnernorm: 'Lagere bijstandsnorm door niet-rechthebbende partner',
	alokop: 'ALO-kop teruggevorderd bij partner in buitenland zonder BSN',
	kinderbijslag: 'Kinderbijslag niet voor familielid dat het kind verzorgt',
	verblijf: 'Verblijfsvergunning een dag te laat verlengd',
	id: 'Geen ID-bewijs, geen hulp',
	wsnp: 'WSNP eindigt bij overlijden schuldenaar',
	schadevergoeding: 'Schulden uit schadevergoedingsmaatregel niet in schuldregeling',
	wlz: 'Wlz afgewezen wegens niveau 1-diploma',
	hbo: 'Hbo-eis voor Wmo-hulpverlener',
	remigrant: 'Remigrant met Wlz-zorgvraag betaalt eerste jaar zelf',
	inburgering: 'Inburgeringslening terugbetalen na mislukte inburgering',
	stemtolk: 'Stemtolk geweigerd omdat kind hoort',
	leerlingenvervoer: 'Leerlingenvervoer niet geregeld, kind zit thuis',
	jeugdhulp: 'Jeugdhulp alleen op Nederlandse bodem',
	zorgmijder: 'Zorgmijder veroorzaakt overlast, hulp niet af te dwingen'
} as const;

const GEMEENTEN: readonly GemeenteProfile[] = [
	{
		code: 'GM0363',
		names: ['Amsterdam', '0363'],
		prefix: 'AMS',
		weight: 30,
		kwestieShare: 0.5,
		isoShare: 0.1,
		routes: [route('Maatwerkcoach', 1, 50), route('Doorbraakteam', 2, 38, 0.8), route('Buurtteam', 0, 12)],
		focus: { [K.jongerennorm]: 2, [K.id]: 2, [K.verblijf]: 1.5, [K.zorgmijder]: 1.5 }
	},
	{
		code: 'GM0518',
		names: ['Den Haag', "'s-Gravenhage", '0518'],
		prefix: 'DH',
		weight: 20,
		kwestieShare: 0.6,
		isoShare: 0.1,
		routes: [
			route('Doorbraakcoach', 1, 45),
			route('Doorbraaklab', 2, 35),
			route('Sociaal casemanager', 0, 12),
			route('Regisseur JMO', 0, 8)
		],
		focus: { [K.verblijf]: 3, [K.id]: 2, [K.alokop]: 2 }
	},
	{
		code: 'GM0344',
		names: ['Utrecht', '0344'],
		prefix: 'UTR',
		weight: 15,
		kwestieShare: 0.5,
		isoShare: 0.15,
		routes: [
			route('Koploper', 0, 15),
			route('Bellijst', 1, 30, 0.35),
			route('Wijktafel Overvecht', 2, 14),
			route('Wijktafel Kanaleneiland', 2, 12),
			route('Wijktafel Zuilen', 2, 9),
			route('Wijktafel Ondiep', 2, 8),
			route('Stedelijke tafel', 2, 12, 1.2)
		],
		focus: { [K.huurtoeslag]: 3, [K.id]: 1.5, boodschappen: 1.5 }
	},
	{
		code: 'GM0080',
		names: ['Leeuwarden', '0080'],
		prefix: 'LW',
		weight: 8,
		kwestieShare: 0.45,
		isoShare: 0.05,
		// The kwaliteitsteam analyses cases (kwesties, recurring solutions); it is not a route that handles them.
		routes: [route('Maatwerkcoach', 1, 62), route('Casusteam', 2, 38)],
		focus: { [K.wlz]: 2, [K.hbo]: 2, schoolspullen: 4, boodschappen: 4 }
	},
	{
		code: 'GM0074',
		names: ['Heerenveen', '0074'],
		prefix: 'HV',
		weight: 3,
		kwestieShare: 0.35,
		isoShare: 0.05,
		routes: [
			route('Gezinswerker', 0, 40),
			route('Team van deskundigen', 2, 35),
			route('Dialoogtafel', 2, 25, 1.3)
		],
		focus: { [K.leerlingenvervoer]: 3 }
	},
	{
		code: 'GM0479',
		names: ['Zaanstad', '0479'],
		prefix: 'ZS',
		weight: 8,
		kwestieShare: 0.5,
		isoShare: 0.2,
		routes: [
			route('Sociaal wijkteam', 0, 40),
			route('Stedelijke Toegang MCC', 1, 30),
			route('Team Vangnet', 2, 30, 0.7)
		],
		focus: { [K.partnernorm]: 2, [K.schadevergoeding]: 2 }
	},
	{
		code: 'GM0193',
		names: ['Zwolle', '0193'],
		prefix: 'ZW',
		weight: 7.5,
		kwestieShare: 0.5,
		isoShare: 0.6,
		routes: [
			route('Sociaal wijkteam', 0, 40),
			route('Viergesprek', 1, 30),
			route('Regionaal Expertteam', 2, 30, 1.4)
		],
		focus: { [K.leerlingenvervoer]: 2, [K.kinderbijslag]: 2 }
	},
	{
		code: 'GM0882',
		names: ['Landgraaf', '0882'],
		prefix: 'LG',
		weight: 3.5,
		kwestieShare: 0.5,
		isoShare: 0.05,
		routes: [
			route('Consulent', 0, 35),
			route('OMO-functionaris', 2, 35),
			route('Overlegtafel', 2, 20),
			route('Portefeuillehouder', 3, 7, 1.2),
			route('College', 3, 3, 1.5)
		],
		focus: { [K.zorgmijder]: 4, psychwonen: 1.5 }
	}
];

const GEMEENTE_INDEX = new Map(GEMEENTEN.map((g, i) => [g.code, i]));

/** Earmarked funds per municipality with their yearly budget; `regulier` (the regular budget) has none. */
const FUNDS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
	GM0363: [['Doorbraakfonds', 750_000]],
	GM0518: [['doorbraakbudget', 400_000]],
	GM0344: [
		['OMO-fonds', 500_000],
		['voorkom-erger-potje', 40_000]
	],
	GM0080: [
		['doorpakbudget', 15_000],
		['maatwerkmiddelen', 120_000]
	],
	GM0074: [['planbudget', 40_000]],
	GM0479: [['maatwerkbudget', 100_000]],
	GM0193: [['maatwerkbudget', 90_000]],
	GM0882: [['stelpost', 50_000]]
};

/** Budgets per municipality, fund and year, as `fund set` would record them. */
export function demoFunds(years: number[]): DemoFund[] {
	const funds: DemoFund[] = [];
	for (const g of GEMEENTEN) {
		for (const [name, budget] of FUNDS[g.code]) {
			for (const year of years) funds.push({ gemeente: g.code, name, year, budget });
		}
	}
	return funds;
}

/** The fund a solution of this cost is paid from in this municipality. */
function fundFor(rng: Rng, code: string, cost: number): string {
	const r = rng();
	switch (code) {
		case 'GM0363':
			return r < 0.75 ? 'Doorbraakfonds' : 'regulier';
		case 'GM0518':
			return r < 0.75 ? 'doorbraakbudget' : 'regulier';
		case 'GM0344':
			if (cost <= 500) return r < 0.85 ? 'voorkom-erger-potje' : 'regulier';
			return r < 0.8 ? 'OMO-fonds' : 'regulier';
		case 'GM0080':
			if (cost < 100) return r < 0.9 ? 'doorpakbudget' : 'regulier';
			return r < 0.75 ? 'maatwerkmiddelen' : 'regulier';
		case 'GM0074':
			return r < 0.85 ? 'planbudget' : 'regulier';
		case 'GM0882':
			return r < 0.85 ? 'stelpost' : 'regulier';
		default:
			return r < 0.8 ? 'maatwerkbudget' : 'regulier';
	}
}

// ---------------------------------------------------------------------------------------------
// Case profiles: the recurring kwesties and the everyday situations without a label
// ---------------------------------------------------------------------------------------------

type SavingsKind =
	| 'ontruiming'
	| 'uithuisplaatsing'
	| 'opvang'
	| 'uitkering'
	| 'schuld'
	| 'zorg'
	| 'ggz'
	| 'klein'
	| 'gezin'
	| 'onderwijs';

interface Savings {
	low: readonly [number, number];
	factor: readonly [number, number];
	baten: readonly string[];
}

/** What doing nothing would have cost (the kassabon's other side), by what was avoided. */
const SAVINGS: Readonly<Record<SavingsKind, Savings>> = {
	ontruiming: { low: [5_000, 12_000], factor: [1.8, 3.5], baten: ['woningcorporatie', 'gemeente'] },
	uithuisplaatsing: { low: [30_000, 60_000], factor: [1.3, 2.2], baten: ['gemeente', 'zorgaanbieder'] },
	opvang: { low: [15_000, 35_000], factor: [1.6, 3], baten: ['gemeente', 'woningcorporatie'] },
	uitkering: { low: [10_000, 25_000], factor: [2, 4], baten: ['gemeente', 'UWV'] },
	schuld: {
		low: [1_500, 6_000],
		factor: [1.5, 3],
		baten: ['gemeente', 'woningcorporatie', 'zorgverzekeraar']
	},
	zorg: { low: [4_000, 20_000], factor: [1.5, 4], baten: ['zorgverzekeraar', 'zorgkantoor', 'gemeente'] },
	ggz: { low: [8_000, 30_000], factor: [1.5, 3.5], baten: ['zorgverzekeraar', 'gemeente', 'politie'] },
	klein: { low: [300, 1_500], factor: [1.5, 3], baten: ['gemeente'] },
	// Landgraaf's family using up to about a million of care a year is the upper bound, not the rule.
	gezin: {
		low: [60_000, 200_000],
		factor: [1.5, 2.5],
		baten: ['gemeente', 'zorgverzekeraar', 'politie', 'zorgaanbieder']
	},
	onderwijs: { low: [2_000, 8_000], factor: [1.5, 3], baten: ['gemeente', 'onderwijs'] }
};

interface Solution {
	labels: readonly string[];
	/** Cost range in euros, or null when the solution costs the fund nothing. */
	cost: readonly [number, number] | null;
	weight: number;
	/** The solution is (partly) an advance: who may pay it back. */
	advance?: readonly string[];
}

interface WetGroup {
	p: number;
	alt: readonly string[];
}

interface Profile {
	/** Name of an unlabelled situation, for a municipality's focus. */
	id?: string;
	kwestie?: string;
	/** Spellings of the label that fold to the same key (accents), besides case and spacing. */
	variants?: readonly string[];
	leefgebieden: readonly string[];
	extra?: readonly (readonly [string, number])[];
	organisaties: readonly (readonly [string, number])[];
	wetten: readonly WetGroup[];
	knelpunt: readonly (readonly [string, number])[];
	solutions: readonly Solution[];
	savings: readonly SavingsKind[];
	/** Problem sentences; `!` first: the sentence names the household itself. */
	summaries: readonly string[];
	/** Range for {bedrag} in the summaries. */
	amount?: readonly [number, number];
	pace?: number;
	weight: number;
}

function sol(
	labels: string | readonly string[],
	cost: readonly [number, number] | null,
	weight = 1,
	advance?: readonly string[]
): Solution {
	return { labels: typeof labels === 'string' ? [labels] : labels, cost, weight, advance };
}

function wet(p: number, ...alt: string[]): WetGroup {
	return { p, alt };
}

const KWESTIES: readonly Profile[] = [
	{
		kwestie: K.huurtoeslag,
		leefgebieden: ['financiën', 'wonen'],
		extra: [
			['psychische gezondheid', 0.25],
			['sociale relaties', 0.1]
		],
		organisaties: [
			['gemeente', 0.95],
			['Belastingdienst', 0.95],
			['woningcorporatie', 0.6],
			['bewindvoerder', 0.15]
		],
		wetten: [
			wet(1, 'Awir art. 2|Wht art. 7', 'Awir art. 2|Wht art. 7', 'Awir|Wht', 'Wht'),
			wet(0.5, 'Wet BRP')
		],
		knelpunt: [
			['4', 6],
			['2B', 3],
			['3', 2]
		],
		solutions: [
			sol('voorschot', [300, 2_500], 5, ['inwoner', 'inwoner', 'Belastingdienst']),
			sol('versnelde adrescorrectie', null, 3),
			sol(['betalingsregeling', 'voorschot'], [250, 1_500], 2, ['inwoner'])
		],
		savings: ['ontruiming', 'schuld'],
		summaries: [
			'Huurtoeslag stopgezet tijdens een adresonderzoek: de vorige bewoner staat nog op het adres ingeschreven. Huurachterstand van {bedrag} euro in {maanden} maanden.',
			'Toeslagen stoppen omdat de vorige huurder zich niet heeft uitgeschreven; het adresonderzoek loopt al {weken} weken en de verhuurder dreigt met ontruiming.',
			'Na verhuizing geen huurtoeslag: op het nieuwe adres staat nog iemand anders ingeschreven. Achterstand van {bedrag} euro.'
		],
		amount: [600, 3_500],
		pace: 1.2,
		weight: 10
	},
	{
		kwestie: K.jongerennorm,
		leefgebieden: ['financiën', 'werk en activiteiten'],
		extra: [
			['psychische gezondheid', 0.35],
			['wonen', 0.2]
		],
		organisaties: [
			['gemeente', 1],
			['UWV', 0.35],
			['zorgaanbieder', 0.25]
		],
		wetten: [wet(1, 'Pw art. 18|Pw art. 20', 'Pw art. 20', 'Pw'), wet(0.3, 'Wajong')],
		knelpunt: [
			['2A', 7],
			['2B', 3]
		],
		solutions: [
			sol('individualisering bijstandsnorm', null, 4),
			sol('bijzondere bijstand', [600, 3_000], 3),
			sol('hardheidsclausule', null, 2)
		],
		savings: ['uitkering', 'schuld'],
		summaries: [
			'Huishouden met een thuiswonende jongere ({jong}) zonder verdiencapaciteit krijgt de jongerennorm; het inkomen ligt {maandbedrag} euro per maand onder het bestaansminimum.',
			'Jongere ({jong}) met een beperking valt onder de jongerennorm terwijl werken niet mogelijk is; de ouders kunnen het tekort niet aanvullen.'
		],
		weight: 9
	},
	{
		kwestie: K.partnernorm,
		leefgebieden: ['financiën', 'sociale relaties'],
		extra: [
			['verblijf', 0.3],
			['wonen', 0.3]
		],
		organisaties: [
			['gemeente', 1],
			['IND', 0.25],
			['DUO', 0.15]
		],
		wetten: [wet(1, 'Pw art. 24', 'Pw art. 24', 'Pw'), wet(0.2, 'Vw 2000')],
		knelpunt: [
			['2B', 6],
			['2A', 4]
		],
		solutions: [
			sol('bijzondere bijstand', [500, 3_500], 3),
			sol('hardheidsclausule', null, 2),
			sol(['bijzondere bijstand', 'budgetcoaching'], [400, 2_000], 1)
		],
		savings: ['schuld', 'ontruiming'],
		summaries: [
			'Partner is gedetineerd en telt niet mee; de bijstand gaat naar de lagere norm voor een niet-rechthebbende partner. Tekort van {maandbedrag} euro per maand.',
			'Partner verblijft zonder verblijfsvergunning in Nederland; het huishouden met {kinderen} leeft van een verlaagde bijstandsnorm.',
			'Partner studeert en is jonger dan 27; het gezin komt {maandbedrag} euro per maand tekort.'
		],
		weight: 7
	},
	{
		kwestie: K.alokop,
		leefgebieden: ['financiën', 'sociale relaties'],
		extra: [['verblijf', 0.3]],
		organisaties: [
			['Belastingdienst', 1],
			['gemeente', 0.85]
		],
		wetten: [wet(1, 'Wkb', 'Wkb art. 2'), wet(0.6, 'Awir')],
		knelpunt: [
			['2B', 7],
			['4', 2]
		],
		solutions: [
			sol('kwijtschelding', null, 3),
			sol('betalingsregeling', null, 3),
			sol(['voorschot', 'betalingsregeling'], [500, 3_000], 2, ['inwoner'])
		],
		savings: ['schuld'],
		summaries: [
			'Alleenstaande-ouderkop werd automatisch toegekend terwijl de partner zonder BSN in het buitenland woont; nu volgt een terugvordering van {bedrag} euro.',
			'Terugvordering kindgebonden budget van {bedrag} euro: de partner woont in het buitenland en heeft geen BSN.'
		],
		amount: [1_500, 7_000],
		pace: 1.3,
		weight: 5
	},
	{
		kwestie: K.kinderbijslag,
		leefgebieden: ['financiën', 'opvoeden en opgroeien'],
		extra: [['sociale relaties', 0.4]],
		organisaties: [
			['SVB', 1],
			['gemeente', 0.9],
			['Veilig Thuis', 0.2],
			['zorgaanbieder', 0.2]
		],
		wetten: [wet(1, 'Akw art. 4|Akw art. 7', 'Akw art. 4', 'Akw'), wet(0.4, 'Pw'), wet(0.2, 'Jw')],
		knelpunt: [
			['2A', 6],
			['2B', 3]
		],
		solutions: [
			sol('bijzondere bijstand', [400, 2_400], 3),
			sol('hardheidsclausule', null, 2),
			sol('voorschot', [300, 1_500], 2, ['SVB', 'inwoner'])
		],
		savings: ['uithuisplaatsing', 'klein'],
		summaries: [
			'!Grootmoeder verzorgt {kinderen} van haar dochter, maar de kinderbijslag blijft naar de moeder gaan. Geen dubbele kinderbijslag naast de bijstand.',
			'!Tante vangt sinds {jaar} een neefje ({kind}) op; de kinderbijslag blijft naar de ouder gaan en kan niet worden overgezet.'
		],
		pace: 1.3,
		weight: 5
	},
	{
		kwestie: K.verblijf,
		variants: ['Verblijfsvergunning één dag te laat verlengd'],
		leefgebieden: ['verblijf', 'financiën'],
		extra: [
			['wonen', 0.5],
			['psychische gezondheid', 0.15]
		],
		organisaties: [
			['IND', 1],
			['Belastingdienst', 0.7],
			['SVB', 0.4],
			['UWV', 0.15],
			['gemeente', 0.9]
		],
		wetten: [wet(1, 'Vw 2000'), wet(0.6, 'Awir'), wet(0.3, 'Akw'), wet(0.4, 'Pw')],
		knelpunt: [
			['4', 8],
			['2B', 2]
		],
		solutions: [
			sol('voorschot', [500, 4_000], 4, ['inwoner', 'Belastingdienst', 'SVB']),
			sol('spoedprocedure', null, 2),
			sol(['voorschot', 'betalingsregeling'], [400, 2_500], 2, ['inwoner'])
		],
		savings: ['ontruiming', 'schuld'],
		summaries: [
			'Verblijfsvergunning werd een dag te laat verlengd. Huurtoeslag, zorgtoeslag en kinderbijslag stopten; het herstel duurt al {maanden} maanden.',
			'Door een dag te late verlenging van de verblijfsvergunning is de bijstand stopgezet en loopt een huurachterstand op van {bedrag} euro.'
		],
		amount: [800, 4_500],
		pace: 1.5,
		weight: 9
	},
	{
		kwestie: K.id,
		leefgebieden: ['verblijf', 'financiën'],
		extra: [
			['wonen', 0.6],
			['psychische gezondheid', 0.2]
		],
		organisaties: [
			['gemeente', 1],
			['IND', 0.4],
			['anders', 0.4]
		],
		wetten: [wet(1, 'Wet BRP'), wet(0.5, 'Pw'), wet(0.3, 'Vw 2000')],
		knelpunt: [
			['4', 9],
			['6', 2]
		],
		solutions: [
			sol(['leges betaald', 'briefadres'], [60, 250], 4),
			sol('ID-aanvraag begeleid', [80, 180], 3),
			sol('briefadres', null, 2)
		],
		savings: ['opvang'],
		summaries: [
			'Inwoner is niet in Nederland geboren en heeft geen geldig identiteitsbewijs; zonder ID geen uitkering, zonder uitkering geen leges voor een ID.',
			'Geen ID-bewijs: inschrijving in de BRP, bankrekening en bijstand lopen vast. Dakloos sinds {jaar}.'
		],
		weight: 8
	},
	{
		kwestie: K.wsnp,
		leefgebieden: ['financiën', 'zingeving', 'sociale relaties'],
		organisaties: [
			['bewindvoerder', 1],
			['gemeente', 0.9]
		],
		wetten: [wet(1, 'Fw'), wet(0.4, 'Wgs')],
		knelpunt: [['2B', 1]],
		solutions: [
			sol('kwijtschelding', null, 2),
			sol(['nalatenschap verworpen', 'budgetcoaching'], [200, 900], 1)
		],
		savings: ['schuld'],
		summaries: [
			'Schuldenaar overleed een maand voor de schone lei; de schulden van {bedrag} euro vallen nu op de nalatenschap en de achterblijvende partner.'
		],
		amount: [8_000, 40_000],
		weight: 0
	},
	{
		kwestie: K.schadevergoeding,
		leefgebieden: ['financiën', 'veiligheid en justitie'],
		extra: [['psychische gezondheid', 0.2]],
		organisaties: [
			['CJIB', 1],
			['gemeente', 0.9],
			['bewindvoerder', 0.5],
			['OM', 0.2]
		],
		wetten: [wet(1, 'Sr art. 36f', 'Sr'), wet(0.7, 'Wgs')],
		knelpunt: [
			['2B', 7],
			['3', 2]
		],
		solutions: [sol('betalingsregeling', null, 3), sol('saneringskrediet', [1_500, 6_000], 2, ['inwoner'])],
		savings: ['schuld', 'ontruiming'],
		summaries: [
			'Schuld van {bedrag} euro uit een schadevergoedingsmaatregel kan niet mee in de schuldregeling; de overige {schuldeisers} schuldeisers gaan wel akkoord.'
		],
		amount: [1_200, 9_000],
		pace: 1.2,
		weight: 4
	},
	{
		kwestie: K.wlz,
		leefgebieden: ['lichamelijke gezondheid', 'psychische gezondheid'],
		extra: [['zelfzorg', 0.5]],
		organisaties: [
			['CIZ', 1],
			['zorgkantoor', 0.6],
			['zorgaanbieder', 0.7],
			['gemeente', 0.9]
		],
		wetten: [wet(1, 'Wlz', 'Wlz art. 3.2.1'), wet(0.6, 'Wmo 2015')],
		knelpunt: [
			['2A', 4],
			['5', 4]
		],
		solutions: [sol('herindicatie', null, 3), sol('maatwerkvoorziening', [1_500, 8_000], 3)],
		savings: ['zorg'],
		summaries: [
			'Het CIZ wijst de Wlz af omdat een oud diploma op niveau 1 zou aantonen dat de inwoner kan leren; de Wmo schiet tekort voor de zorgvraag.',
			'Wlz-indicatie geweigerd vanwege een diploma op niveau 1 van jaren geleden; de inwoner heeft 24 uur toezicht nodig.'
		],
		pace: 1.4,
		weight: 5
	},
	{
		kwestie: K.hbo,
		leefgebieden: ['lichamelijke gezondheid', 'sociale relaties'],
		extra: [['psychische gezondheid', 0.4]],
		organisaties: [
			['gemeente', 1],
			['zorgaanbieder', 1]
		],
		wetten: [wet(1, 'Wmo 2015')],
		knelpunt: [
			['5', 6],
			['2A', 3]
		],
		solutions: [sol('tarief aangevuld', [800, 4_000], 3), sol('hardheidsclausule', null, 2)],
		savings: ['zorg', 'ggz'],
		summaries: [
			'De vertrouwde hulpverlener krijgt een lager Wmo-tarief omdat zij geen hbo-diploma heeft; de inwoner accepteert geen andere hulp.'
		],
		weight: 4
	},
	{
		kwestie: K.remigrant,
		leefgebieden: ['lichamelijke gezondheid', 'financiën', 'verblijf'],
		organisaties: [
			['zorgkantoor', 1],
			['SVB', 0.8],
			['CAK', 0.5],
			['gemeente', 0.8]
		],
		wetten: [wet(1, 'Wlz'), wet(0.4, 'Zvw')],
		knelpunt: [['2B', 1]],
		solutions: [sol('overbruggingsprocedure', [3_000, 12_000], 1, ['zorgkantoor', 'SVB'])],
		savings: ['zorg'],
		summaries: [
			'Teruggekeerde Nederlander met een zware zorgvraag is het eerste jaar niet Wlz-verzekerd; verpleeghuiskosten van {bedrag} euro per maand.'
		],
		amount: [4_000, 7_000],
		pace: 1.6,
		weight: 0
	},
	{
		kwestie: K.inburgering,
		leefgebieden: ['financiën', 'onderwijs', 'verblijf'],
		organisaties: [
			['DUO', 1],
			['gemeente', 0.9]
		],
		wetten: [wet(1, 'Wi 2021')],
		knelpunt: [['2B', 1]],
		solutions: [sol('kwijtschelding', null, 1), sol('betalingsregeling', null, 1)],
		savings: ['schuld'],
		summaries: [
			'Inburgering onder de oude wet mislukte; DUO vordert een lening van 10.000 euro terug van een huishouden in de bijstand.'
		],
		pace: 1.5,
		weight: 0
	},
	{
		kwestie: K.stemtolk,
		leefgebieden: ['onderwijs', 'opvoeden en opgroeien', 'sociale relaties'],
		organisaties: [
			['onderwijs', 1],
			['gemeente', 0.9],
			['zorgaanbieder', 0.5]
		],
		wetten: [wet(1, 'Wpo'), wet(0.5, 'Jw')],
		knelpunt: [['2A', 1]],
		solutions: [sol('tolkvoorziening', [600, 2_500], 1)],
		savings: ['onderwijs'],
		summaries: [
			'!Dove ouders krijgen geen stemtolk omdat het kind zelf hoort; aangepast lesmateriaal mag niet mee van cluster 3 naar cluster 2.'
		],
		weight: 0
	},
	{
		kwestie: K.leerlingenvervoer,
		leefgebieden: ['onderwijs', 'opvoeden en opgroeien'],
		extra: [['psychische gezondheid', 0.3]],
		organisaties: [
			['onderwijs', 1],
			['gemeente', 1],
			['zorgaanbieder', 0.4]
		],
		wetten: [wet(1, 'Lpw'), wet(0.6, 'Wpo'), wet(0.4, 'Jw')],
		knelpunt: [
			['3', 8],
			['5', 1]
		],
		solutions: [
			sol('vervoer geregeld', [400, 3_000], 4),
			sol('overbruggingsprocedure', [500, 2_500], 1, ['gemeente', 'onderwijs'])
		],
		savings: ['onderwijs'],
		summaries: [
			'!Kind ({kind}) zit al {weken} weken thuis omdat niemand het leerlingenvervoer regelt; meer dan 60 mails over wie betaalt.',
			'Leerlingenvervoer naar de nieuwe school is niet geregeld; school, gemeente en zorgaanbieder wijzen naar elkaar en het kind zit thuis.'
		],
		weight: 5
	},
	{
		kwestie: K.jeugdhulp,
		leefgebieden: ['opvoeden en opgroeien', 'psychische gezondheid', 'sociale relaties'],
		organisaties: [
			['gemeente', 1],
			['zorgaanbieder', 1],
			['Veilig Thuis', 0.4]
		],
		wetten: [wet(1, 'Jw')],
		knelpunt: [['2B', 1]],
		solutions: [sol('overbruggingsprocedure', [2_000, 9_000], 1, ['gemeente'])],
		savings: ['uithuisplaatsing'],
		summaries: [
			'!Vader verhuist met getraumatiseerde kinderen naar het buitenland; de Jeugdwet dekt daar geen hulp en de behandeling stopt.'
		],
		weight: 0
	},
	{
		kwestie: K.zorgmijder,
		leefgebieden: ['psychische gezondheid', 'wonen', 'veiligheid en justitie'],
		extra: [
			['verslaving', 0.3],
			['sociale relaties', 0.3]
		],
		organisaties: [
			['gemeente', 1],
			['politie', 0.8],
			['zorgaanbieder', 0.7],
			['woningcorporatie', 0.6],
			['Veilig Thuis', 0.3],
			['OM', 0.2]
		],
		wetten: [wet(0.7, 'Wvggz'), wet(0.5, 'Wmo 2015'), wet(0.3, 'Jw')],
		knelpunt: [
			['1', 9],
			['6', 2]
		],
		solutions: [
			sol('bemoeizorg', [1_000, 6_000], 3),
			sol('niets doen', null, 1),
			sol(['aparte woonruimte', 'maandelijkse bijdrage'], [4_000, 12_000], 2)
		],
		savings: ['ggz', 'ontruiming', 'gezin'],
		summaries: [
			'!Gezin met {kinderen} weigert hulp; in vijf jaar waren er meer dan 250 politie-interventies. Verplichte zorg is niet mogelijk.',
			'Inwoner met vermoedelijk psychiatrische problematiek veroorzaakt overlast in de buurt en weigert elke vorm van hulp; de woningcorporatie overweegt ontruiming.'
		],
		pace: 1.3,
		weight: 6
	}
];

const GENERIC: readonly Profile[] = [
	{
		leefgebieden: ['financiën', 'wonen'],
		extra: [
			['psychische gezondheid', 0.3],
			['sociale relaties', 0.1],
			['werk en activiteiten', 0.08]
		],
		organisaties: [
			['gemeente', 0.95],
			['woningcorporatie', 0.9],
			['bewindvoerder', 0.3],
			['Belastingdienst', 0.1]
		],
		wetten: [wet(0.5, 'Wgs'), wet(0.5, 'Pw', 'Pw art. 35')],
		knelpunt: [
			['3', 4],
			['2A', 3],
			['6', 3]
		],
		solutions: [
			sol(['voorschot', 'betalingsregeling'], [800, 3_500], 3, ['inwoner']),
			sol('huurachterstand overgenomen', [800, 4_500], 2),
			sol('kwijtschelding', null, 1)
		],
		savings: ['ontruiming'],
		summaries: [
			'Huurachterstand van {bedrag} euro; de woningcorporatie heeft een ontruimingsvonnis aangevraagd.',
			'Schuld van {bedrag} euro bij {schuldeisers} schuldeisers sinds {jaar}; de huurachterstand dreigt tot ontruiming te leiden.'
		],
		amount: [900, 6_000],
		weight: 14
	},
	{
		leefgebieden: ['financiën'],
		extra: [
			['psychische gezondheid', 0.35],
			['werk en activiteiten', 0.15],
			['zingeving', 0.12],
			['wonen', 0.2]
		],
		organisaties: [
			['gemeente', 1],
			['bewindvoerder', 0.5],
			['Belastingdienst', 0.2],
			['CJIB', 0.05]
		],
		wetten: [wet(1, 'Wgs'), wet(0.3, 'Pw')],
		knelpunt: [
			['2A', 4],
			['5', 3],
			['6', 3]
		],
		solutions: [sol('voorschot', [1_000, 4_000], 4, ['inwoner']), sol('kwijtschelding', null, 1)],
		savings: ['schuld', 'ontruiming'],
		summaries: [
			'Schuldhulpverlening dreigt te stoppen door een nieuwe achterstand van {bedrag} euro; totale schuld {bedrag2} euro bij {schuldeisers} schuldeisers.',
			'Schuld van {bedrag2} euro bij {schuldeisers} schuldeisers sinds {jaar}; het schuldhulptraject loopt vast op een achterstand van {bedrag} euro.'
		],
		amount: [900, 4_000],
		weight: 12
	},
	{
		leefgebieden: ['financiën', 'werk en activiteiten'],
		extra: [['onderwijs', 0.3]],
		organisaties: [
			['gemeente', 0.9],
			['Belastingdienst', 0.5],
			['onderwijs', 0.3]
		],
		wetten: [wet(1, 'Wko'), wet(0.3, 'Pw')],
		knelpunt: [
			['2A', 5],
			['5', 2]
		],
		solutions: [sol('kinderopvangschuld afgelost', [800, 4_000], 1, ['inwoner'])],
		savings: ['uitkering'],
		summaries: [
			'!Alleenstaande ouder kan de opleiding niet afronden door een achterstand bij de kinderopvang van {bedrag} euro.'
		],
		amount: [800, 4_000],
		weight: 4
	},
	{
		leefgebieden: ['werk en activiteiten', 'financiën'],
		extra: [['lichamelijke gezondheid', 0.1]],
		organisaties: [
			['gemeente', 1],
			['werkgever', 0.3],
			['UWV', 0.2]
		],
		wetten: [wet(0.6, 'Pw')],
		knelpunt: [
			['2A', 4],
			['5', 3]
		],
		solutions: [sol('fiets', [150, 450], 3), sol('e-bike', [1_200, 2_400], 2)],
		savings: ['uitkering'],
		summaries: [
			'Inwoner kan werk of opleiding niet bereiken zonder vervoer; het openbaar vervoer rijdt niet op de tijden van de ploegendienst.',
			'Baan gevonden, maar de reis van {minuten} minuten per richting is zonder eigen vervoer niet te doen.'
		],
		weight: 5
	},
	{
		id: 'schoolspullen',
		leefgebieden: ['financiën', 'opvoeden en opgroeien'],
		extra: [['onderwijs', 0.2]],
		organisaties: [
			['gemeente', 1],
			['onderwijs', 0.5]
		],
		wetten: [wet(0.5, 'Pw')],
		knelpunt: [
			['6', 3],
			['2A', 2]
		],
		solutions: [
			sol(['gymkleding', 'rugzak'], [45, 99], 3),
			sol('gymkleding', [25, 80], 2),
			sol('rugzak', [20, 60], 1)
		],
		savings: ['klein'],
		summaries: [
			'Kinderen gaan zonder gymkleding en rugzak naar school; na de vaste lasten is er niets over.',
			'School meldt dat de kinderen niet meedoen met gym; er is geen geld voor kleding en schoenen.'
		],
		pace: 0.5,
		weight: 5
	},
	{
		id: 'boodschappen',
		leefgebieden: ['financiën'],
		extra: [
			['wonen', 0.2],
			['psychische gezondheid', 0.2]
		],
		organisaties: [
			['gemeente', 1],
			['UWV', 0.2],
			['SVB', 0.1]
		],
		wetten: [wet(1, 'Pw')],
		knelpunt: [
			['4', 3],
			['3', 2]
		],
		solutions: [sol('boodschappen', [40, 99], 3), sol('voorschot', [200, 800], 2, ['inwoner'])],
		savings: ['klein'],
		summaries: [
			'De uitkering komt pas na {weken} weken op gang; er is geen geld voor boodschappen.',
			'Het inkomen valt een maand weg door een wisseling van uitkering; de koelkast is leeg.'
		],
		pace: 0.4,
		weight: 6
	},
	{
		leefgebieden: ['opvoeden en opgroeien', 'psychische gezondheid'],
		extra: [['sociale relaties', 0.4]],
		organisaties: [
			['gemeente', 1],
			['zorgaanbieder', 0.8]
		],
		wetten: [wet(1, 'Jw')],
		knelpunt: [
			['5', 3],
			['2A', 2]
		],
		solutions: [sol('paardrijlessen', [450, 800], 1)],
		savings: ['uithuisplaatsing'],
		summaries: [
			'!Jongere van 14 dreigt uit huis geplaatst te worden; de reguliere jeugdhulp sluit niet aan en therapeutisch paardrijden wel.'
		],
		weight: 3
	},
	{
		leefgebieden: ['lichamelijke gezondheid', 'werk en activiteiten'],
		extra: [
			['financiën', 0.6],
			['zingeving', 0.3]
		],
		organisaties: [
			['gemeente', 1],
			['zorgverzekeraar', 0.6]
		],
		wetten: [wet(0.7, 'Zvw'), wet(0.4, 'Pw')],
		knelpunt: [
			['2B', 3],
			['2A', 2]
		],
		solutions: [sol('tandartsbehandeling', [1_500, 6_500], 1)],
		savings: ['uitkering'],
		summaries: [
			'!Vader kan door een slecht gebit niet werken en durft niet meer naar school te komen; de behandeling valt buiten de basisverzekering.'
		],
		weight: 4
	},
	{
		leefgebieden: ['sociale relaties', 'wonen', 'psychische gezondheid'],
		organisaties: [
			['gemeente', 1],
			['woningcorporatie', 0.4],
			['zorgaanbieder', 0.5]
		],
		wetten: [wet(0.5, 'Jw'), wet(0.5, 'Wmo 2015')],
		knelpunt: [
			['3', 3],
			['5', 2]
		],
		solutions: [sol(['tijdelijke woonruimte', 'maandelijkse bijdrage'], [1_500, 6_000], 1)],
		savings: ['uithuisplaatsing'],
		summaries: [
			'Spanningen thuis lopen hoog op; tijdelijk aparte woonruimte voor een van de gezinsleden brengt rust.'
		],
		weight: 3
	},
	{
		leefgebieden: ['wonen', 'veiligheid en justitie'],
		extra: [
			['psychische gezondheid', 0.5],
			['sociale relaties', 0.4]
		],
		organisaties: [
			['woningcorporatie', 1],
			['Veilig Thuis', 0.7],
			['gemeente', 0.9]
		],
		wetten: [wet(0.6, 'Gemeentelijke regelgeving'), wet(0.3, 'Jw')],
		knelpunt: [
			['2A', 3],
			['5', 2]
		],
		solutions: [sol('urgentie', null, 1)],
		savings: ['opvang'],
		summaries: [
			'!Jongere moet na huiselijk geweld weg uit huis; geen urgentie voor een jongerenwoning omdat de situatie niet in de regels past.'
		],
		weight: 4
	},
	{
		leefgebieden: ['veiligheid en justitie', 'financiën'],
		extra: [['wonen', 0.3]],
		organisaties: [
			['OM', 1],
			['CJIB', 0.5],
			['gemeente', 0.8],
			['politie', 0.3]
		],
		wetten: [wet(0.6, 'Sr')],
		knelpunt: [
			['4', 3],
			['3', 2]
		],
		solutions: [sol('signalering opgeheven', null, 1)],
		savings: ['uitkering'],
		summaries: ['Een oude gerechtelijke signalering staat een baan en een woning in de weg.'],
		pace: 1.3,
		weight: 2
	},
	{
		leefgebieden: ['wonen', 'veiligheid en justitie', 'financiën'],
		organisaties: [
			['gemeente', 1],
			['politie', 0.2],
			['anders', 0.3]
		],
		wetten: [wet(0.6, 'Wet BRP'), wet(0.7, 'Pw')],
		knelpunt: [
			['4', 3],
			['3', 2]
		],
		solutions: [sol(['briefadres', 'bijzondere bijstand'], [100, 600], 2), sol('briefadres', null, 1)],
		savings: ['opvang'],
		summaries: [
			'Inwoner komt uit detentie zonder woning en zonder inkomen; zonder briefadres geen uitkering.'
		],
		weight: 3
	},
	{
		leefgebieden: ['lichamelijke gezondheid', 'zelfzorg'],
		extra: [
			['psychische gezondheid', 0.3],
			['financiën', 0.2]
		],
		organisaties: [
			['gemeente', 1],
			['zorgkantoor', 0.8],
			['zorgaanbieder', 0.7],
			['CIZ', 0.15]
		],
		wetten: [wet(1, 'Wmo 2015'), wet(0.8, 'Wlz')],
		knelpunt: [
			['3', 6],
			['2B', 2]
		],
		solutions: [
			sol('overbruggingsprocedure', [1_500, 9_000], 2, ['zorgkantoor', 'gemeente']),
			sol('maatwerkvoorziening', [1_000, 5_000], 2)
		],
		savings: ['zorg'],
		summaries: [
			'De zorgvraag valt tussen Wmo en Wlz; gemeente en zorgkantoor wijzen naar elkaar en de zorg wacht.'
		],
		pace: 1.2,
		weight: 4
	},
	{
		id: 'psychwonen',
		leefgebieden: ['psychische gezondheid', 'wonen'],
		extra: [
			['financiën', 0.4],
			['verslaving', 0.25],
			['zingeving', 0.15]
		],
		organisaties: [
			['zorgaanbieder', 0.9],
			['woningcorporatie', 0.7],
			['gemeente', 0.95],
			['zorgverzekeraar', 0.2]
		],
		wetten: [wet(0.6, 'Wmo 2015'), wet(0.3, 'Wvggz'), wet(0.3, 'Zvw')],
		knelpunt: [
			['3', 3],
			['6', 3],
			['5', 2]
		],
		solutions: [
			sol('begeleid wonen', [2_000, 9_000], 2),
			sol('woonbegeleiding', [800, 4_000], 2),
			sol('voorschot', [500, 2_500], 1, ['inwoner'])
		],
		savings: ['ggz', 'ontruiming'],
		summaries: [
			'Inwoner met psychische problemen dreigt de woning kwijt te raken door overlast en achterstallige huur; de hulp komt niet op gang.',
			'Na een opname in de GGZ is er geen passende woonplek; terugkeer naar de oude woning lukt niet.'
		],
		weight: 7
	},
	{
		leefgebieden: ['zingeving', 'psychische gezondheid', 'sociale relaties'],
		extra: [['financiën', 0.4]],
		organisaties: [
			['gemeente', 1],
			['zorgaanbieder', 0.6]
		],
		wetten: [wet(0.7, 'Wmo 2015')],
		knelpunt: [
			['6', 3],
			['5', 2]
		],
		solutions: [sol('dagbesteding', [500, 3_000], 1)],
		savings: ['ggz', 'zorg'],
		summaries: [
			'!Oudere inwoner raakt na het verlies van de partner in een isolement; post blijft ongeopend en schulden stapelen zich op.'
		],
		weight: 3
	},
	{
		leefgebieden: ['verslaving', 'financiën'],
		extra: [['wonen', 0.4]],
		organisaties: [
			['zorgaanbieder', 1],
			['bewindvoerder', 0.5],
			['gemeente', 0.9]
		],
		wetten: [wet(0.5, 'Zvw'), wet(0.5, 'Wgs')],
		knelpunt: [
			['3', 3],
			['6', 3]
		],
		solutions: [sol(['budgetbeheer', 'verslavingszorg'], [500, 3_000], 1)],
		savings: ['ggz'],
		summaries: [
			'Verslaving en schulden versterken elkaar; de verslavingszorg vraagt eerst stabiele financiën en de schuldhulp eerst stabiliteit.'
		],
		weight: 2
	},
	{
		leefgebieden: ['werk en activiteiten', 'financiën'],
		extra: [['psychische gezondheid', 0.3]],
		organisaties: [
			['UWV', 1],
			['gemeente', 1]
		],
		wetten: [wet(0.5, 'WIA'), wet(0.3, 'WW'), wet(0.6, 'Pw')],
		knelpunt: [
			['4', 3],
			['3', 2]
		],
		solutions: [sol('voorschot', [500, 2_500], 3, ['inwoner', 'UWV']), sol('spoedprocedure', null, 1)],
		savings: ['uitkering', 'ontruiming'],
		summaries: [
			'De uitkering van het UWV stopt na een herbeoordeling; de aanvraag voor bijstand duurt {weken} weken.'
		],
		pace: 1.2,
		weight: 5
	},
	{
		leefgebieden: ['financiën', 'onderwijs'],
		extra: [['psychische gezondheid', 0.3]],
		organisaties: [
			['DUO', 1],
			['gemeente', 0.8]
		],
		wetten: [wet(1, 'WSF 2000')],
		knelpunt: [
			['2B', 3],
			['2A', 2]
		],
		solutions: [sol('betalingsregeling', null, 1), sol('kwijtschelding', null, 1)],
		savings: ['schuld'],
		summaries: ['Studieschuld van {bedrag} euro loopt op terwijl de opleiding door ziekte moest stoppen.'],
		amount: [5_000, 25_000],
		pace: 1.3,
		weight: 2
	},
	{
		leefgebieden: ['financiën', 'lichamelijke gezondheid'],
		extra: [['psychische gezondheid', 0.3]],
		organisaties: [
			['zorgverzekeraar', 1],
			['CAK', 0.4],
			['gemeente', 1]
		],
		wetten: [wet(1, 'Zvw')],
		knelpunt: [
			['2B', 3],
			['6', 2]
		],
		solutions: [sol(['betalingsregeling', 'bijzondere bijstand'], [300, 1_800], 1)],
		savings: ['zorg'],
		summaries: ['Premieachterstand bij de zorgverzekeraar van {bedrag} euro; de zorg wordt uitgesteld.'],
		amount: [600, 3_000],
		weight: 3
	},
	{
		leefgebieden: ['verblijf', 'financiën'],
		extra: [['wonen', 0.4]],
		organisaties: [
			['IND', 0.8],
			['Belastingdienst', 0.5],
			['gemeente', 1]
		],
		wetten: [wet(0.8, 'Vw 2000'), wet(0.4, 'Awir'), wet(0.4, 'Pw')],
		knelpunt: [
			['4', 3],
			['3', 2]
		],
		solutions: [sol('voorschot', [400, 2_000], 1, ['inwoner', 'Belastingdienst'])],
		savings: ['schuld'],
		summaries: ['Statushouder wacht op gezinshereniging; toeslagen en bijstand sluiten niet op elkaar aan.'],
		pace: 1.3,
		weight: 4
	}
];

/** Per municipality, the everyday situations without a kwestie label. */
const GENERIC_TABLES: readonly Weighted<Profile>[] = GEMEENTEN.map(
	(g) =>
		new Weighted(
			GENERIC,
			GENERIC.map((p) => p.weight * (g.focus[p.id ?? ''] ?? 1))
		)
);

/** Per municipality, the kwesties that arise at random (the rare ones only arrive planted). */
const KWESTIE_TABLES: readonly Weighted<Profile>[] = GEMEENTEN.map((g) => {
	const pool = KWESTIES.filter((p) => p.weight > 0);
	return new Weighted(
		pool,
		pool.map((p) => p.weight * (g.focus[p.kwestie ?? ''] ?? 1))
	);
});

const KWESTIE_BY_LABEL = new Map(KWESTIES.map((p) => [p.kwestie as string, p]));

const GEMEENTE_TABLE = new Weighted(
	GEMEENTEN.map((_, i) => i),
	GEMEENTEN.map((g) => g.weight)
);

const ROUTE_TABLES = GEMEENTEN.map(
	(g) =>
		new Weighted(
			g.routes,
			g.routes.map((r) => r.weight)
		)
);

const NATIONAL = new Set(['Belastingdienst', 'IND', 'SVB', 'DUO', 'UWV', 'CAK', 'CJIB', 'CIZ']);

/** Ministries a professional would name for an organisation or a law (the column is filled by hand). */
const MINISTRY_OF: Readonly<Record<string, string>> = {
	IND: 'JenV',
	CJIB: 'JenV',
	OM: 'JenV',
	politie: 'JenV',
	'Veilig Thuis': 'VWS',
	Belastingdienst: 'FIN',
	SVB: 'SZW',
	UWV: 'SZW',
	DUO: 'OCW',
	onderwijs: 'OCW',
	CIZ: 'VWS',
	CAK: 'VWS',
	zorgkantoor: 'VWS',
	zorgverzekeraar: 'VWS',
	zorgaanbieder: 'VWS',
	Pw: 'SZW',
	Jw: 'VWS',
	'Wmo 2015': 'VWS',
	Wlz: 'VWS',
	Zvw: 'VWS',
	Wvggz: 'VWS',
	Awir: 'FIN',
	Wht: 'FIN',
	Wkb: 'FIN',
	Wko: 'SZW',
	Akw: 'SZW',
	Wgs: 'SZW',
	Fw: 'JenV',
	'Wet BRP': 'BZK',
	'Vw 2000': 'JenV',
	'Wi 2021': 'SZW',
	'WSF 2000': 'OCW',
	WIA: 'SZW',
	WW: 'SZW',
	Wajong: 'SZW',
	Sr: 'JenV',
	Lpw: 'OCW',
	Wpo: 'OCW'
};

/** How often a professional fills in a ministry once it is in view: VWS most, then JenV and SZW. */
const MINISTRY_WEIGHT: Readonly<Record<string, number>> = {
	VWS: 0.85,
	JenV: 0.8,
	SZW: 0.4,
	FIN: 0.45,
	OCW: 0.6,
	BZK: 0.5
};

const MINISTRY_ORDER = ['BZK', 'JenV', 'OCW', 'SZW', 'VWS', 'FIN'];

/** Share of cases that name ministries, by the highest step reached: rarely in a team, mostly from bestuurlijk up. */
const MINISTRY_SHARE = [0.02, 0.03, 0.06, 0.6, 0.9, 0.95];

/** Domains a professional adds besides the situation's own. */
const EXTRA_DOMAINS = [
	'zingeving',
	'zingeving',
	'zingeving',
	'lichamelijke gezondheid',
	'lichamelijke gezondheid',
	'psychische gezondheid',
	'financiën',
	'wonen'
];

/** Parties where avoided costs can fall. */
const BENEFICIARIES = new Set([
	'gemeente',
	'woningcorporatie',
	'zorgverzekeraar',
	'zorgkantoor',
	'zorgaanbieder',
	'UWV',
	'SVB',
	'Belastingdienst',
	'politie',
	'onderwijs'
]);

const HEALTH_DOMAINS = new Set([
	'psychische gezondheid',
	'lichamelijke gezondheid',
	'opvoeden en opgroeien',
	'verslaving',
	'zelfzorg'
]);

// ---------------------------------------------------------------------------------------------
// Text: households, outcomes, label variants
// ---------------------------------------------------------------------------------------------

const NUMBER_WORDS = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven'];

function children(rng: Rng): string {
	const n = weighted(rng, [
		[1, 3],
		[2, 4],
		[3, 3],
		[4, 1.5],
		[5, 0.6],
		[6, 0.3]
	] as const);
	return n === 1 ? 'een kind' : `${NUMBER_WORDS[n]} kinderen`;
}

function household(rng: Rng): string {
	switch (
		weighted(rng, [
			[0, 5],
			[1, 2],
			[2, 5],
			[3, 4],
			[4, 2],
			[5, 2],
			[6, 1.5],
			[7, 1]
		] as const)
	) {
		case 0:
			return `Alleenstaande moeder met ${children(rng)}`;
		case 1:
			return `Alleenstaande vader met ${children(rng)}`;
		case 2:
			return `Gezin met ${children(rng)}`;
		case 3:
			return `Alleenstaande man (${intBetween(rng, 25, 64)})`;
		case 4:
			return `Alleenstaande vrouw (${intBetween(rng, 25, 70)})`;
		case 5:
			return `Jongvolwassene (${intBetween(rng, 18, 23)})`;
		case 6:
			return 'Stel zonder kinderen';
		default:
			return 'Ouder echtpaar';
	}
}

/** Dutch phrase per solution label for the summary; unlisted labels are used as they are. */
const SOLUTION_TEXT: Readonly<Record<string, string>> = {
	voorschot: 'voorschot verstrekt',
	hardheidsclausule: 'hardheidsclausule toegepast',
	kwijtschelding: 'kwijtschelding verleend',
	urgentie: 'urgentie toegekend',
	fiets: 'fiets geregeld',
	'e-bike': 'e-bike geregeld',
	gymkleding: 'gymkleding gekocht',
	rugzak: 'rugzak gekocht',
	boodschappen: 'boodschappen betaald',
	tandartsbehandeling: 'tandartsbehandeling betaald',
	paardrijlessen: 'tien therapeutische paardrijlessen',
	'kinderopvangschuld afgelost': 'achterstand kinderopvang afgelost, de helft vervalt bij het diploma',
	'bijzondere bijstand': 'bijzondere bijstand toegekend',
	betalingsregeling: 'betalingsregeling getroffen',
	'individualisering bijstandsnorm': 'bijstandsnorm geïndividualiseerd',
	'signalering opgeheven': 'signalering opgeheven via de hoofdofficier van justitie',
	overbruggingsprocedure: 'voorgefinancierd via de overbruggingsprocedure',
	'niets doen': 'besloten niets te doen: geen betrokkenheid van de inwoner (waardendriehoek)'
};

const FUND_ARTICLE: Readonly<Record<string, string>> = { stelpost: 'de', maatwerkmiddelen: 'de' };

const NOT_SOLVED = [
	'de uitvoerder hield vast aan de regel',
	'geen partij wilde de kosten dragen',
	'de inwoner trok zich terug',
	'geen betrokkenheid van de inwoner (waardendriehoek)'
];

const WITHDRAWN = [
	'de inwoner is naar een andere gemeente verhuisd',
	'het probleem werd binnen de eigen lijn opgelost',
	'de inwoner wilde niet verder'
];

const RELAPSE_NOTES = [
	'\nVervolg: na drie maanden opnieuw contact.',
	'; afspraak om over een half jaar te evalueren',
	'. Inwoner: "ik zie door de bomen het bos niet meer".'
];

function formatEuros(value: number): string {
	return wholeWithDots(Math.round(value));
}

function wholeWithDots(n: number): string {
	const s = String(n);
	if (s.length <= 3) return s;
	let out = '';
	const head = s.length % 3;
	if (head) out = s.slice(0, head);
	for (let i = head; i < s.length; i += 3) out += (out ? '.' : '') + s.slice(i, i + 3);
	return out;
}

/** An amount as a Dutch export writes it: `1.234,56` or, without grouping, `1234,56`. */
function formatAmount(value: number, grouped: boolean): string {
	const cents = Math.round(value * 100);
	const euros = Math.floor(cents / 100);
	const rest = cents - euros * 100;
	return `${grouped ? wholeWithDots(euros) : String(euros)},${rest < 10 ? '0' : ''}${rest}`;
}

/** A registration's spelling of a kwestie: the same label, but with other case, spaces or accents. */
function labelVariant(rng: Rng, label: string, profile: Profile): string {
	if (!chance(rng, 0.14)) return label;
	switch (intBetween(rng, 0, 4)) {
		case 0:
			return label.toLowerCase();
		case 1:
			return `${label.toLowerCase()} `;
		case 2:
			return label.replace(' ', '  ');
		case 3:
			return profile.variants && label === profile.kwestie ? pick(rng, profile.variants) : ` ${label}`;
		default:
			return label.charAt(0).toLowerCase() + label.slice(1);
	}
}

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

interface Calendar {
	days: number;
	iso: string[];
	dmy: string[];
	year: Int32Array;
	startYear: number;
	/** Epoch day (days since 1970-01-01) of day index 0. */
	startEpoch: number;
	/** Cumulative arrival weight up to and including each day. */
	cumulative: Float64Array;
	total: number;
}

function parseIsoDay(value: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) throw new Error(`endDate moet YYYY-MM-DD zijn, niet "${value}".`);
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	const d = new Date(ms);
	if (
		d.getUTCFullYear() !== Number(m[1]) ||
		d.getUTCMonth() !== Number(m[2]) - 1 ||
		d.getUTCDate() !== Number(m[3])
	) {
		throw new Error(`endDate "${value}" bestaat niet.`);
	}
	return ms / DAY_MS;
}

/** Arrivals: fewer in July and August and around the new year, hardly any at weekends, slowly growing. */
function arrivalWeight(date: Date, progress: number): number {
	const month = date.getUTCMonth() + 1;
	const day = date.getUTCDate();
	const weekday = date.getUTCDay();
	let w = weekday === 0 ? 0.05 : weekday === 6 ? 0.1 : 1;
	if (month === 7) w *= 0.6;
	else if (month === 8) w *= day <= 15 ? 0.45 : 0.7;
	else if (month === 12 && day >= 22) w *= 0.25;
	else if (month === 1 && day <= 3) w *= 0.2;
	else if (month === 1 && day <= 8) w *= 0.6;
	else if (month === 5) w *= 0.9;
	if ((month === 12 && (day === 25 || day === 26)) || (month === 1 && day === 1)) w = 0.01;
	return w * (0.75 + 0.5 * progress);
}

function buildCalendar(endDate: string, years: number): Calendar {
	const end = parseIsoDay(endDate);
	const endD = new Date(end * DAY_MS);
	const start = Date.UTC(endD.getUTCFullYear() - years, endD.getUTCMonth(), endD.getUTCDate()) / DAY_MS + 1;
	const days = end - start + 1;
	const iso: string[] = new Array(days);
	const dmy: string[] = new Array(days);
	const year = new Int32Array(days);
	const cumulative = new Float64Array(days);
	let total = 0;
	for (let i = 0; i < days; i++) {
		const date = new Date((start + i) * DAY_MS);
		const y = date.getUTCFullYear();
		const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
		const dd = String(date.getUTCDate()).padStart(2, '0');
		iso[i] = `${y}-${mm}-${dd}`;
		dmy[i] = `${dd}-${mm}-${y}`;
		year[i] = y;
		total += arrivalWeight(date, days > 1 ? i / (days - 1) : 1);
		cumulative[i] = total;
	}
	return { days, iso, dmy, year, startYear: year[0], startEpoch: start, cumulative, total };
}

// ---------------------------------------------------------------------------------------------
// Planted kwesties: some recur three or more times within a year in one municipality, some twice only
// ---------------------------------------------------------------------------------------------

interface Plant {
	gemeente: number;
	profile: Profile;
}

/** Problems that occur exactly twice, each in one municipality. */
const PAIRS: readonly (readonly [string, string])[] = [
	[K.wsnp, 'GM0080'],
	[K.remigrant, 'GM0518'],
	[K.inburgering, 'GM0479'],
	[K.stemtolk, 'GM0193'],
	[K.jeugdhulp, 'GM0344']
];

/**
 * Clusters that make a signal: the same problem three or four times within months. Most labels are unique
 * (labels.ts), so these, and a few that recur by chance, are the handful a kwaliteitsteam picks up.
 */
const CLUSTERS: readonly (readonly [string, string, number])[] = [
	[K.huurtoeslag, 'GM0344', 4],
	[K.id, 'GM0344', 3],
	[K.jongerennorm, 'GM0344', 3],
	[K.kinderbijslag, 'GM0344', 3],
	[K.verblijf, 'GM0518', 3],
	[K.alokop, 'GM0518', 3],
	[K.partnernorm, 'GM0518', 3],
	[K.zorgmijder, 'GM0882', 3],
	[K.id, 'GM0363', 3],
	[K.wlz, 'GM0080', 3]
];

function plantKwesties(rng: Rng, n: number): Map<number, Plant> {
	const plants = new Map<number, Plant>();
	if (n < 60) return plants;
	const place = (index: number, plant: Plant): void => {
		let i = Math.min(n - 1, Math.max(0, index));
		while (plants.has(i)) i = (i + 1) % n;
		plants.set(i, plant);
	};
	for (const [label, code] of PAIRS) {
		const plant = {
			gemeente: GEMEENTE_INDEX.get(code) as number,
			profile: KWESTIE_BY_LABEL.get(label) as Profile
		};
		const first = Math.floor(n * between(rng, 0.05, 0.7));
		place(first, plant);
		place(first + Math.floor(n * between(rng, 0.05, 0.2)), plant);
	}
	for (const [label, code, count] of CLUSTERS) {
		const plant = {
			gemeente: GEMEENTE_INDEX.get(code) as number,
			profile: KWESTIE_BY_LABEL.get(label) as Profile
		};
		// Within the last year, so that the default windows of the signal pages show them.
		let at = Math.floor(n * between(rng, 0.7, 0.88));
		for (let k = 0; k < count; k++) {
			place(at, plant);
			at += Math.max(1, Math.floor(n * between(rng, 0.01, 0.03)));
		}
	}
	return plants;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

const LEAD_MEDIAN = [10, 18, 40, 70, 110, 160];

function addFrom(
	rng: Rng,
	into: string[],
	options: readonly (readonly [string, number])[] | undefined,
	max: number
): void {
	if (!options) return;
	for (const [code, p] of options) {
		if (into.length >= max) return;
		if (!into.includes(code) && chance(rng, p)) into.push(code);
	}
}

function fill(rng: Rng, template: string, profile: Profile, year: number): string {
	return template.replace(/\{(\w+)\}/g, (_, key: string) => {
		switch (key) {
			case 'bedrag': {
				const [min, max] = profile.amount ?? [500, 3_000];
				return formatEuros(Math.round(logBetween(rng, min, max) / 10) * 10);
			}
			case 'bedrag2': {
				const [min, max] = profile.amount ?? [500, 3_000];
				return formatEuros(Math.round((logBetween(rng, min, max) * between(rng, 3, 8)) / 50) * 50);
			}
			case 'maandbedrag':
				return formatEuros(Math.round(between(rng, 90, 450) / 5) * 5);
			case 'schuldeisers':
				return String(intBetween(rng, 2, 14));
			case 'jaar':
				return String(year - intBetween(rng, 0, 6));
			case 'maanden':
				return String(intBetween(rng, 2, 9));
			case 'weken':
				return String(intBetween(rng, 3, 14));
			case 'minuten':
				return String(intBetween(rng, 50, 95));
			case 'kinderen':
				return children(rng);
			case 'kind':
				return String(intBetween(rng, 6, 15));
			case 'jong':
				return String(intBetween(rng, 18, 20));
			default:
				return key;
		}
	});
}

function roundCost(value: number): number {
	if (value < 100) return Math.round(value * 100) / 100;
	if (value < 1_000) return Math.round(value);
	return Math.round(value / 5) * 5;
}

function roundEstimate(value: number): number {
	const step = value < 2_000 ? 50 : value < 20_000 ? 100 : 1_000;
	return Math.round(value / step) * step;
}

/** Yields the demo cases one at a time, in order of registration, so a million can be streamed to a file. */
export function* generateDemoRecords(options: DemoOptions): Generator<ExportRecord> {
	const n = Math.floor(options.cases);
	if (!Number.isFinite(n) || n < 0) throw new Error('cases moet een niet-negatief getal zijn.');
	const years = options.years ?? 3;
	if (!Number.isInteger(years) || years < 1) throw new Error('years moet een positief geheel getal zijn.');
	const calendar = buildCalendar(options.endDate, years);
	const rng = mulberry32(options.seed);
	const plants = plantKwesties(mulberry32((options.seed ^ 0x5bd1e995) >>> 0), n);
	// The avoided-cost posts draw from a stream of their own, so every other value stays as it was without them.
	const postsRng = mulberry32((options.seed ^ 0x27d4eb2f) >>> 0);
	const lastDay = calendar.days - 1;
	const yearCount = calendar.year[lastDay] - calendar.startYear + 1;
	const sequence = new Int32Array(GEMEENTEN.length * yearCount);
	// 1970-01-01 was a Thursday.
	const weekday = (d: number) => (calendar.startEpoch + d + 4) % 7;
	let day = 0;

	for (let i = 0; i < n; i++) {
		// Stratified draw on the arrival curve: increasing, exact in count, uneven like real arrivals.
		const u = ((i + rng()) / n) * calendar.total;
		while (day < lastDay && calendar.cumulative[day] < u) day++;
		const plant = plants.get(i);
		const g = plant ? plant.gemeente : GEMEENTE_TABLE.pick(rng);
		const gemeente = GEMEENTEN[g];
		const year = calendar.year[day];
		const seqIndex = g * yearCount + (year - calendar.startYear);
		const seq = ++sequence[seqIndex];

		// What the case is about.
		const profile = plant
			? plant.profile
			: chance(rng, gemeente.kwestieShare)
				? KWESTIE_TABLES[g].pick(rng)
				: GENERIC_TABLES[g].pick(rng);
		const leefgebieden = [...profile.leefgebieden];
		addFrom(rng, leefgebieden, profile.extra, 4);
		if (leefgebieden.length < 4 && chance(rng, 0.1)) {
			const extra = pick(rng, EXTRA_DOMAINS);
			if (!leefgebieden.includes(extra)) leefgebieden.push(extra);
		}
		if (leefgebieden.length > 1 && chance(rng, 0.3)) {
			const k = intBetween(rng, 0, leefgebieden.length - 1);
			[leefgebieden[0], leefgebieden[k]] = [leefgebieden[k], leefgebieden[0]];
		}

		const organisaties: string[] = [];
		addFrom(rng, organisaties, profile.organisaties, 6);
		if (chance(rng, 0.06) && !organisaties.includes('anders')) organisaties.push('anders');
		const national = organisaties.some((o) => NATIONAL.has(o));

		const wetten: string[] = [];
		const lawCodes: string[] = [];
		for (const group of profile.wetten) {
			if (chance(rng, group.p)) {
				const item = pick(rng, group.alt);
				wetten.push(item);
				for (const part of item.split('|')) {
					const code = part.replace(/\s+art\.\s+\S+$/, '');
					if (!lawCodes.includes(code)) lawCodes.push(code);
				}
			}
		}

		const knelpunt = chance(rng, 0.92) ? weighted(rng, profile.knelpunt) : '';
		// Planted cases carry the recurring label; others mostly a label of their own.
		const kwestie = profile.kwestie
			? labelVariant(rng, plant ? profile.kwestie : kwestieLabel(rng, profile.kwestie), profile)
			: '';

		// Route and the highest step reached.
		const route = ROUTE_TABLES[g].pick(rng);
		let step: number = route.step;
		// The Maatwerkloket and the LET are rare (about 75 loket cases a year nationally), more so without a
		// national agency.
		const boost = national ? 2 : 0.4;
		const r = rng();
		if (r < 0.0012 * boost) step = 5;
		else if (r < 0.012 * boost) step = Math.max(step, 4);
		else if (r < 0.012 * boost + 0.12) step = Math.max(step, 3);
		else if (step < 2 && chance(rng, 0.3)) step = step + 1;

		let ministeries = '';
		// Ministries are named mostly from the bestuurlijk step up, where they help find a solution.
		if (chance(rng, MINISTRY_SHARE[step])) {
			const inView = new Set<string>();
			for (const o of organisaties) if (MINISTRY_OF[o]) inView.add(MINISTRY_OF[o]);
			for (const w of lawCodes) if (MINISTRY_OF[w]) inView.add(MINISTRY_OF[w]);
			if (leefgebieden.some((l) => HEALTH_DOMAINS.has(l))) inView.add('VWS');
			if (leefgebieden.includes('verblijf') || leefgebieden.includes('veiligheid en justitie'))
				inView.add('JenV');
			const chosen = MINISTRY_ORDER.filter((m) => inView.has(m) && chance(rng, MINISTRY_WEIGHT[m]));
			ministeries = chosen.slice(0, 4).join('|');
		}

		// Time: lead time from days to months; national agencies take longer.
		const lead = Math.min(
			540,
			Math.max(
				0,
				Math.round(
					logNormal(rng, LEAD_MEDIAN[step] * route.pace * (profile.pace ?? 1) * (national ? 1.3 : 1), 0.75)
				)
			)
		);
		let status: 'open' | 'afgerond' | 'ingetrokken' = 'open';
		let closeDay = -1;
		if (day + lead <= lastDay) {
			const s = rng();
			// At the loket nearly half the submissions are withdrawn (137 against 160 completed).
			const withdrawn = step >= 4 ? 0.45 : 0.045;
			if (s < 0.03) status = 'open';
			else if (s < 0.03 + withdrawn) {
				status = 'ingetrokken';
				closeDay = day + Math.round(lead * between(rng, 0.2, 0.8));
			} else {
				status = 'afgerond';
				closeDay = day + lead;
			}
		}

		let uitkomst = '';
		if (status === 'afgerond') {
			const hard = knelpunt === '1';
			const o = rng();
			const solved = hard ? 0.3 : step <= 2 ? 0.7 : step === 3 ? 0.6 : 0.5;
			const partly = hard ? 0.35 : step <= 2 ? 0.2 : step === 3 ? 0.25 : 0.3;
			uitkomst = o < solved ? 'opgelost' : o < solved + partly ? 'deels_opgelost' : 'niet_opgelost';
		}

		// Solution and money.
		let oplossing = '';
		let fonds = '';
		let kosten = '';
		let voorgeschoten = '';
		let terugVan = '';
		let terugbetaald = '';
		let kwijtgescholden = '';
		let costValue = 0;
		let besparingLaag = '';
		let besparingHoog = '';
		let batenBij = '';
		const grouped = chance(rng, 0.7);
		let solution: Solution | undefined;
		const applied =
			uitkomst === 'opgelost' || uitkomst === 'deels_opgelost' || (status === 'open' && chance(rng, 0.1));
		if (applied) {
			solution = weighted(
				rng,
				profile.solutions
					.filter((s) => s.labels[0] !== 'niets doen' || uitkomst !== 'opgelost')
					.map((s) => [s, s.weight] as const)
			);
			// The kinds drive money, instruments and summary; the column holds them as the professional wrote them.
			oplossing = solution.labels.map((kind) => solutionLabel(rng, kind)).join('|');
			if (solution.cost) {
				const cost = roundCost(logBetween(rng, solution.cost[0], solution.cost[1]));
				costValue = cost;
				fonds = fundFor(rng, gemeente.code, cost);
				kosten = formatAmount(cost, grouped);
				if (solution.advance && chance(rng, 0.8)) {
					const advanced = chance(rng, 0.75) ? cost : Math.round(cost * between(rng, 0.3, 0.8));
					const candidates = solution.advance.filter((a) => a === 'inwoner' || organisaties.includes(a));
					terugVan = pick(rng, candidates.length ? candidates : solution.advance);
					voorgeschoten = formatAmount(advanced, grouped);
					const since = closeDay >= 0 ? lastDay - closeDay : 0;
					let repaid = 0;
					if (terugVan === 'inwoner')
						repaid = Math.min(advanced, Math.round((advanced * since) / between(rng, 300, 900)));
					else if (since > 120 && chance(rng, 0.7)) repaid = advanced;
					if (repaid > 0 || chance(rng, 0.7)) terugbetaald = formatAmount(repaid, grouped);
					// Some of what a resident still owes is forgiven (half a childcare debt on graduation).
					const forgive = solution.labels[0] === 'kinderopvangschuld afgelost' ? 0.5 : 0.1;
					if (terugVan === 'inwoner' && repaid < advanced && chance(rng, forgive))
						kwijtgescholden = formatAmount(Math.round((advanced - repaid) * between(rng, 0.3, 1)), grouped);
				}
			}
		} else if (uitkomst === 'niet_opgelost' && chance(rng, 0.3)) {
			oplossing = 'niets doen';
		}

		let vermedenPosten = '';
		if (uitkomst === 'opgelost' || uitkomst === 'deels_opgelost') {
			const e = rng();
			if (e < 0.85) {
				let kind = pick(rng, profile.savings);
				// A few very large estimates exist, but they must not dominate a municipality's kassabon.
				if (kind === 'gezin' && !chance(rng, 0.1)) kind = 'ggz';
				const s = SAVINGS[kind];
				const low = roundEstimate(logBetween(rng, s.low[0], s.low[1]));
				// A few registrations itemise their own estimate, which then differs a little from the posts.
				if (chance(postsRng, 0.1)) vermedenPosten = demoPosts(postsRng, gemeente.code, kind, low);
				const high = Math.min(1_000_000, roundEstimate(low * between(rng, s.factor[0], s.factor[1])));
				const only = rng();
				if (only < 0.05) besparingLaag = formatAmount(low, grouped);
				else if (only < 0.09) besparingHoog = formatAmount(high, grouped);
				else {
					besparingLaag = formatAmount(low, grouped);
					besparingHoog = formatAmount(Math.max(low, high), grouped);
				}
				if (chance(rng, 0.88)) {
					const parties: string[] = [s.baten[0]];
					for (const b of s.baten.slice(1)) if (chance(rng, 0.45)) parties.push(b);
					if (chance(rng, 0.15)) {
						const extra = pick(rng, organisaties.length ? organisaties : ['gemeente']);
						if (!parties.includes(extra) && BENEFICIARIES.has(extra)) parties.push(extra);
					}
					batenBij = parties.join('|');
				}
			} else if (chance(postsRng, 0.9)) {
				// Without an estimate of its own, the posts priced at the cost table are the case's kassabon.
				let kind = pick(postsRng, profile.savings);
				if (kind === 'gezin' && !chance(postsRng, 0.1)) kind = 'ggz';
				vermedenPosten = demoPosts(postsRng, gemeente.code, kind, null);
			}
		}

		// Monitoring 6 to 12 months after the solution, only when that day has come.
		let monitoring = '';
		let monitoringOp = -1;
		if (uitkomst === 'opgelost' || uitkomst === 'deels_opgelost') {
			const at = closeDay + intBetween(rng, 183, 365);
			if (at <= lastDay && chance(rng, 0.85)) {
				monitoringOp = at;
				const relapse = uitkomst === 'opgelost' ? (knelpunt === '1' ? 0.35 : 0.15) : 0.35;
				const m = rng();
				monitoring = m < relapse ? 'terugval' : m < relapse + 0.15 ? 'onbekend' : 'duurzaam';
			}
		}

		// Summary.
		let template = pick(rng, profile.summaries);
		let samenvatting: string;
		if (template.startsWith('!')) {
			template = template.slice(1);
			samenvatting = fill(rng, template, profile, year);
		} else samenvatting = `${household(rng)}. ${fill(rng, template, profile, year)}`;
		if (status === 'afgerond') {
			const texts = solution ? solution.labels.map((l) => SOLUTION_TEXT[l] ?? l).join(', ') : '';
			const paid = fonds && fonds !== 'regulier' ? ` uit ${FUND_ARTICLE[fonds] ?? 'het'} ${fonds}` : '';
			if (uitkomst === 'opgelost') samenvatting += ` Opgelost: ${texts}${paid}.`;
			else if (uitkomst === 'deels_opgelost')
				samenvatting += ` Deels opgelost: ${texts}${paid}; een deel van het probleem blijft.`;
			else
				samenvatting += ` Niet opgelost: ${oplossing === 'niets doen' ? SOLUTION_TEXT['niets doen'] : pick(rng, NOT_SOLVED)}.`;
		} else if (status === 'ingetrokken') samenvatting += ` Ingetrokken: ${pick(rng, WITHDRAWN)}.`;
		else
			samenvatting += ` Ligt bij ${route.name}${step >= 4 ? ', opgeschaald naar het ' + (step === 4 ? 'Landelijk Maatwerkloket' : 'Landelijk Escalatie Team') : ''}.`;
		if (chance(rng, 0.03)) samenvatting += pick(rng, RELAPSE_NOTES);

		const iso = chance(rng, gemeente.isoShare);
		const dates = iso ? calendar.iso : calendar.dmy;
		const nameStyle = rng();
		const gemeenteText =
			nameStyle < 0.85
				? gemeente.code
				: nameStyle < 0.93
					? gemeente.names[0]
					: pick(rng, gemeente.names.slice(1));

		// Version 1.1: the decision, the dated steps and the questions to partners; most registrations keep them.
		const times: CaseTimes = { day, closeDay, lastDay, weekday, dates };
		const kinds = solution ? solution.labels : oplossing ? [oplossing] : [];
		const decided = decision(rng, step, route.name, kinds, costValue);
		const stappen = chance(rng, 0.9) ? steps(rng, step, route.step, times) : '';
		const reacties = chance(rng, 0.9) ? responses(rng, organisaties, times) : '';

		yield {
			casus_id: `${gemeente.prefix}-${year}-${String(seq).padStart(4, '0')}`,
			gemeente: gemeenteText,
			route: chance(rng, 0.98) ? route.name : '',
			aangemeld_op: dates[day],
			afgerond_op: closeDay >= 0 && (status === 'afgerond' || chance(rng, 0.85)) ? dates[closeDay] : '',
			status,
			leefgebieden: leefgebieden.join('|'),
			organisaties: organisaties.join('|'),
			ministeries,
			wetten: wetten.join('|'),
			knelpunt,
			kwestie,
			escalatie: chance(rng, 0.99) ? STEPS[step] : '',
			uitkomst,
			oplossing,
			fonds,
			kosten_oplossing: kosten,
			besparing_laag: besparingLaag,
			besparing_hoog: besparingHoog,
			voorgeschoten,
			terug_van: terugVan,
			terugbetaald,
			baten_bij: batenBij,
			monitoring,
			monitoring_op: monitoringOp >= 0 ? dates[monitoringOp] : '',
			samenvatting,
			...decided,
			stappen,
			reacties,
			vermeden_posten: vermedenPosten,
			kwijtgescholden
		};
	}
}

/** The demo cases as an array (for a million, prefer streaming `generateDemoRecords`). */
export function generateDemoCases(options: DemoOptions): ExportRecord[] {
	const records: ExportRecord[] = [];
	for (const record of generateDemoRecords(options)) records.push(record);
	return records;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const NEEDS_QUOTES = /[;"\r\n]/;

function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header line of a semicolon export, without line end. */
export function csvHeader(): string {
	return EXPORT_COLUMNS.join(';');
}

/** One record as a semicolon CSV line, without line end. */
export function csvLine(record: ExportRecord): string {
	let line = csvField(record[EXPORT_COLUMNS[0]]);
	for (let i = 1; i < EXPORT_COLUMNS.length; i++) line += ';' + csvField(record[EXPORT_COLUMNS[i]]);
	return line;
}

/** Header and rows as lines (without line ends), for streaming to a file. */
export function* csvLines(records: Iterable<ExportRecord>): Generator<string> {
	yield csvHeader();
	for (const record of records) yield csvLine(record);
}

/**
 * Header and rows, `;` delimited, LF line ends (UTF-8 without BOM once written to a file).
 * Lines are encoded into one growing byte buffer and decoded once, which for a million rows is
 * about twice as fast as concatenating strings; a larger export should stream `csvLines` instead.
 */
export function toSemicolonCsv(records: Iterable<ExportRecord>): string {
	const encoder = new TextEncoder();
	let bytes = new Uint8Array(1 << 16);
	let length = 0;
	const append = (line: string): void => {
		const need = length + line.length * 3 + 1;
		if (need > bytes.length) {
			let capacity = bytes.length * 2;
			while (capacity < need) capacity *= 2;
			const grown = new Uint8Array(capacity);
			grown.set(bytes.subarray(0, length));
			bytes = grown;
		}
		length += encoder.encodeInto(line, bytes.subarray(length)).written;
		bytes[length++] = 10;
	};
	append(csvHeader());
	for (const record of records) append(csvLine(record));
	return new TextDecoder().decode(bytes.subarray(0, length));
}
