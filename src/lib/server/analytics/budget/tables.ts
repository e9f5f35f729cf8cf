/** The budget view's tables, with their ids and captions, as the page, the downloads and the accessible tables under the charts show them. */
import { formatDate } from '$lib/domain/format';
import type { DataTable } from '$lib/domain/table';
import type { BudgetView } from '../budget-view';
import { partyLabel } from './parties';
import { settlementTable } from './settlement';

const percentOf = (part: number, whole: number | null) =>
	whole !== null && whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;

/** The tables of the view, in the order the page shows them; the voorschotten only where cases hold advances. */
export function budgetTables(view: Omit<BudgetView, 'tables'>): DataTable[] {
	const realFunds = view.funds.filter((f) => f.key !== null);
	const spendFunds = view.funds.filter((f) => f.key !== null || f.money.withCost > 0);
	const tables: DataTable[] = [
		{
			id: 'budget-fondsen',
			caption:
				'Budget en besteding per fonds (de kalenderjaren van de selectie); saldo = budget + bijdragen + terugbetaalde voorschotten − besteed',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'bijdragen', label: 'Bijdragen van partners', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed', kind: 'euro', basis: 'casussen' },
				{ key: 'saldo', label: 'Saldo', kind: 'euro', basis: 'casussen' },
				{ key: 'aandeel', label: 'Besteed (% van budget)', kind: 'decimal', basis: 'casussen' },
				{ key: 'casussen', label: 'Casussen met kosten', kind: 'count' }
			],
			rows: spendFunds.map((f) => ({
				fonds: f.fund,
				gemeente: f.gemeenteNaam,
				budget: f.budget,
				bijdragen: f.contributions,
				besteed: f.money.spent,
				saldo: f.remaining,
				aandeel: percentOf(f.money.spent, f.budget),
				casussen: f.money.withCost
			}))
		},
		{
			id: 'budget-fondsen-jaren',
			caption: `Budget, besteding en prognose per fonds en jaar (prognose voor ${view.currentYear} in het tempo tot nu)`,
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'bijdragen', label: 'Bijdragen van partners', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed', kind: 'euro' },
				{ key: 'prognose', label: 'Prognose jaareinde', kind: 'euro' },
				{ key: 'verschil', label: 'Budget en bijdragen min prognose', kind: 'euro' },
				{ key: 'basis', label: 'Tempo gemeten over' }
			],
			rows: realFunds.flatMap((f) =>
				f.years.map((y) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					jaar: String(y.year),
					budget: y.budget,
					bijdragen: y.contributions,
					besteed: y.spent,
					prognose: y.projected,
					verschil: y.remaining,
					basis: y.window
						? `${formatDate(y.window.from)} t/m ${formatDate(y.window.to)} (${y.window.days} dagen)`
						: null
				}))
			)
		},
		{
			id: 'budget-verloop',
			caption: 'Besteding per maand en cumulatief, tegen het cumulatieve budget, per fonds',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'maand', label: 'Maand' },
				{ key: 'besteed', label: 'Besteed in de maand', kind: 'euro' },
				{ key: 'cumulatief', label: 'Besteed cumulatief', kind: 'euro' },
				{ key: 'budget', label: 'Budget cumulatief', kind: 'euro' }
			],
			rows: realFunds.flatMap((f) =>
				f.months.map((m) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					maand: m.month,
					besteed: m.spent,
					cumulatief: m.cumulative,
					budget: m.budget
				}))
			)
		},
		{
			id: 'budget-kassabon',
			caption: 'Kosten en vermeden kosten: casussen met en zonder schatting',
			columns: [
				{ key: 'groep', label: 'Casussen' },
				{ key: 'casussen', label: 'Aantal', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro', basis: 'casussen' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro', basis: 'casussen' },
				{ key: 'verhouding_laag', label: 'Besparing per euro (laag)', kind: 'decimal', basis: 'casussen' },
				{ key: 'verhouding_hoog', label: 'Besparing per euro (hoog)', kind: 'decimal', basis: 'casussen' }
			],
			rows: [
				{
					groep: 'Met kosten en schatting',
					casussen: view.total.complete.cases,
					kosten: view.total.complete.cost,
					laag: view.total.complete.savings.low,
					hoog: view.total.complete.savings.high,
					verhouding_laag: view.total.ratio?.low ?? null,
					verhouding_hoog: view.total.ratio?.high ?? null
				},
				{
					groep: 'Met kosten, zonder schatting',
					casussen: view.total.withoutEstimate.cases,
					kosten: view.total.withoutEstimate.cost,
					laag: null,
					hoog: null,
					verhouding_laag: null,
					verhouding_hoog: null
				},
				{
					groep: 'Met schatting, zonder kosten',
					casussen: view.total.withoutCost.cases,
					kosten: null,
					laag: view.total.withoutCost.savings.low,
					hoog: view.total.withoutCost.savings.high,
					verhouding_laag: null,
					verhouding_hoog: null
				},
				{
					groep: 'Totaal met kosten of schatting',
					casussen:
						view.total.complete.cases + view.total.withoutEstimate.cases + view.total.withoutCost.cases,
					kosten: view.total.spent,
					laag: view.total.savings.low,
					hoog: view.total.savings.high,
					verhouding_laag: null,
					verhouding_hoog: null
				}
			]
		},
		{
			id: 'budget-besparing-fondsen',
			caption: 'Kosten tegen vermeden kosten per fonds (casussen met kosten én schatting)',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro', basis: 'casussen' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro', basis: 'casussen' },
				{ key: 'verhouding_laag', label: 'Besparing per euro (laag)', kind: 'decimal', basis: 'casussen' },
				{ key: 'verhouding_hoog', label: 'Besparing per euro (hoog)', kind: 'decimal', basis: 'casussen' },
				{ key: 'zonder', label: 'Casussen met kosten zonder schatting', kind: 'count' },
				{ key: 'zonder_kosten', label: 'Hun kosten', kind: 'euro', basis: 'zonder' }
			],
			rows: view.funds
				.filter((f) => f.money.withCost > 0)
				.map((f) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					casussen: f.money.complete.cases,
					kosten: f.money.complete.cost,
					laag: f.money.complete.savings.low,
					hoog: f.money.complete.savings.high,
					verhouding_laag: f.money.ratio?.low ?? null,
					verhouding_hoog: f.money.ratio?.high ?? null,
					zonder: f.money.withoutEstimate.cases,
					zonder_kosten: f.money.withoutEstimate.cost
				}))
		},
		{
			id: 'budget-baten',
			caption: 'Vermeden kosten per partij waar ze terechtkomen (gelijk verdeeld over de genoemde partijen)',
			columns: [
				{ key: 'partij', label: 'Partij' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro', basis: 'casussen' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro', basis: 'casussen' }
			],
			rows: view.parties.map((p) => ({
				partij: p.label,
				casussen: p.cases,
				laag: p.savings.low,
				hoog: p.savings.high
			}))
		},
		{
			id: 'budget-baten-kwartalen',
			caption: 'Vermeden kosten per partij en kwartaal van aanmelding',
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				{ key: 'partij', label: 'Partij' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' }
			],
			rows: view.quarters.flatMap((q) =>
				q.parties.map((p) => ({
					kwartaal: q.quarter,
					partij: partyLabel(p.party),
					laag: p.savings.low,
					hoog: p.savings.high
				}))
			)
		},
		settlementTable('budget-verrekening', view.settlement),
		{
			id: 'budget-monitoring',
			caption:
				'Geschat tegen gerealiseerd: casussen met kosten of schatting naar de monitoring na 6 tot 12 maanden',
			columns: [
				{ key: 'monitoring', label: 'Monitoring' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro', basis: 'casussen' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro', basis: 'casussen' },
				{
					key: 'aandeel',
					label: 'Aandeel van de geschatte besparing (laag, %)',
					kind: 'decimal',
					basis: 'casussen'
				},
				{ key: 'zonder', label: 'Zonder schatting', kind: 'count' }
			],
			rows: view.monitoring.map((m) => ({
				monitoring: m.label,
				casussen: m.money.cases,
				kosten: m.money.spent,
				laag: m.money.savings.low,
				hoog: m.money.savings.high,
				aandeel: percentOf(m.money.savings.low, view.total.savings.low),
				zonder: m.money.withoutEstimate.cases
			}))
		}
	];
	if (view.advancesTotal) {
		tables.push({
			id: 'budget-voorschotten',
			caption:
				'Voorschotten naar wie terugbetaalt: openstaand = voorgeschoten − terugbetaald − kwijtgescholden, naar hoe lang het openstaat (sinds afronding, of aanmelding zolang de casus loopt)',
			columns: [
				{ key: 'partij', label: 'Terug van' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'voorgeschoten', label: 'Voorgeschoten', kind: 'euro', basis: 'casussen' },
				{ key: 'terugbetaald', label: 'Terugbetaald', kind: 'euro', basis: 'casussen' },
				{ key: 'kwijtgescholden', label: 'Kwijtgescholden', kind: 'euro', basis: 'casussen' },
				{ key: 'openstaand', label: 'Openstaand', kind: 'euro', basis: 'casussen' },
				{ key: 'jong', label: 'Openstaand korter dan een half jaar', kind: 'euro', basis: 'casussen' },
				{ key: 'half', label: 'Openstaand een half tot een jaar', kind: 'euro', basis: 'casussen' },
				{ key: 'oud', label: 'Openstaand een jaar of langer', kind: 'euro', basis: 'casussen' },
				{ key: 'sinds', label: 'Oudste openstaand sinds', kind: 'date' }
			],
			rows: [...view.advances, view.advancesTotal].map((a) => ({
				partij: a.label,
				casussen: a.cases,
				voorgeschoten: a.advanced,
				terugbetaald: a.repaid,
				kwijtgescholden: a.forgiven,
				openstaand: a.outstanding,
				jong: a.byAge.young,
				half: a.byAge.half,
				oud: a.byAge.old,
				sinds: a.oldest
			}))
		});
	}
	return tables;
}
