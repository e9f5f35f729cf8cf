/** The menu per role, pinned: deriving it from capabilities must not change what anyone sees. */
import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navFor } from './navigation';

const ANALYSIS = [
	'/',
	'/leefgebieden',
	'/organisaties',
	'/wetten',
	'/escalatie',
	'/besluiten',
	'/budget',
	'/signalen',
	'/verkennen'
];

describe('navFor', () => {
	it('gives each role exactly its menu, in order', () => {
		expect(navFor('beheerder').map((i) => i.href)).toEqual([
			...ANALYSIS,
			'/rapportage',
			'/vergelijking',
			'/import',
			'/beheer/maatwerkregister',
			'/beheer'
		]);
		expect(navFor('kwaliteitsteam').map((i) => i.href)).toEqual([
			...ANALYSIS,
			'/rapportage',
			'/import',
			'/beheer/maatwerkregister'
		]);
		expect(navFor('beleid').map((i) => i.href)).toEqual([...ANALYSIS, '/rapportage']);
		expect(navFor('college').map((i) => i.href)).toEqual([...ANALYSIS, '/rapportage']);
		expect(navFor('landelijk').map((i) => i.href)).toEqual([...ANALYSIS, '/vergelijking']);
	});

	it('keeps the labels of the menu', () => {
		expect(NAV_ITEMS.map((i) => i.label)).toEqual([
			'Start',
			'Leefgebieden',
			'Organisaties & ministeries',
			'Wetten',
			'Escalatie',
			'Besluiten',
			'Budget',
			'Signalen',
			'Verkennen',
			'Rapportage',
			'Vergelijking',
			'Import',
			'Maatwerkregister',
			'Beheer'
		]);
	});
});
