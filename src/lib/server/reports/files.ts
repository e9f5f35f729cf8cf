/** The report as files and as the page shows it: the texts around the figures (when, by whom), the PDF and the XLSX annex. */
import { formatDate, formatDateTime } from '$lib/domain/format';
import type { PeriodReport } from '$lib/domain/report';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reportHtml, reportTitle, type DocumentText } from './document';
import { htmlToPdf } from './pdf';
import { toXlsx } from './tabular';
import { latestLessons, type SavedReport } from './saved';

const lessonsNote = (savedBy: string, savedAt: string) =>
	`Tekst van ${savedBy}, opgeslagen op ${formatDateTime(savedAt)}.`;

/** The texts of the live report: now, and the text last saved for the same period and scope. */
export async function liveText(db: Database, user: SessionUser, report: PeriodReport): Promise<DocumentText> {
	const latest = await latestLessons(db, user, report.period, report.scope.gemeenten);
	return {
		stamp: `Stand van ${formatDateTime(new Date().toISOString())}; de cijfers volgen de imports tot dat moment.`,
		lessons: latest ? { text: latest.lessons, note: lessonsNote(latest.savedBy, latest.savedAt) } : null
	};
}

/** The texts of a saved report: when, by whom and from which imports it was made. */
export function savedText(saved: SavedReport): DocumentText {
	const ids = saved.importIds;
	const imports =
		ids.length === 0
			? 'zonder imports'
			: ids.length === 1
				? `uit import ${ids[0]}`
				: `uit imports ${ids.slice(0, -1).join(', ')} en ${ids.at(-1)}`;
	return {
		stamp: `Opgeslagen op ${formatDateTime(saved.savedAt)} door ${saved.savedBy}, gemaakt ${imports}.`,
		lessons: { text: saved.lessons, note: lessonsNote(saved.savedBy, saved.savedAt) }
	};
}

export function reportPdf(report: PeriodReport, text: DocumentText): Promise<Buffer> {
	return htmlToPdf(reportHtml(report, text), reportTitle(report));
}

/** The annex: a sheet saying what the report covers, then every table of the report. */
export function reportXlsx(report: PeriodReport, text: DocumentText): Promise<Buffer> {
	const cover: DataTable = {
		id: 'rapport-omslag',
		caption: reportTitle(report),
		columns: [
			{ key: 'onderdeel', label: 'Onderdeel' },
			{ key: 'waarde', label: 'Waarde' }
		],
		rows: [
			{ onderdeel: 'Periode', waarde: `${report.name} (${report.period})` },
			{ onderdeel: 'Van', waarde: formatDate(report.from) },
			{ onderdeel: 'Tot en met', waarde: formatDate(report.to) },
			{ onderdeel: 'Gemeente(n)', waarde: report.scope.label },
			{ onderdeel: 'Stand', waarde: text.stamp },
			{ onderdeel: 'Wat leren we', waarde: text.lessons?.text ?? '' }
		]
	};
	return toXlsx([cover, ...report.tables]);
}

/** `rapportage-2025-Q3-leeuwarden.pdf`. */
export function reportFileName(report: PeriodReport, extension: 'pdf' | 'xlsx'): string {
	const scope = report.scope.gemeenten?.length === 1 ? report.scope.label : 'regio';
	const slug = scope
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `rapportage-${report.period}-${slug || 'regio'}.${extension}`;
}

/** The response headers of a report file. */
export function fileHeaders(fileName: string, extension: 'pdf' | 'xlsx'): Record<string, string> {
	return {
		'content-type':
			extension === 'pdf'
				? 'application/pdf'
				: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'content-disposition': `attachment; filename="${fileName}"`,
		'cache-control': 'no-store'
	};
}
