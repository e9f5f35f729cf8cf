/** The demo's national agenda: the landelijk programma gave the first signals of the last two years' national lists a status, so municipal kwestie pages show what happened above them. */
import type { SessionUser } from '../../src/lib/domain/roles';
import type { Database } from '../../src/lib/server/db';
import { setAgendaStatus, signalList } from '../../src/lib/server/national/agenda';
import { parsePeriod, type PackagePeriod } from '../../src/lib/server/national/period';

const LANDELIJK: SessionUser = {
	id: 0,
	email: 'landelijk@demo.example',
	role: 'landelijk',
	reach: { all: true }
};

/** The trail each of the first signals gets, in order; illustrative. */
const TRAILS = [
	[{ status: 'ontvangen', toelichting: null }],
	[
		{ status: 'ontvangen', toelichting: null },
		{
			status: 'agenda_let',
			toelichting: 'Besproken in het LET; de betrokken uitvoerders zoeken een werkwijze.'
		}
	],
	[
		{ status: 'ontvangen', toelichting: null },
		{
			status: 'agenda_ministerie',
			toelichting: 'Ministerie van Sociale Zaken en Werkgelegenheid (illustratief).'
		},
		{
			status: 'maatregel',
			toelichting: 'Een landelijke werkinstructie maakt maatwerk mogelijk (illustratief).'
		}
	]
] as const;

/** Sets the trails on the first signals of the two years before `endDate`'s, older first; returns how many kwesties got one. */
export async function fillDemoAgenda(db: Database, endDate: string): Promise<number> {
	const year = Number(endDate.slice(0, 4));
	const chosen = new Map<string, PackagePeriod>();
	for (const period of [year - 2, year - 1].map((y) => parsePeriod(String(y))!)) {
		for (const signal of await signalList(db, period, LANDELIJK)) {
			if (!chosen.has(signal.key) && chosen.size < TRAILS.length) chosen.set(signal.key, period);
		}
	}
	for (const [i, [key, period]] of [...chosen].entries()) {
		for (const step of TRAILS[i]) {
			const outcome = await setAgendaStatus(db, LANDELIJK, { key, period, ...step });
			if (!outcome.ok) throw new Error(`Demo-agenda: ${outcome.message}`);
		}
	}
	return chosen.size;
}
