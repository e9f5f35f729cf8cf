/**
 * Kwestie labels as professionals write them: the known recurring problems now and then, but mostly a label of
 * their own for this case ("Veel casussen zijn uniek"), so that only a handful of labels reach three in a year.
 */
import { chance, pick, type Rng } from './random';

/**
 * Per recurring problem (its canonical label), narrower problems of the same family that a professional
 * writes instead. Combined with a circumstance they make several hundred labels in all.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
	'Huurtoeslag stopt bij adresonderzoek vorige bewoner': [
		'Zorgtoeslag stopt tijdens adresonderzoek',
		'Huurtoeslag teruggevorderd door inschrijving ex-partner',
		'Toeslagen stoppen na uitschrijving uit de BRP',
		'Kindgebonden budget stopt bij adreswijziging'
	],
	'Jongerennorm bijstand bij jongere zonder verdiencapaciteit': [
		'Jongerennorm bij jongere in dagbesteding',
		'Zoekperiode van vier weken bij jongere zonder inkomen',
		'Kostendelersnorm door inwonende jongvolwassene',
		'Bijstand gekort omdat ouders onderhoudsplichtig zijn'
	],
	'Lagere bijstandsnorm door niet-rechthebbende partner': [
		'Partner zonder verblijfsrecht verlaagt de bijstand',
		'Partner in het buitenland telt mee voor de norm',
		'Gedetineerde partner en de bijstandsnorm',
		'Studerende partner en de gezinsnorm'
	],
	'ALO-kop teruggevorderd bij partner in buitenland zonder BSN': [
		'Kindgebonden budget teruggevorderd na partnerwijziging',
		'Terugvordering toeslagen door onbekend partnerinkomen',
		'Toeslagpartner in het buitenland niet te registreren'
	],
	'Kinderbijslag niet voor familielid dat het kind verzorgt': [
		'Pleegzorgvergoeding en kinderbijslag sluiten elkaar uit',
		'Kinderbijslag blijft bij ouder in het buitenland',
		'Netwerkpleegouder zonder vergoeding'
	],
	'Verblijfsvergunning een dag te laat verlengd': [
		'Verlenging verblijfsvergunning duurt maanden',
		'Uitkering stopt bij verlopen verblijfsdocument',
		'Gezinshereniging en toeslagen sluiten niet aan',
		'Verblijfsstatus onduidelijk na beroep'
	],
	'Geen ID-bewijs, geen hulp': [
		'Geen bankrekening zonder ID-bewijs',
		'Geen briefadres zonder vaste verblijfplaats',
		'Leges ID-kaart niet te betalen',
		'Inschrijving BRP zonder geboorteakte'
	],
	'Schulden uit schadevergoedingsmaatregel niet in schuldregeling': [
		'CJIB-boetes blokkeren de schuldregeling',
		'Verhaal van schadevergoeding loopt door tijdens WSNP'
	],
	'Wlz afgewezen wegens niveau 1-diploma': [
		'Wlz-indicatie geweigerd ondanks 24-uurstoezicht',
		'Herindicatie Wlz duurt te lang',
		'Zorg valt tussen Wlz en Wmo'
	],
	'Hbo-eis voor Wmo-hulpverlener': [
		'Pgb-tarief te laag voor vertrouwde hulpverlener',
		'Zorgaanbieder zonder contract met de gemeente',
		'Wmo-begeleiding stopt bij verhuizing'
	],
	'Leerlingenvervoer niet geregeld, kind zit thuis': [
		'Vrijstelling leerplicht zonder passend aanbod',
		'Leerlingenvervoer vervalt bij wisseling van school',
		'Onderwijs-zorgarrangement zonder financier'
	],
	'Zorgmijder veroorzaakt overlast, hulp niet af te dwingen': [
		'Verwarde persoon weigert elke hulp',
		'Woningvervuiling zonder grond voor verplichte zorg',
		'Overlast door psychiatrische problematiek zonder diagnose'
	]
};

/** The circumstances a label names, in the words of a registration. */
const CIRCUMSTANCES = [
	'na verhuizing',
	'na scheiding',
	'bij jongere onder 21',
	'in de maatschappelijke opvang',
	'na detentie',
	'bij statushouder',
	'na overlijden van de partner',
	'bij zzp-inkomen',
	'tijdens schuldsanering',
	'met kostendelersnorm',
	'na ziekenhuisopname',
	'bij mantelzorger',
	'bij eenoudergezin',
	'na ontslag',
	'bij ouder met beperking',
	'bij gezin met schulden'
];

/** Share of labelled cases that carry the known recurring label rather than one of their own. */
const CANONICAL_SHARE = 0.25;

/** The kwestie label of a case whose situation is the recurring problem `canonical`. */
export function kwestieLabel(rng: Rng, canonical: string): string {
	if (chance(rng, CANONICAL_SHARE)) return canonical;
	const family = FAMILIES[canonical];
	const base = family && chance(rng, 0.75) ? pick(rng, family) : canonical;
	return `${base} ${pick(rng, CIRCUMSTANCES)}`;
}

/** How a professional specifies a solution beyond its kind. */
const SOLUTION_DETAILS = [
	'voor twee maanden',
	'tot het besluit van de uitvoerder',
	'in afwachting van de uitkering',
	'met afspraak over aflossing',
	'na overleg met de verhuurder',
	'voor het hele gezin',
	'eenmalig',
	'met budgetcoaching erbij',
	'via de wijkteamleider',
	'met terugwerkende kracht',
	'na bemiddeling door de coach',
	'in overleg met de zorgaanbieder',
	'zolang het onderzoek loopt',
	'tot de nieuwe woning'
];

/** Share of solutions written as just their kind, so that a few of them recur three times in a year. */
const PLAIN_SOLUTION_SHARE = 0.12;

/**
 * A solution label as a registration writes it: now and then just its kind (`voorschot`), mostly the kind
 * with what made it this case's solution, which rarely recurs word for word.
 */
export function solutionLabel(rng: Rng, kind: string): string {
	if (kind === 'niets doen' || chance(rng, PLAIN_SOLUTION_SHARE)) return kind;
	return `${kind} ${pick(rng, SOLUTION_DETAILS)} ${pick(rng, CIRCUMSTANCES)}`;
}
