/** The import page's template (sjabloon) of the case export, version 1.1: every column in spec order, a few fictitious rows, and a sheet explaining each column. */
import ExcelJS from 'exceljs';
import { CANONICAL_COLUMNS, REQUIRED_COLUMNS, V11_COLUMNS, type CanonicalColumn } from './columns';

/** What the Toelichting says about a column: its format and meaning, in Dutch. */
interface ColumnHelp {
	formaat: string;
	betekenis: string;
}

const HELP: Record<CanonicalColumn, ColumnHelp> = {
	casus_id: {
		formaat: 'tekst, 1 tot 64 tekens',
		betekenis:
			'Pseudoniem nummer van de casus, uniek binnen gemeente en bron. Nooit een BSN, naam of dossiernummer dat een persoon aanwijst.'
	},
	gemeente: {
		formaat: 'CBS-code (GM0344, 0344) of naam',
		betekenis: 'De gemeente van de casus.'
	},
	route: { formaat: 'tekst', betekenis: 'De lokale route of tafel, bijvoorbeeld Wijktafel Overvecht.' },
	aangemeld_op: {
		formaat: 'datum (dd-mm-jjjj of jjjj-mm-dd)',
		betekenis: 'Wanneer de casus de route in ging.'
	},
	afgerond_op: { formaat: 'datum', betekenis: 'Wanneer de route de casus afsloot; niet voor aangemeld_op.' },
	status: { formaat: 'open, afgerond of ingetrokken', betekenis: 'De stand van de casus.' },
	leefgebieden: {
		formaat: 'lijst met | (minstens één)',
		betekenis: 'Leefgebieden waar het probleem ligt, bijvoorbeeld financiën|wonen.'
	},
	organisaties: { formaat: 'lijst met |', betekenis: 'Betrokken organisaties, bijvoorbeeld UWV|gemeente.' },
	ministeries: { formaat: 'lijst met |', betekenis: 'Betrokken ministeries, bijvoorbeeld VWS|SZW.' },
	wetten: {
		formaat: 'lijst met |, eventueel met artikel',
		betekenis: 'Betrokken wetten, bijvoorbeeld Pw art. 18|Awir.'
	},
	knelpunt: { formaat: '1, 2A, 2B, 3, 4, 5 of 6', betekenis: 'Waarom de professional vastliep.' },
	kwestie: {
		formaat: 'tekst, tot 200 tekens',
		betekenis: 'Kort label van het onderliggende probleem; hetzelfde label als het probleem terugkomt.'
	},
	escalatie: {
		formaat: 'team, maatwerkcoach, lokale_tafel, bestuurlijk, maatwerkloket of let',
		betekenis: 'De hoogste trede van de escalatieladder die de casus bereikte.'
	},
	uitkomst: {
		formaat: 'opgelost, deels_opgelost of niet_opgelost',
		betekenis: 'De uitkomst; leeg zolang de casus open is.'
	},
	oplossing: {
		formaat: 'lijst met |, vrije labels',
		betekenis: 'Soorten oplossing, bijvoorbeeld voorschot.'
	},
	fonds: {
		formaat: 'tekst',
		betekenis: 'Budget waaruit de oplossing betaald is, bijvoorbeeld maatwerkbudget.'
	},
	kosten_oplossing: { formaat: 'bedrag (1.234,56)', betekenis: 'Wat de oplossing dat budget kostte.' },
	besparing_laag: {
		formaat: 'bedrag',
		betekenis: 'Lage schatting van de vermeden kosten (de kassabon: wat niets doen had gekost).'
	},
	besparing_hoog: { formaat: 'bedrag', betekenis: 'Hoge schatting daarvan; niet lager dan besparing_laag.' },
	voorgeschoten: {
		formaat: 'bedrag',
		betekenis: 'Deel van kosten_oplossing dat is voorgeschoten en terugbetaald moet worden.'
	},
	terug_van: {
		formaat: 'inwoner of een organisatie',
		betekenis: 'Wie het voorschot terugbetaalt.'
	},
	terugbetaald: { formaat: 'bedrag', betekenis: 'Tot nu toe terugbetaald; niet meer dan voorgeschoten.' },
	baten_bij: {
		formaat: 'lijst met |',
		betekenis: 'Partijen bij wie de vermeden kosten vallen, bijvoorbeeld gemeente|woningcorporatie.'
	},
	monitoring: {
		formaat: 'duurzaam, terugval of onbekend',
		betekenis: 'Hoe het 6 tot 12 maanden na de oplossing gaat.'
	},
	monitoring_op: { formaat: 'datum', betekenis: 'Datum van die controle.' },
	samenvatting: {
		formaat: 'tekst, tot 2.000 tekens',
		betekenis: 'Korte beschrijving zonder persoonsgegevens.'
	},
	besluit_door: {
		formaat:
			'professional, teamleider, omo_functionaris, tafel, management, portefeuillehouder, college, maatwerkloket of let',
		betekenis: 'Wie het besluit over de oplossing nam.'
	},
	binnen_kaders: {
		formaat: 'ja of nee',
		betekenis:
			'ja: de oplossing bleef binnen de bestaande regels en budgetten; nee: er werd van een regel afgeweken of een budgetgrens overschreden.'
	},
	instrument: {
		formaat: 'lijst met |',
		betekenis:
			'Instrumenten om af te wijken of te overbruggen, bijvoorbeeld hardheidsclausule, voorschot, overbruggingsprocedure, kwijtschelding, urgentie.'
	},
	vier_ogen: {
		formaat: 'ja of nee',
		betekenis: 'Een tweede persoon keek mee (advies en besluit gescheiden).'
	},
	stappen: {
		formaat: 'trede@datum met |',
		betekenis:
			'Elke trede van de ladder met de datum waarop de casus er kwam, in volgorde van tijd; de hoogste trede is gelijk aan escalatie.'
	},
	reacties: {
		formaat: 'organisatie@gevraagd/beantwoord met |',
		betekenis:
			'Vragen aan partners en wanneer zij antwoordden; leeg na de / als er nog geen antwoord is. Datums met - of ., niet met /.'
	},
	vermeden_posten: {
		formaat: 'post of post*aantal met |',
		betekenis:
			'Posten van de kassabon uit de kostentabel van de gemeente, bijvoorbeeld uithuiszetting|maatschappelijke_opvang_maand*6.'
	},
	kwijtgescholden: {
		formaat: 'bedrag',
		betekenis:
			'Deel van voorgeschoten dat is kwijtgescholden; terugbetaald plus kwijtgescholden niet meer dan voorgeschoten.'
	}
};

