/** Month and quarter labels of the budget charts in Dutch: `2025-03` as `maart 2025`. */
import { MONTHS } from '$lib/domain/dates';

/** `2025-03` as `maart 2025`. */
export function formatMonth(month: string): string {
	const [year, m] = month.split('-');
	return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}
