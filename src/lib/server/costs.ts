/** The avoided-cost table: per municipality what one unit of a post of `vermeden_posten` is worth, low and high, in exact cents. */
import { decimalCents, decimalText, type Cents } from '$lib/domain/money';
import { fold } from '$lib/domain/text';
import type { Reach } from '$lib/domain/roles';
import type { Database } from './db';
import { reference } from './reference';

export const MAX_POST_LENGTH = 100;
export const MAX_UNIT_LENGTH = 40;
export const MAX_BRON_LENGTH = 200;

/** One post of a municipality's table. */
export interface CostPost {
	gemeente: string;
	/** As the import reads it from `vermeden_posten`: folded (case, accents and spaces do not count). */
	post: string;
	/** What one counts in, such as "maand" or "uitzetting"; null when not given. */
	unit: string | null;
	low: Cents;
	high: Cents;
	/** Where the amounts come from (a study, the municipality's own figures); null when not given. */
	bron: string | null;
}

/**
 * A post and its amounts checked: a name an export can write (1 to 100 characters, no `|` or `*`,
 * which separate posts and counts there), a unit of at most 40 characters, a source note of at most
 * 200, and low at most high. Returns the post as stored, or a Dutch message and the field it is about.
 */
export function checkCost(input: {
	post: string;
	unit: string | null;
	low: Cents;
	high: Cents;
	bron?: string | null;
}):
	| { post: string; unit: string | null; bron: string | null }
	| { message: string; field: 'post' | 'unit' | 'high' | 'bron' } {
	const post = fold(input.post);
	if (post.length < 1 || post.length > MAX_POST_LENGTH)
		return { message: `Geef de naam van de post (1 tot ${MAX_POST_LENGTH} tekens).`, field: 'post' };
	if (/[|*]/.test(post))
		return {
			message: 'De naam van een post bevat geen | of *: die scheiden posten en aantallen in de export.',
			field: 'post'
		};
	const unit = input.unit?.trim() || null;
	if (unit && unit.length > MAX_UNIT_LENGTH)
		return { message: `De eenheid is hoogstens ${MAX_UNIT_LENGTH} tekens.`, field: 'unit' };
	const bron = input.bron?.replace(/\s+/g, ' ').trim() || null;
	if (bron && bron.length > MAX_BRON_LENGTH)
		return { message: `De bron is hoogstens ${MAX_BRON_LENGTH} tekens.`, field: 'bron' };
	if (input.low > input.high) return { message: 'Het lage bedrag is hoger dan het hoge.', field: 'high' };
	return { post, unit, bron };
}

/** Sets (or replaces) one post of a municipality's table; the post must have passed `checkCost`. */
export async function setCost(db: Database, cost: CostPost, actor: string): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM cost_posts WHERE gemeente = $gemeente AND post = $post', {
			gemeente: cost.gemeente,
			post: cost.post
		});
		await tx.run(
			`INSERT INTO cost_posts (gemeente, post, unit, low, high, bron, updated_by)
			 VALUES ($gemeente, $post, $unit, $low::DECIMAL(18, 2), $high::DECIMAL(18, 2), $bron, $actor)`,
			{
				gemeente: cost.gemeente,
				post: cost.post,
				unit: cost.unit,
				bron: cost.bron,
				low: decimalText(cost.low),
				high: decimalText(cost.high),
				actor
			}
		);
	});
}

/** A post as the table page lists it: with the municipality's name and who set it when. */
export interface CostRow extends CostPost {
	gemeenteNaam: string;
	updatedBy: string;
	/** ISO 8601, UTC. */
	updatedAt: string;
}

/** The tables of every municipality within the reach (one municipality's: its reach alone), by municipality and post. */
export async function costTable(db: Database, reach: Reach): Promise<CostRow[]> {
	const rows = await db.all<{
		gemeente: string;
		post: string;
		unit: string | null;
		low: string;
		high: string;
		bron: string | null;
		updated_by: string;
		updated_at: string;
	}>(
		`SELECT gemeente, post, unit, low::VARCHAR AS low, high::VARCHAR AS high, bron, updated_by,
			strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
		 FROM cost_posts WHERE $all OR list_contains($gemeenten, gemeente)`,
		{ all: reach.all, gemeenten: reach.all ? [] : [...reach.gemeenten] }
	);
	const { gemeenten } = reference();
	return rows
		.map((r) => ({
			gemeente: r.gemeente,
			gemeenteNaam: gemeenten.naam(r.gemeente),
			post: r.post,
			unit: r.unit,
			low: decimalCents(r.low)!,
			high: decimalCents(r.high)!,
			bron: r.bron,
			updatedBy: r.updated_by,
			updatedAt: r.updated_at
		}))
		.sort((a, b) => a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') || a.post.localeCompare(b.post, 'nl'));
}

/** Removes one post of a municipality's table; false when it had none of that name. */
export async function removeCost(db: Database, gemeente: string, post: string): Promise<boolean> {
	const removed = await db.transaction((tx) =>
		tx.run('DELETE FROM cost_posts WHERE gemeente = $gemeente AND post = $post', {
			gemeente,
			post: fold(post)
		})
	);
	return removed > 0;
}
