/** The capacity a municipality puts into its route per quarter (OMO-functionaris, coaches, table members), in hours or FTE at an hourly rate, with its cost in exact cents. */
import { parseAmountCents } from '$lib/domain/amount';
import { decimalCents, decimalText, mulDivRound, type Cents } from '$lib/domain/money';
import { reaches, type Reach, type SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';
import { reference } from '../reference';
import { parseQuarter } from './run';

/** Hours in one FTE for one quarter: 36 hours a week × 13 weeks. */
export const HOURS_PER_WEEK = 36;
export const WEEKS_PER_QUARTER = 13;
export const FTE_HOURS = HOURS_PER_WEEK * WEEKS_PER_QUARTER;

/** The functions the evaluation counts, each one row per municipality and quarter (all people in it together). */
export const FUNCTIES = ['omo-functionaris', 'coach', 'tafellid'] as const;
export type Functie = (typeof FUNCTIES)[number];

export const FUNCTIE_NAMES: Record<Functie, string> = {
	'omo-functionaris': 'OMO-functionaris',
	coach: 'Coach',
	tafellid: 'Tafellid'
};

export const EENHEDEN = ['uren', 'fte'] as const;
export type Eenheid = (typeof EENHEDEN)[number];

/** The most one row may hold: a hundred thousand hours or two hundred FTE in a quarter. */
export const MAX_AMOUNT: Record<Eenheid, bigint> = { uren: 100_000_00n, fte: 200_00n };
/** The highest hourly rate: ten thousand euros. */
export const MAX_RATE_CENTS: Cents = 10_000_00n;

/** One row of capacity: hoeveelheid in hundredths (of hours or FTE), the rate in cents. */
export interface CapacityEntry {
	gemeente: string;
	/** `2024-Q1`. */
	kwartaal: string;
	functie: Functie;
	eenheid: Eenheid;
	/** Hundredths: 0,8 FTE is 80n, 120 hours is 12000n. */
	hoeveelheid: bigint;
	uurtarief: Cents;
}

/** Hours of a row in hundredths: hours as given, or FTE × FTE_HOURS (exact, as FTE has two decimals). */
export function hoursOf(entry: Pick<CapacityEntry, 'eenheid' | 'hoeveelheid'>): bigint {
	return entry.eenheid === 'fte' ? entry.hoeveelheid * BigInt(FTE_HOURS) : entry.hoeveelheid;
}

/** Cost of a row in cents: hours × rate, rounded half up to the cent once per row. */
export function costOf(entry: Pick<CapacityEntry, 'eenheid' | 'hoeveelheid' | 'uurtarief'>): Cents {
	return mulDivRound(hoursOf(entry), entry.uurtarief, 100n);
}

export type CapacityForm = Record<
	'gemeente' | 'kwartaal' | 'functie' | 'eenheid' | 'hoeveelheid' | 'uurtarief',
	string
>;

export const CAPACITY_MESSAGES = {
	gemeente: 'Kies een gemeente.',
	kwartaal: 'Geef het kwartaal als jaar en kwartaal, bijvoorbeeld 2024-Q1 (jaar 2000 tot en met 2100).',
	functie: 'Kies de functie: OMO-functionaris, coach of tafellid.',
	eenheid: 'Kies de eenheid: uren of fte.',
	hoeveelheid: 'Geef de hoeveelheid als getal boven 0 met hoogstens twee decimalen, bijvoorbeeld 120 of 0,8.',
	uren: 'Hoogstens 100.000 uur per functie in een kwartaal.',
	fte: 'Hoogstens 200 fte per functie in een kwartaal.',
	uurtarief: 'Geef het uurtarief als bedrag van 0 of meer, bijvoorbeeld 87,50.',
	uurtariefMax: 'Het uurtarief is hoogstens € 10.000.'
} as const;

/** A gemeente within reach (by code or name), or the message why not. */
export function gemeenteWithin(
	text: string,
	reach: Reach
): { code: string; naam: string } | { message: string } {
	const gemeente = text.trim() ? reference().gemeenten.resolve(text.trim()) : undefined;
	if (!gemeente) return { message: CAPACITY_MESSAGES.gemeente };
	if (!reaches(reach, gemeente.code)) return { message: `${gemeente.naam} valt buiten uw bereik.` };
	return gemeente;
}

const isFunctie = (v: string): v is Functie => (FUNCTIES as readonly string[]).includes(v);
const isEenheid = (v: string): v is Eenheid => (EENHEDEN as readonly string[]).includes(v);

/**
 * The form checked in field order: a gemeente within reach, a quarter `YYYY-Qn`, a function of the list,
 * uren or fte, an amount above 0 (at most two decimals, Dutch or plain notation) and a rate of 0 or more.
 */
export function checkCapacity(
	values: CapacityForm,
	reach: Reach
): { entry: CapacityEntry } | { message: string; field: keyof CapacityForm } {
	const gemeente = gemeenteWithin(values.gemeente, reach);
	if ('message' in gemeente) return { message: gemeente.message, field: 'gemeente' };
	const kwartaal = parseQuarter(values.kwartaal);
	if (!kwartaal) return { message: CAPACITY_MESSAGES.kwartaal, field: 'kwartaal' };
	const functie = values.functie.trim();
	if (!isFunctie(functie)) return { message: CAPACITY_MESSAGES.functie, field: 'functie' };
	const eenheid = values.eenheid.trim().toLowerCase();
	if (!isEenheid(eenheid)) return { message: CAPACITY_MESSAGES.eenheid, field: 'eenheid' };
	const amount = parseAmountCents(values.hoeveelheid);
	if (amount === null || amount <= 0) return { message: CAPACITY_MESSAGES.hoeveelheid, field: 'hoeveelheid' };
	if (BigInt(amount) > MAX_AMOUNT[eenheid])
		return { message: CAPACITY_MESSAGES[eenheid], field: 'hoeveelheid' };
	const rate = parseAmountCents(values.uurtarief);
	if (rate === null) return { message: CAPACITY_MESSAGES.uurtarief, field: 'uurtarief' };
	if (BigInt(rate) > MAX_RATE_CENTS) return { message: CAPACITY_MESSAGES.uurtariefMax, field: 'uurtarief' };
	return {
		entry: {
			gemeente: gemeente.code,
			kwartaal: kwartaal.key,
			functie,
			eenheid,
			hoeveelheid: BigInt(amount),
			uurtarief: BigInt(rate)
		}
	};
}

/** The row a removal names, checked: a gemeente within reach, a quarter and a function of the list. */
export function checkRemoval(
	values: Pick<CapacityForm, 'gemeente' | 'kwartaal' | 'functie'>,
	reach: Reach
): { key: Pick<CapacityEntry, 'gemeente' | 'kwartaal' | 'functie'>; naam: string } | { message: string } {
	const gemeente = gemeenteWithin(values.gemeente, reach);
	if ('message' in gemeente) return gemeente;
	const kwartaal = parseQuarter(values.kwartaal);
	if (!kwartaal) return { message: CAPACITY_MESSAGES.kwartaal };
	const functie = values.functie.trim();
	if (!isFunctie(functie)) return { message: CAPACITY_MESSAGES.functie };
	return { key: { gemeente: gemeente.code, kwartaal: kwartaal.key, functie }, naam: gemeente.naam };
}

const decimal2 = (hundredths: bigint) => decimalText(hundredths);

/** Sets (or replaces) the row of one municipality, quarter and function, and audits it. */
export async function setCapacity(
	db: Database,
	user: Pick<SessionUser, 'email'>,
	entry: CapacityEntry,
	origin?: string
): Promise<void> {
	await db.transaction(async (tx) => {
		const key = { gemeente: entry.gemeente, kwartaal: entry.kwartaal, functie: entry.functie };
		await tx.run(
			'DELETE FROM pilot_capacity WHERE gemeente = $gemeente AND kwartaal = $kwartaal AND functie = $functie',
			key
		);
		await tx.run(
			`INSERT INTO pilot_capacity (gemeente, kwartaal, functie, eenheid, hoeveelheid, uurtarief, updated_by)
			 VALUES ($gemeente, $kwartaal, $functie, $eenheid, $hoeveelheid::DECIMAL(12, 2), $uurtarief::DECIMAL(18, 2), $actor)`,
			{
				...key,
				eenheid: entry.eenheid,
				hoeveelheid: decimal2(entry.hoeveelheid),
				uurtarief: decimalText(entry.uurtarief),
				actor: user.email
			}
		);
		await audit(tx, {
			actor: user.email,
			action: 'capaciteit instellen',
			object: `${entry.gemeente} ${entry.kwartaal} ${entry.functie}: ${decimal2(entry.hoeveelheid)} ${entry.eenheid} à ${decimalText(entry.uurtarief)}`,
			result: 'ok',
			origin
		});
	});
}

/** Removes one row (the gemeente checked within reach by the caller) and audits it; false when there was none. */
export async function removeCapacity(
	db: Database,
	user: Pick<SessionUser, 'email'>,
	key: { gemeente: string; kwartaal: string; functie: string },
	origin?: string
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx.run(
			'DELETE FROM pilot_capacity WHERE gemeente = $gemeente AND kwartaal = $kwartaal AND functie = $functie',
			key
		);
		if (removed > 0) {
			await audit(tx, {
				actor: user.email,
				action: 'capaciteit verwijderen',
				object: `${key.gemeente} ${key.kwartaal} ${key.functie}`,
				result: 'ok',
				origin
			});
		}
		return removed > 0;
	});
}

