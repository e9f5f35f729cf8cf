/** SavedViews lists a user's views as links with a delete button each, named after the view, posting where it is told; and says so when there are none. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SavedViews from './SavedViews.svelte';

const VIEWS = [
	{
		id: 7,
		name: 'Geld per jaar',
		href: '/verkennen?maat=uitgaven&dimensie=jaar',
		created: '2026-03-01T09:05:00Z'
	},
	{
		id: 3,
		name: 'Wonen <b>',
		href: '/verkennen?maat=casussen&dimensie=leefgebied',
		created: '2026-02-01T12:00:00Z'
	}
];

describe('SavedViews', () => {
	it('links each view, with its date in Dutch and a delete button that names it', () => {
		const { body } = render(SavedViews, { props: { views: VIEWS } });
		expect(body).toContain(
			'<a class="utrecht-link" href="/verkennen?maat=uitgaven&amp;dimensie=jaar">Geld per jaar</a>'
		);
		expect(body).toContain('bewaard op 01-03-2026 10:05');
		expect(body).toMatch(/<form method="POST" action="\/verkennen\?\/verwijderen"/);
		expect(body).toContain('<input type="hidden" name="id" value="7"/>');
		expect(body).toContain('Verwijder <span class="portal-visually-hidden">Geld per jaar</span>');
		// A name is text, never markup.
		expect(body).toContain('Wonen &lt;b>');
		expect(body).toMatch(/<h2 class="utrecht-heading-2[^"]*" id="bewaarde-weergaven">Bewaarde weergaven/);
	});

	it('posts where the page says, under the heading level it asks for', () => {
		const { body } = render(SavedViews, {
			props: { views: VIEWS, action: '?maat=uitgaven&/verwijderen', level: 3 }
		});
		expect(body).toContain('action="?maat=uitgaven&amp;/verwijderen"');
		expect(body).toMatch(/<h3 class="utrecht-heading-3[^"]*" id="bewaarde-weergaven">/);
	});

	it('says how to save one when there are none', () => {
		const { body } = render(SavedViews, { props: { views: [] } });
		expect(body).toContain('U hebt nog geen weergaven bewaard.');
		expect(body).not.toContain('<form');
	});
});
