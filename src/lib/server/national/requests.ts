/** Checks of what a page or endpoint asks of the national packages: a municipality within reach and a whole period. */
import { reaches, type SessionUser } from '$lib/domain/roles';
import { periodName } from '$lib/domain/periods';
import { reference } from '../reference';
import { parsePeriod, periodsOfYear, type PackagePeriod } from './period';

export type ExportRequest =
	| { ok: true; gemeente: string; period: PackagePeriod }
	| { ok: false; status: 400 | 403; field: 'gemeente' | 'period'; message: string };

export const PERIOD_MESSAGE = 'Kies een periode: een jaar (2025), halfjaar (2025-H1) of kwartaal (2025-Q3).';

/** `gemeente` and `period` of an export: a known municipality within the user's reach, a whole period. */
export function parseExportRequest(params: URLSearchParams | FormData, user: SessionUser): ExportRequest {
	const code = String(params.get('gemeente') ?? '').trim();
	const gemeente = code ? reference().gemeenten.resolve(code) : undefined;
	if (!gemeente) return { ok: false, status: 400, field: 'gemeente', message: 'Kies een gemeente.' };
	if (!reaches(user.reach, gemeente.code)) {
		return { ok: false, status: 403, field: 'gemeente', message: `${gemeente.naam} valt buiten uw bereik.` };
	}
	const period = parsePeriod(String(params.get('period') ?? ''));
	if (!period) return { ok: false, status: 400, field: 'period', message: PERIOD_MESSAGE };
	return { ok: true, gemeente: gemeente.code, period };
}

/** The period choices of a selector, newest year first, each year with its halves and quarters. */
export function periodChoices(
	years: number[]
): { year: number; periods: { value: string; label: string }[] }[] {
	return [...years]
		.sort((a, b) => b - a)
		.map((year) => ({
			year,
			periods: periodsOfYear(year).map((p) => ({ value: p.period, label: periodName(p.period) }))
		}));
}
