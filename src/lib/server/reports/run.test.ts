/** The run of whole quarters an evaluation covers: its parts of years, every refusal of runRequest, the default run and the quarters offered. */
import { describe, expect, it } from 'vitest';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import {
	defaultRun,
	MAX_QUARTERS,
	quarterChoices,
	RUN_MESSAGES,
	runRequest,
	type EvaluationRun
} from './run';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const user = (role: Role): SessionUser => ({
	id: 7,
	email: `${role}@leeuwarden.example`,
	role,
	reach: LEEUWARDEN
});
const runOf = (van: string, tot: string): EvaluationRun => {
	const request = runRequest(user('kwaliteitsteam'), van, tot, null);
	if (!request.ok) throw new Error(request.message);
	return request.run;
};
const RUN = () => runOf('2024-Q3', '2025-Q4');

describe('runRequest', () => {
	it('splits a run into the parts of years it touches, labelling a partial year', () => {
		const run = RUN();
		expect(run).toMatchObject({
			from: '2024-Q3',
			to: '2025-Q4',
			fromDate: '2024-07-01',
			toDate: '2025-12-31',
			name: 'derde kwartaal 2024 tot en met vierde kwartaal 2025'
		});
		expect(run.quarters.map((q) => q.key)).toEqual([
			'2024-Q3',
			'2024-Q4',
			'2025-Q1',
			'2025-Q2',
			'2025-Q3',
			'2025-Q4'
		]);
		expect(run.years.map((y) => [y.label, y.partial, y.period.from, y.period.to])).toEqual([
			['2024 (Q3–Q4)', true, '2024-07-01', '2024-12-31'],
			['2025', false, '2025-01-01', '2025-12-31']
		]);
		expect(runOf('2025-q2', '2025-Q2').years.map((y) => y.label)).toEqual(['2025 (Q2)']);
	});

	it('refuses landelijk, a quarter it cannot read, a reversed or too long run and a gemeente outside reach', () => {
		const refused = (role: Role, van: string | null, tot: string | null, gemeente: string | null = null) => {
			const r = runRequest(user(role), van, tot, gemeente);
			return r.ok ? r : { status: r.status, field: r.field, message: r.message };
		};
		expect(refused('landelijk', '2024-Q1', '2024-Q4')).toEqual({
			status: 403,
			field: null,
			message: RUN_MESSAGES.role
		});
		expect(refused('college', null, '2024-Q4')).toEqual({
			status: 400,
			field: 'van',
			message: RUN_MESSAGES.van
		});
		expect(refused('college', '2024', '2024-Q4')).toEqual({
			status: 400,
			field: 'van',
			message: RUN_MESSAGES.van
		});
		expect(refused('college', '2024-Q1', '2024-Q5')).toEqual({
			status: 400,
			field: 'tot',
			message: RUN_MESSAGES.tot
		});
		expect(refused('college', '2025-Q1', '2024-Q4')).toEqual({
			status: 400,
			field: 'tot',
			message:
				'Het laatste kwartaal ligt voor het eerste: kies bij ‘tot en met’ hetzelfde of een later kwartaal.'
		});
		expect(refused('college', '2021-Q1', '2025-Q4')).toMatchObject({ ok: true });
		expect(refused('college', '2020-Q4', '2025-Q4')).toEqual({
			status: 400,
			field: 'tot',
			message: 'Een evaluatie beslaat ten hoogste 20 kwartalen (vijf jaar); kies een kortere periode.'
		});
		expect(MAX_QUARTERS).toBe(20);
		expect(refused('college', '2024-Q1', '2024-Q4', 'GM0344')).toEqual({
			status: 403,
			field: 'gemeente',
			message: 'Deze gemeente valt buiten uw bereik.'
		});
		expect(refused('college', '2024-Q1', '2024-Q4', 'Nergenshuizen')).toEqual({
			status: 400,
			field: 'gemeente',
			message: 'Onbekende gemeente.'
		});
	});

	it('proposes the last four ended quarters and offers the quarters from the first year with cases', () => {
		expect(defaultRun('2026-02-15')).toEqual({ van: '2025-Q1', tot: '2025-Q4' });
		expect(defaultRun('2025-10-01')).toEqual({ van: '2024-Q4', tot: '2025-Q3' });
		const choices = quarterChoices([2025], '2026-02-15');
		expect(choices.map((c) => c.key)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1']);
		expect(choices[1].name).toBe('2025-Q4 (vierde kwartaal 2025)');
	});
});
