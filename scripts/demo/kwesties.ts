/** Demo kwestiemanagement: some of the demo's signals picked up by their kwaliteitsteam, at every stage of the workflow. */
import { EMPTY_FILTER } from '../../src/lib/domain/filters';
import type { KwestieStatus } from '../../src/lib/domain/kwesties';
import type { SessionUser } from '../../src/lib/domain/roles';
import type { Database } from '../../src/lib/server/db';
import {
	addNote,
	changeKwestie,
	kwestieIds,
	type KwestieChange
} from '../../src/lib/server/kwesties/kwesties';
import { signals } from '../../src/lib/server/kwesties/signals';

/** The municipalities whose kwaliteitsteam follows its kwesties in the demo, with the team's account. */
const TEAMS: { gemeente: string; email: string }[] = [
	{ gemeente: 'GM0344', email: 'kwaliteitsteam@utrecht.demo.example' },
	{ gemeente: 'GM0518', email: 'kwaliteitsteam@denhaag.demo.example' },
	// Leeuwarden's kwaliteitsteam analyses the cases the maatwerkcoaches and the casusteam handled.
	{ gemeente: 'GM0080', email: 'kwaliteitsteam@leeuwarden.demo.example' }
];

/** Months before the demo's end date, as YYYY-MM-DD (first of the month). */
function monthsBefore(endDate: string, months: number): string {
	const date = new Date(`${endDate.slice(0, 7)}-01T00:00:00Z`);
	date.setUTCMonth(date.getUTCMonth() - months);
	return date.toISOString().slice(0, 10);
}

/** The stages the demo shows, most advanced first, for a municipality's largest signals in turn. */
function stages(endDate: string): { change: Partial<KwestieChange>; note?: string }[] {
	return [
		{
			change: {
				status: 'gemonitord',
				agenda: 'beleid',
				urgency: 'hoog',
				owner: 'Kwaliteitsteam',
				measure: 'Beleidsregel aangepast: maatwerk toegestaan zonder nieuwe aanvraag',
				measureOn: monthsBefore(endDate, 12)
			},
			note: 'Na de aanpassing komen er duidelijk minder meldingen binnen; we volgen nog twee kwartalen.'
		},
		{
			change: {
				status: 'maatregel',
				agenda: 'landelijk',
				urgency: 'hoog',
				owner: 'Programmamanager maatwerk',
				measure: 'Voorgelegd aan het Maatwerkloket; werkafspraak met de uitvoerder gemaakt',
				measureOn: monthsBefore(endDate, 5)
			}
		},
		{
			change: {
				status: 'geagendeerd',
				agenda: 'bestuur',
				urgency: 'middel',
				owner: 'Beleidsadviseur inkomen'
			},
			note: 'Staat op de agenda van het portefeuillehoudersoverleg.'
		},
		{ change: { status: 'in_analyse', urgency: 'middel', owner: 'Kwaliteitsteam' } }
	];
}

export async function demoKwesties(db: Database, endDate: string): Promise<number> {
	let picked = 0;
	for (const team of TEAMS) {
		const reach = { all: false as const, gemeenten: [team.gemeente] };
		const found = await signals(db, reach, EMPTY_FILTER, { threshold: 3, windowMonths: 24, asOf: endDate });
		// The import registered every label's kwestie; the demo only picks some up.
		const ids = await kwestieIds(
			db,
			found.map((s) => ({ scope: team.gemeente, key: s.key }))
		);
		const editor: SessionUser = { id: 0, email: team.email, role: 'kwaliteitsteam', reach };
		for (const [i, stage] of stages(endDate).entries()) {
			const signal = found[i];
			if (!signal) break;
			const id = ids.get(`${team.gemeente}|${signal.key}`)!;
			const change: KwestieChange = {
				status: 'gesignaleerd' as KwestieStatus,
				owner: null,
				urgency: null,
				agenda: null,
				rule: null,
				measure: null,
				measureOn: null,
				...stage.change
			};
			await changeKwestie(db, editor, id, change, 'demo');
			if (stage.note) await addNote(db, editor, id, stage.note, 'demo');
			picked++;
		}
	}
	return picked;
}