type ExampleRow = Record<CanonicalColumn, string>;

/** Fictitious cases, one closed at the table, one open, one decided by the portefeuillehouder; `{gemeente}` is filled in. */
const EXAMPLES: ExampleRow[] = [
	{
		casus_id: 'VOORBEELD-2025-0001',
		gemeente: '{gemeente}',
		route: 'Wijktafel',
		aangemeld_op: '06-01-2025',
		afgerond_op: '27-01-2025',
		status: 'afgerond',
		leefgebieden: 'financiën|wonen',
		organisaties: 'gemeente|UWV|woningcorporatie',
		ministeries: '',
		wetten: 'Pw art. 18',
		knelpunt: '2A',
		kwestie: 'Inkomen valt weg bij overgang van WW naar bijstand',
		escalatie: 'lokale_tafel',
		uitkomst: 'opgelost',
		oplossing: 'voorschot',
		fonds: 'maatwerkbudget',
		kosten_oplossing: '1.200,00',
		besparing_laag: '4.000,00',
		besparing_hoog: '9.000,00',
		voorgeschoten: '1.200,00',
		terug_van: 'inwoner',
		terugbetaald: '300,00',
		baten_bij: 'gemeente|woningcorporatie',
		monitoring: '',
		monitoring_op: '',
		samenvatting:
			'Voorbeeld (verzonnen): alleenstaande met een huurachterstand omdat de bijstand pas na de WW begint; voorschot tot de eerste betaling.',
		besluit_door: 'tafel',
		binnen_kaders: 'nee',
		instrument: 'voorschot',
		vier_ogen: 'ja',
		stappen: 'team@06-01-2025|maatwerkcoach@08-01-2025|lokale_tafel@15-01-2025',
		reacties: 'UWV@08-01-2025/10-01-2025|woningcorporatie@08-01-2025/09-01-2025',
		vermeden_posten: 'uithuiszetting',
		kwijtgescholden: '100,00'
	},
	{
		casus_id: 'VOORBEELD-2025-0002',
		gemeente: '{gemeente}',
		route: 'Koploper',
		aangemeld_op: '03-03-2025',
		afgerond_op: '',
		status: 'open',
		leefgebieden: 'financiën|wonen',
		organisaties: 'Belastingdienst|gemeente',
		ministeries: '',
		wetten: 'Awir art. 2|Wht art. 7',
		knelpunt: '4',
		kwestie: 'Huurtoeslag stopt bij adresonderzoek vorige bewoner',
		escalatie: 'maatwerkcoach',
		uitkomst: '',
		oplossing: '',
		fonds: '',
		kosten_oplossing: '',
		besparing_laag: '',
		besparing_hoog: '',
		voorgeschoten: '',
		terug_van: '',
		terugbetaald: '',
		baten_bij: '',
		monitoring: '',
		monitoring_op: '',
		samenvatting:
			'Voorbeeld (verzonnen): huurtoeslag gestopt omdat de vorige huurder nog op het adres staat ingeschreven.',
		besluit_door: '',
		binnen_kaders: '',
		instrument: '',
		vier_ogen: '',
		stappen: 'team@03-03-2025|maatwerkcoach@05-03-2025',
		reacties: 'Belastingdienst@05-03-2025/',
		vermeden_posten: '',
		kwijtgescholden: ''
	},
	{
		casus_id: 'VOORBEELD-2024-0003',
		gemeente: '{gemeente}',
		route: 'Stedelijke tafel',
		aangemeld_op: '02-09-2024',
		afgerond_op: '18-11-2024',
		status: 'afgerond',
		leefgebieden: 'psychische gezondheid|wonen',
		organisaties: 'zorgaanbieder|zorgkantoor|gemeente',
		ministeries: 'VWS',
		wetten: 'Wmo 2015|Wlz',
		knelpunt: '3',
		kwestie: 'Zorgvraag valt tussen Wmo en Wlz',
		escalatie: 'bestuurlijk',
		uitkomst: 'deels_opgelost',
		oplossing: 'hardheidsclausule|begeleid wonen',
		fonds: 'regulier',
		kosten_oplossing: '6.500,00',
		besparing_laag: '20.000,00',
		besparing_hoog: '45.000,00',
		voorgeschoten: '',
		terug_van: '',
		terugbetaald: '',
		baten_bij: 'gemeente|zorgverzekeraar',
		monitoring: 'duurzaam',
		monitoring_op: '19-05-2025',
		samenvatting:
			'Voorbeeld (verzonnen): na een opname geen passende woonplek; de wethouder stemde in met begeleid wonen buiten de regels.',
		besluit_door: 'portefeuillehouder',
		binnen_kaders: 'nee',
		instrument: 'hardheidsclausule',
		vier_ogen: 'ja',
		stappen: 'team@02-09-2024|lokale_tafel@16-09-2024|bestuurlijk@14-10-2024',
		reacties: 'zorgkantoor@16-09-2024/30-09-2024|zorgaanbieder@16-09-2024/17-09-2024',
		vermeden_posten: '',
		kwijtgescholden: ''
	}
];

