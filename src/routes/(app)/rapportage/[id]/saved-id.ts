/** The id in a saved report's address: a positive whole number, or a report that does not exist. */
import { error } from '@sveltejs/kit';

export function savedReportId(value: string): number {
	const id = /^\d{1,15}$/.test(value) ? Number(value) : 0;
	if (id < 1) error(404, 'Deze rapportage bestaat niet of valt buiten uw bereik.');
	return id;
}