/** A row as lists and the evaluation show it: with its hours (hundredths) and cost (cents). */
export interface CapacityRow extends CapacityEntry {
	gemeenteNaam: string;
	functieNaam: string;
	hours: bigint;
	cost: Cents;
	updatedBy: string;
	/** ISO 8601, UTC. */
	updatedAt: string;
}

/**
 * The rows of every municipality within the reach, optionally only the quarters from `from` to `to`
 * (`YYYY-Qn`, both included), by quarter, municipality and function order.
 */
export async function capacityRows(
	db: Database,
	reach: Reach,
	quarters: { from: string; to: string } | null = null
): Promise<CapacityRow[]> {
	const rows = await db.all<{
		gemeente: string;
		kwartaal: string;
		functie: string;
		eenheid: string;
		hoeveelheid: string;
		uurtarief: string;
		updated_by: string;
		updated_at: string;
	}>(
		`SELECT gemeente, kwartaal, functie, eenheid, hoeveelheid::VARCHAR AS hoeveelheid,
			uurtarief::VARCHAR AS uurtarief, updated_by, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
		 FROM pilot_capacity
		 WHERE ($all OR list_contains($gemeenten, gemeente))
			AND ($from::VARCHAR IS NULL OR kwartaal >= $from) AND ($to::VARCHAR IS NULL OR kwartaal <= $to)`,
		{
			all: reach.all,
			gemeenten: reach.all ? [] : [...reach.gemeenten],
			from: quarters?.from ?? null,
			to: quarters?.to ?? null
		}
	);
	const { gemeenten } = reference();
	return rows
		.filter((r) => isFunctie(r.functie) && isEenheid(r.eenheid))
		.map((r) => {
			const entry: CapacityEntry = {
				gemeente: r.gemeente,
				kwartaal: r.kwartaal,
				functie: r.functie as Functie,
				eenheid: r.eenheid as Eenheid,
				hoeveelheid: decimalCents(r.hoeveelheid)!,
				uurtarief: decimalCents(r.uurtarief)!
			};
			return {
				...entry,
				gemeenteNaam: gemeenten.naam(r.gemeente),
				functieNaam: FUNCTIE_NAMES[entry.functie],
				hours: hoursOf(entry),
				cost: costOf(entry),
				updatedBy: r.updated_by,
				updatedAt: r.updated_at
			};
		})
		.sort(
			(a, b) =>
				a.kwartaal.localeCompare(b.kwartaal) ||
				a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') ||
				FUNCTIES.indexOf(a.functie) - FUNCTIES.indexOf(b.functie)
		);
}
