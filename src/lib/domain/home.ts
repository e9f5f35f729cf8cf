/** The home per role as data: blocks of a few figures and a short list, each leading to the page behind it. */

/** The kinds of block a home can hold; the server's list per role (server/home/blocks.ts) picks from these. */
export const HOME_BLOCK_KINDS = [
	'nieuwe-signalen',
	'wachtende-kwesties',
	'oplossingen',
	'beleidsagenda',
	'opzijgezette-regels',
	'rapport',
	'geld',
	'vergelijking',
	'landelijke-agenda',
	'gebruikers',
	'imports',
	'backups',
	'pakketten',
	'kerncijfers'
] as const;
export type HomeBlockKind = (typeof HOME_BLOCK_KINDS)[number];

/** A value as the home shows it; the component formats it in nl-NL. */
export type HomeValue =
	| { kind: 'count'; value: number | 'geheim' }
	| { kind: 'decimal'; value: number | null }
	| { kind: 'euro'; value: number }
	| { kind: 'euroRange'; low: number; high: number }
	| { kind: 'days'; value: number | null }
	/** `YYYY-MM-DD` or an ISO date-time (UTC). */
	| { kind: 'date'; value: string }
	| { kind: 'text'; value: string };

/** One key figure of a block. */
export interface HomeFigure {
	label: string;
	value: HomeValue;
	/** A few words under the figure that say what it is measured against. */
	note?: string;
}

/** One line of a block's short list. */
export interface HomeRow {
	label: string;
	/** The page of this item (a kwestie, a saved report); null where it has none of its own. */
	href: string | null;
	/** The figure the row is ordered by. */
	value?: HomeValue;
	/** Status, age or date, in words. */
	note?: string;
}

/** One block of a home: the answer first, then the way to the page behind it. */
export interface HomeBlock {
	kind: HomeBlockKind;
	title: string;
	/** One sentence that reads the figures or says since when; null where the figures say it all. */
	lead: string | null;
	/** At most three or four. */
	figures: HomeFigure[];
	/** At most five. */
	rows: HomeRow[];
	/** What the list holds, as its accessible name. */
	rowsLabel: string;
	/** The page behind the block: `Naar …`. */
	link: { href: string; label: string };
	/** Said instead of figures and list where there is nothing yet: what to do. */
	empty: string | null;
}

/** The most rows a block lists. */
export const HOME_ROWS = 5;
