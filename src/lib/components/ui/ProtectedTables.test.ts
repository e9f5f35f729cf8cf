/** ProtectedTables says once why figures read "geheim", then shows each table with "geheim" written out in its numeric cells. */
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { formatEuro } from '$lib/domain/format';
import type { DataTable } from '$lib/domain/table';
import ProtectedTables from './ProtectedTables.svelte';

vi.mock('$app/state', () => ({ page: { url: new URL('http://portal.test/escalatie?periode=2025') } }));

const tables: DataTable[] = [
	{
		id: 'escalatie-treden',
		caption: 'Casussen per trede',
		columns: [
			{ key: 'trede', label: 'Trede' },
			{ key: 'casussen', label: 'Casussen', kind: 'count' },
			{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' },
			{ key: 'mediaan', label: 'Mediaan', kind: 'decimal', basis: 'casussen' }
		],
		rows: [
			{ trede: '1. Team', casussen: 'geheim', kosten: 'geheim', mediaan: 'geheim' },
			{ trede: '2. Coach', casussen: 1234, kosten: 12_000, mediaan: 2.5 }
		]
	},
	{ id: 'escalatie-afloop', caption: 'Afloop', columns: [{ key: 'trede', label: 'Trede' }], rows: [] }
];

describe('ProtectedTables', () => {
	const { body } = render(ProtectedTables, { props: { tables, view: 'escalatie' } });

	it('explains "geheim" once, before the tables', () => {
		const sentence = body.indexOf('<p class="utrecht-paragraph">Voor het landelijk programma');
		expect(sentence).toBeGreaterThanOrEqual(0);
		expect(sentence).toBeLessThan(body.indexOf('<table'));
		expect(body.match(/Voor het landelijk programma/g)).toHaveLength(1);
	});

	it('shows every table, "geheim" as it is in numeric cells and the other figures nl-NL', () => {
		expect(body).toContain('id="escalatie-treden"');
		expect(body).toContain('id="escalatie-afloop"');
		const numeric = [...body.matchAll(/utrecht-table__cell--numeric-data">([^<]*)</g)].map((m) => m[1]);
		expect(numeric).toEqual(['geheim', 'geheim', 'geheim', '1.234', formatEuro(12_000), '2,5']);
		expect(body).toContain(
			'href="/download/escalatie?periode=2025&amp;format=csv&amp;tabel=escalatie-treden"'
		);
	});
});
