/** The demo's pilot capacity: Utrecht's OMO-aanpak and Zwolle's route, per quarter of the last two years, so that the evaluation report has a cost per case. */
import type { Database } from '../../src/lib/server/db';
import { setCapacity, type Functie } from '../../src/lib/server/reports/capacity';
import { quarterOfDay } from '../../src/lib/server/reports/run';

/** Per municipality and function: FTE (in hundredths) or hours (in hundredths) a quarter, at a rate in cents; illustrative. */
const DEMO_CAPACITY: {
	gemeente: string;
	functie: Functie;
	eenheid: 'fte' | 'uren';
	hoeveelheid: bigint;
	uurtarief: bigint;
}[] = [
	{ gemeente: 'GM0344', functie: 'omo-functionaris', eenheid: 'fte', hoeveelheid: 200n, uurtarief: 8_735n },
	{ gemeente: 'GM0344', functie: 'coach', eenheid: 'fte', hoeveelheid: 150n, uurtarief: 7_450n },
	{ gemeente: 'GM0344', functie: 'tafellid', eenheid: 'uren', hoeveelheid: 9_600n, uurtarief: 9_500n },
	{ gemeente: 'GM0193', functie: 'omo-functionaris', eenheid: 'fte', hoeveelheid: 80n, uurtarief: 8_735n },
	{ gemeente: 'GM0193', functie: 'tafellid', eenheid: 'uren', hoeveelheid: 4_800n, uurtarief: 9_500n }
];

/** Capacity for the eight quarters up to the one before `endDate`, with a pilot's step up after its first year. */
export async function fillDemoCapacity(db: Database, endDate: string): Promise<number> {
	const last = quarterOfDay(endDate);
	const index = last.year * 4 + last.quarter - 1 - 1;
	let rows = 0;
	for (let i = 7; i >= 0; i--) {
		const q = index - i;
		const kwartaal = `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
		for (const row of DEMO_CAPACITY) {
			// The second year adds a quarter more OMO-functionaris, as Utrecht's proposal asks whether it is needed.
			const extra = i < 4 && row.functie === 'omo-functionaris' ? row.hoeveelheid / 4n : 0n;
			await setCapacity(db, { email: 'demo' }, { ...row, kwartaal, hoeveelheid: row.hoeveelheid + extra });
			rows++;
		}
	}
	return rows;
}
