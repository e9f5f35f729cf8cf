/** The evaluation as files: one self-contained HTML document (to print, and for Chromium's PDF), the XLSX with a cover sheet, a table as CSV, and their names. */
import { render } from 'svelte/server';
import { formatDate, formatDateTime } from '$lib/domain/format';
import type { DataTable } from '$lib/domain/table';
import type { EvaluationReport } from '$lib/server/reports/evaluation';
import { htmlToPdf } from '$lib/server/reports/pdf';
import { toCsv, toXlsx } from '$lib/server/reports/tabular';
import appCss from '$lib/styles/app.css?inline';
import reportCss from '$lib/components/report/report.css?inline';
import EvaluationDocument from './EvaluationDocument.svelte';

/** PDF pages carry Chromium's own footer with page numbers (see pdf.ts), so the stylesheet's margin boxes are emptied. */
const PDF_PAGE = `@page { @bottom-right { content: none } @bottom-left { content: none } }`;

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `Evaluatie 2024-Q3 tot en met 2025-Q4 · Leeuwarden`: the document's title, also the PDF's. */
export function evaluationTitle(report: EvaluationReport): string {
	return `Evaluatie ${report.run.from} tot en met ${report.run.to} · ${report.scope.label}`;
}

/** When the figures were made: the live state of the imports. */
export function evaluationStamp(now = new Date()): string {
	return `Stand van ${formatDateTime(now.toISOString())}; de cijfers volgen de imports en de ingevulde capaciteit tot dat moment.`;
}

/** The whole evaluation, every section open, with its styles inlined and no script: for print and for the PDF. */
export function evaluationHtml(report: EvaluationReport, stamp: string, forPdf: boolean): string {
	const { body } = render(EvaluationDocument, { props: { report, stamp, open: true } });
	return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${escapeHtml(evaluationTitle(report))}</title>
<style>${appCss}</style>
<style>${reportCss}</style>
<style>${forPdf ? PDF_PAGE : ''}</style>
</head>
<body class="utrecht-theme utrecht-document"><main class="portal-main">${body}</main></body>
</html>`;
}

export function evaluationPdf(report: EvaluationReport, stamp: string): Promise<Buffer> {
	return htmlToPdf(evaluationHtml(report, stamp, true), evaluationTitle(report));
}

/** The workbook: a sheet saying what the evaluation covers and how it counts, then every table. */
export function evaluationXlsx(report: EvaluationReport, stamp: string): Promise<Buffer> {
	const cover: DataTable = {
		id: 'evaluatie-omslag',
		caption: evaluationTitle(report),
		columns: [
			{ key: 'onderdeel', label: 'Onderdeel' },
			{ key: 'waarde', label: 'Waarde' }
		],
		rows: [
			{
				onderdeel: 'Looptijd',
				waarde: `${report.run.name} (${report.run.from} tot en met ${report.run.to})`
			},
			{ onderdeel: 'Van', waarde: formatDate(report.run.fromDate) },
			{ onderdeel: 'Tot en met', waarde: formatDate(report.run.toDate) },
			{ onderdeel: 'Gemeente(n)', waarde: report.scope.label },
			{ onderdeel: 'Stand', waarde: stamp },
			{
				onderdeel: 'Kosten per casus',
				waarde:
					'(kosten van de capaciteit + besteed aan oplossingen) ÷ casussen aangemeld in de periode; ook ÷ casussen afgerond in de periode'
			},
			{
				onderdeel: 'Kosten van de capaciteit',
				waarde: `uren × uurtarief per functie en kwartaal, per regel afgerond op hele centen (half naar boven); 1 fte = ${report.fteHours} uur per kwartaal (36 uur × 13 weken)`
			},
			{
				onderdeel: 'Jaren',
				waarde: 'een jaar dat voor een deel in de looptijd valt, telt alleen de kwartalen tussen haakjes'
			}
		]
	};
	return toXlsx([cover, ...report.tables]);
}

/** One table as CSV, or undefined when the report has no table with that id. */
export function evaluationCsv(report: EvaluationReport, tableId: string): string | undefined {
	const table = report.tables.find((t) => t.id === tableId);
	return table && toCsv(table);
}

/** `evaluatie-2024-Q3-2025-Q4-leeuwarden.pdf`; a table's CSV adds its id. */
export function evaluationFileName(report: EvaluationReport, extension: string, tableId?: string): string {
	const scope = report.scope.gemeenten?.length === 1 ? report.scope.label : 'regio';
	const slug = scope
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	const table = tableId ? `-${tableId.replace(/^evaluatie-/, '')}` : '';
	return `evaluatie-${report.run.from}-${report.run.to}-${slug || 'regio'}${table}.${extension}`;
}