/** The example rows for one municipality (a GM code), so that the template imports within the user's reach. */
export function templateRows(gemeente: string): ExampleRow[] {
	return EXAMPLES.map((row) => ({ ...row, gemeente }));
}

const csvField = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `;`-separated, UTF-8 with BOM and CRLF, as Dutch Excel opens and saves it. */
export function templateCsv(gemeente: string): string {
	const lines = [
		CANONICAL_COLUMNS.join(';'),
		...templateRows(gemeente).map((row) => CANONICAL_COLUMNS.map((c) => csvField(row[c])).join(';'))
	];
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** One line per column for the Toelichting sheet: name, required, since which version, format, meaning. */
export function templateHelp(): {
	kolom: string;
	verplicht: string;
	versie: string;
	formaat: string;
	betekenis: string;
}[] {
	const v11 = new Set<string>(V11_COLUMNS);
	return CANONICAL_COLUMNS.map((kolom) => ({
		kolom,
		verplicht: REQUIRED_COLUMNS.includes(kolom) ? 'ja' : 'nee',
		versie: v11.has(kolom) ? '1.1' : '1',
		...HELP[kolom]
	}));
}

/**
 * The workbook: sheet "Casussen" (header and example rows, every cell text so that dates and amounts stay as
 * written; the import reads the first sheet) and sheet "Toelichting".
 */
export async function templateXlsx(gemeente: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Systeemleren portal';
	const cases = workbook.addWorksheet('Casussen');
	cases.addRow([...CANONICAL_COLUMNS]).font = { bold: true };
	for (const row of templateRows(gemeente)) cases.addRow(CANONICAL_COLUMNS.map((c) => row[c] || null));
	CANONICAL_COLUMNS.forEach((column, i) => {
		const col = cases.getColumn(i + 1);
		col.numFmt = '@';
		col.width = Math.max(12, Math.min(40, column.length + 4));
	});
	const help = workbook.addWorksheet('Toelichting');
	help.addRow(['Kolom', 'Verplicht', 'Sinds versie', 'Formaat', 'Betekenis']).font = { bold: true };
	for (const line of templateHelp())
		help.addRow([line.kolom, line.verplicht, line.versie, line.formaat, line.betekenis]);
	[18, 10, 12, 40, 90].forEach((width, i) => (help.getColumn(i + 1).width = width));
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
