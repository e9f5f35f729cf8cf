/** The Verkennen whitelist: absent choices are the default, ids outside the fixed lists are refused, and a choice is written back as the same query. */
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from './filters';
import { DEFAULT_CHOICE, choiceParams, describeChoice, exploreQuery, parseChoice } from './explore';

const parse = (query: string) => parseChoice(new URLSearchParams(query));

describe('parseChoice', () => {
	it('takes the default where nothing or an empty value is chosen', () => {
		expect(parse('')).toEqual({ ok: true, choice: DEFAULT_CHOICE });
		expect(parse('maat=&dimensie=&uitsplitsing=')).toEqual({ ok: true, choice: DEFAULT_CHOICE });
	});

	it('reads every list value, and drops a split equal to the dimension', () => {
		expect(parse('maat=besparing&dimensie=kwartaal&uitsplitsing=gemeente')).toEqual({
			ok: true,
			choice: { measure: 'besparing', dimension: 'kwartaal', split: 'gemeente' }
		});
		expect(parse('dimensie=wet&uitsplitsing=wet')).toMatchObject({ ok: true, choice: { split: null } });
	});

	it('refuses anything outside the lists with a Dutch message naming the field', () => {
		expect(parse('maat=sum(kosten)')).toMatchObject({ ok: false, field: 'maat' });
		expect(parse('dimensie=casus_id')).toMatchObject({
			ok: false,
			field: 'dimensie',
			message: expect.stringMatching(/^dimensie is een van: leefgebied, organisatie/)
		});
		expect(parse("uitsplitsing=jaar'--")).toMatchObject({ ok: false, field: 'uitsplitsing' });
		expect(parse('maat=Casussen')).toMatchObject({ ok: false });
	});
});

describe('a choice in the address', () => {
	it('is written with every part and the filter, and read back the same', () => {
		const choice = { measure: 'uitgaven', dimension: 'jaar', split: 'status' } as const;
		const query = exploreQuery(choice, { ...EMPTY_FILTER, from: '2025-01-01', route: 'Casus team' });
		expect(query).toBe('maat=uitgaven&dimensie=jaar&uitsplitsing=status&from=2025-01-01&route=Casus+team');
		expect(parse(query)).toEqual({ ok: true, choice });
		expect(choiceParams(DEFAULT_CHOICE)).toEqual({ maat: 'casussen', dimensie: 'leefgebied' });
	});

	it('is read in one sentence, with a warning where a case counts more than once', () => {
		expect(describeChoice({ measure: 'doorlooptijd', dimension: 'escalatie', split: 'jaar' })).toBe(
			'Per hoogste escalatietrede, uitgesplitst naar jaar van aanmelding: de mediaan van de dagen van aanmelding tot afronding van afgeronde casussen, voor de casussen die de filters selecteren.'
		);
		expect(describeChoice(DEFAULT_CHOICE)).toContain('telt bij elk daarvan mee');
	});
});
