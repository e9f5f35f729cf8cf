/** The report as one self-contained HTML document (markup of the page, styles inlined, no scripts), for Chromium to print as PDF. */
import { render } from 'svelte/server';
import ReportDocument from '$lib/components/report/ReportDocument.svelte';
import type { PeriodReport } from '$lib/domain/report';
import appCss from '$lib/styles/app.css?inline';
import reportCss from '$lib/components/report/report.css?inline';

export interface DocumentText {
	/** When and by whom the figures were made or saved. */
	stamp: string;
	lessons: { text: string; note: string } | null;
}

/** PDF pages carry Chromium's own footer with page numbers (see pdf.ts), so the stylesheet's margin boxes are emptied. */
const PDF_PAGE = `@page { @bottom-right { content: none } @bottom-left { content: none } }`;

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `Rapportage derde kwartaal 2025 · Leeuwarden`: the document title, also the PDF's title. */
export function reportTitle(report: PeriodReport): string {
	return `Rapportage ${report.name} · ${report.scope.label}`;
}

export function reportHtml(report: PeriodReport, text: DocumentText): string {
	const { body } = render(ReportDocument, { props: { report, stamp: text.stamp, lessons: text.lessons } });
	return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${escapeHtml(reportTitle(report))}</title>
<style>${appCss}</style>
<style>${reportCss}</style>
<style>${PDF_PAGE}</style>
</head>
<body class="utrecht-theme utrecht-document"><main class="portal-main">${body}</main></body>
</html>`;
}
