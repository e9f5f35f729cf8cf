/** What the registry says of one analysis view: its arguments, its computation, its tables, who receives it at which level, and how it is kept. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Capabilities, SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import type { Audience } from '../disclosure/audience';

/** How an audience receives a view: as computed, after the package's disclosure control, or not at all (403). */
export type Level = 'exact' | 'protected' | 'none';

/** What a view is computed from: the caller, the filter checked against its reach, and the address's other arguments. */
export interface ViewContext {
	db: Database;
	user: SessionUser;
	filter: CaseFilter;
	/** The address's query: view arguments beyond the filter (`diagonal`, `kwestie`, `period`). */
	params: URLSearchParams;
	/** Today in Europe/Amsterdam, `YYYY-MM-DD`: what open cases are aged on and projections count to. */
	today: string;
}

/** Every view answers at least its tables, in the order its definition names their ids. */
export interface ViewAnswer {
	tables: DataTable[];
}

export interface ViewDefinition<Answer extends ViewAnswer = ViewAnswer, TableId extends string = string> {
	/** The view's id: `/download/<id>` recomputes it. */
	id: string;
	/** The page that shows it and its label in the navigation; absent for a view reached from another page. */
	page?: { path: string; label: string };
	/** The capability that opens it; absent: every role. */
	capability?: keyof Capabilities;
	/** What each audience receives. */
	levels: Record<Audience, Level>;
	/** The ids of its tables, in the order the answer gives them. */
	tables: readonly TableId[];
	/** The tables the protected audience receives: not those finer than a quarter or about one case. All when absent. */
	protectedTables?: readonly TableId[];
	/** The answer, from one parameterised query function; null where the arguments name nothing the caller may see. */
	compute(context: ViewContext): Promise<Answer | null>;
	/** The cases the answer covers: the basis of a figure whose row names no count of its own. */
	cases(answer: Answer): number;
	/** `page`: its page may be kept by the page cache; `never`: every view of it runs (it is audited, or holds a form). */
	cache: 'page' | 'never';
	/** Its unfiltered answer is computed ahead for recent users' reaches, at start and after each write (warm.ts); only for a view whose answer depends on the reach alone. */
	warm: boolean;
}

/** A view as a consumer receives it: the answer as computed, or only its tables after disclosure control. */
export type Shown<Answer extends ViewAnswer> =
	({ level: 'exact' } & Answer) | { level: 'protected'; tables: DataTable[] };
