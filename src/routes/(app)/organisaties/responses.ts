/** The sentence that opens the partners' answer times: the organisation asked most, against its promise. */
import { formatCount } from '$lib/domain/format';

/** The figures of one organisation the sentence needs (exact, not the protected level). */
export interface ResponsesFigures {
	organisation: string;
	asked: number;
	answered: number;
	withinPromise: number;
	promiseDays: number | null;
	openPastPromise: number;
}

const count = (n: number, one: string, more: string) => `${formatCount(n)} ${n === 1 ? one : more}`;

/** The organisation asked most (the first in vocabulary order on a tie), or undefined without questions. */
export function mostAsked<T extends ResponsesFigures>(organisations: readonly T[]): T | undefined {
	return organisations.reduce<T | undefined>(
		(best, o) => (!best || o.asked > best.asked ? o : best),
		undefined
	);
}

/** "UWV beantwoordde 2 van de 3 vragen binnen de beloofde 2 werkdagen; 1 vraag staat open over de termijn." */
export function responsesHeadline(o: ResponsesFigures, name: string): string {
	const promise =
		o.promiseDays === null
			? 'de beloofde termijn van elke gemeente'
			: `de beloofde ${count(o.promiseDays, 'werkdag', 'werkdagen')}`;
	const answered =
		o.answered === 0
			? `${name} beantwoordde nog geen van de ${count(o.asked, 'vraag', 'vragen')}`
			: `${name} beantwoordde ${formatCount(o.withinPromise)} van de ${count(o.answered, 'vraag', 'vragen')} binnen ${promise}`;
	const open =
		o.openPastPromise === 0
			? 'geen vraag staat open over de termijn'
			: o.openPastPromise === 1
				? '1 vraag staat open over de termijn'
				: `${formatCount(o.openPastPromise)} vragen staan open over de termijn`;
	return `${answered}; ${open}.`;
}
