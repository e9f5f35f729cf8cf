/** The opening sentence of the partners' answer times, in its singular and plural forms. */
import { describe, expect, it } from 'vitest';
import { mostAsked, responsesHeadline } from './responses';

const uwv = {
	organisation: 'UWV',
	asked: 4,
	answered: 3,
	withinPromise: 2,
	promiseDays: 2,
	openPastPromise: 1
};

describe('responsesHeadline', () => {
	it('reads as the contract of the Zwolle sample', () => {
		expect(responsesHeadline(uwv, 'UWV')).toBe(
			'UWV beantwoordde 2 van de 3 vragen binnen de beloofde 2 werkdagen; 1 vraag staat open over de termijn.'
		);
	});

	it('says when nothing was answered, promises differ or nothing is open', () => {
		expect(responsesHeadline({ ...uwv, answered: 0, withinPromise: 0, openPastPromise: 0 }, 'SVB')).toBe(
			'SVB beantwoordde nog geen van de 4 vragen; geen vraag staat open over de termijn.'
		);
		expect(
			responsesHeadline(
				{ ...uwv, answered: 1, withinPromise: 1, promiseDays: null, openPastPromise: 3 },
				'CAK'
			)
		).toBe(
			'CAK beantwoordde 1 van de 1 vraag binnen de beloofde termijn van elke gemeente; 3 vragen staan open over de termijn.'
		);
		expect(responsesHeadline({ ...uwv, promiseDays: 1 }, 'UWV')).toContain('binnen de beloofde 1 werkdag;');
	});

	it('picks the organisation asked most, the first on a tie', () => {
		expect(mostAsked([])).toBeUndefined();
		const svb = { ...uwv, organisation: 'SVB' };
		expect(mostAsked([svb, uwv])?.organisation).toBe('SVB');
		expect(mostAsked([svb, { ...uwv, asked: 5 }])?.organisation).toBe('UWV');
	});
});
