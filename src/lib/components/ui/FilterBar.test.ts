/** FilterBar gives landelijk one labelled select of whole periods in place of the date fields, and every other role the dates as dd-mm-jjjj, with the server's reason where a date in the address is none. */
import { render } from 'svelte/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTER, type CaseFilter, type FilterOptions } from '$lib/domain/filters';
import FilterBar from './FilterBar.svelte';

const state = vi.hoisted(() => ({
	page: { data: {} as Record<string, unknown>, url: new URL('http://portal.test/leefgebieden') }
}));
vi.mock('$app/state', () => state);

const options: FilterOptions = {
	gemeenten: [],
	routes: ['wijkteam'],
	years: [2024, 2025],
	escalatie: [],
	knelpunten: []
};
const bar = (filter: Partial<CaseFilter> = {}, search = '') => {
	state.page.url = new URL(`http://portal.test/leefgebieden${search}`);
	return render(FilterBar, { props: { filter: { ...EMPTY_FILTER, ...filter }, options } }).body;
};
/** The opening tag of the input with this id. */
const input = (body: string, id: string) => new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(body)?.[0] ?? '';

describe('FilterBar for landelijk', () => {
	beforeEach(() => {
		state.page.data = { audience: 'protected' };
	});

	it('offers all data and each whole period, newest first, in place of the date fields', () => {
		const body = bar();
		expect(body).not.toContain('type="date"');
		expect(body).toContain('<label class="utrecht-form-label" for="filter-periode">Periode</label>');
		expect(body).toMatch(/<select[^>]*id="filter-periode"[^>]*name="periode"/);
		const values = [...body.matchAll(/<option value="(20[^"]*)"/g)].map((m) => m[1]);
		expect(values.slice(0, 8)).toEqual([
			'2025',
			'2025-H2',
			'2025-H1',
			'2025-Q4',
			'2025-Q3',
			'2025-Q2',
			'2025-Q1',
			'2024'
		]);
		expect(values).toHaveLength(14);
		expect(body).toMatch(/<option value=""[^>]*selected[^>]*>Alle gegevens<\/option>/);
		expect(body).toContain('<optgroup label="2024">');
	});

	it('shows the whole period in force as chosen', () => {
		const body = bar({ from: '2024-04-01', to: '2024-06-30' });
		expect(body).toMatch(/<option value="2024-Q2"[^>]*selected[^>]*>Tweede kwartaal 2024<\/option>/);
		expect(body).not.toMatch(/<option value=""[^>]*selected/);
	});
});

describe('FilterBar for other roles', () => {
	beforeEach(() => {
		state.page.data = { audience: 'cases' };
	});

	it('shows the dates as dd-mm-jjjj in numeric text boxes with a visible hint, not the browser date widget', () => {
		const body = bar({ from: '2025-03-03' }, '?from=2025-03-03');
		expect(body).not.toContain('type="date"');
		const from = input(body, 'filter-from');
		expect(from).toContain('name="from"');
		expect(from).toContain('type="text"');
		expect(from).toContain('inputmode="numeric"');
		expect(from).toContain('value="03-03-2025"');
		expect(from).toMatch(/pattern="[^"]+"/);
		expect(from).toContain('aria-describedby="filter-from-uitleg"');
		expect(from).not.toContain('aria-invalid');
		expect(body).toContain('id="filter-from-uitleg">dd-mm-jjjj</div>');
		expect(input(body, 'filter-to')).toContain('value=""');
		expect(body).toContain('<label class="utrecht-form-label" for="filter-to">Aangemeld tot en met</label>');
		expect(body).toMatch(/<form[^>]*novalidate/);
		expect(body).not.toContain('name="periode"');
	});

	it('shows a date that is no date as typed, with the Dutch reason, beside the good one', () => {
		const body = bar(
			{ to: '2025-06-30', route: 'wijkteam' },
			'?from=31-04-2025&to=30-06-2025&route=wijkteam'
		);
		const from = input(body, 'filter-from');
		expect(from).toContain('value="31-04-2025"');
		expect(from).toContain('aria-invalid="true"');
		expect(from).toContain('aria-describedby="filter-from-uitleg filter-from-fout"');
		expect(body).toContain(
			'id="filter-from-fout">31-04-2025 bestaat niet: april heeft 30 dagen. De cijfers hieronder gelden zonder deze datum.</p>'
		);
		expect(input(body, 'filter-to')).toContain('value="30-06-2025"');
		expect(input(body, 'filter-to')).not.toContain('aria-invalid');
		expect(body).toMatch(/<option value="wijkteam" selected/);
	});

	it('puts an end before the start on the end field', () => {
		const body = bar({ from: '2025-10-01' }, '?from=2025-10-01&to=30-09-2025');
		expect(input(body, 'filter-to')).toContain('value="30-09-2025"');
		expect(body).toContain('id="filter-to-fout">De einddatum ligt voor de begindatum.');
		expect(input(body, 'filter-from')).not.toContain('aria-invalid');
	});
});

describe('FilterBar preset of completed cases', () => {
	const preset = (body: string) => /<a[^>]*>Alleen afgeronde casussen<\/a>/.exec(body)?.[0] ?? '';

	beforeEach(() => {
		state.page.data = { audience: 'cases' };
	});

	it('is a plain link to the same filter with status=afgerond, not marked active without it', () => {
		const body = bar({ gemeente: 'GM0193', from: '2025-01-01' });
		const link = preset(body);
		expect(link).toContain('href="?from=2025-01-01&amp;gemeente=GM0193&amp;status=afgerond"');
		expect(link).not.toContain('aria-current');
		expect(body).not.toContain('Alle statussen');
	});

	it('shows itself active under status=afgerond and offers all statuses back, keeping the other filters', () => {
		const body = bar({ gemeente: 'GM0193', status: 'afgerond' });
		expect(preset(body)).toContain('aria-current="true"');
		expect(body).toMatch(/<a[^>]*href="\?gemeente=GM0193"[^>]*>Alle statussen<\/a>/);
	});

	it('replaces another status', () => {
		const body = bar({ status: 'open' });
		expect(preset(body)).toContain('href="?status=afgerond"');
		expect(preset(body)).not.toContain('aria-current');
		expect(body).toMatch(/<a[^>]*href="\?"[^>]*>Alle statussen<\/a>/);
	});
});

describe("FilterBar keeping a page's other choices", () => {
	it('sends them as hidden fields and keeps them in its links', () => {
		state.page.data = { audience: 'cases' };
		const body = render(FilterBar, {
			props: {
				filter: { ...EMPTY_FILTER, status: 'open' },
				options: { ...options, years: [2025] },
				keep: { maat: 'uitgaven', dimensie: 'jaar' }
			}
		}).body;
		expect(body).toContain('<input type="hidden" name="maat" value="uitgaven"/>');
		expect(body).toContain('<input type="hidden" name="dimensie" value="jaar"/>');
		expect(body).toContain('href="?maat=uitgaven&amp;dimensie=jaar">Filters wissen</a>');
		expect(body).toContain('href="?status=afgerond&amp;maat=uitgaven&amp;dimensie=jaar"');
		expect(body).toContain(
			'href="?from=2025-01-01&amp;to=2025-12-31&amp;status=open&amp;maat=uitgaven&amp;dimensie=jaar"'
		);
	});
});
