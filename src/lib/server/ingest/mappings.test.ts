/** Column-mapping profiles belong to a municipality or to the installation: each reach sees, uses and saves only its own. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reach } from '$lib/domain/roles';
import {
	getMapping,
	INSTALLATION_SCOPE,
	listMappings,
	mappingForReach,
	mappingRef,
	MappingError,
	MappingScopeError,
	parseMappingRef,
	saveMapping,
	writableScope
} from './mappings';
import { closeTempStore, openTempStore, type Store } from './fixtures/helpers';

let store: Store;
const utrecht: Reach = { all: false, gemeenten: ['GM0344'] };
const regio: Reach = { all: false, gemeenten: ['GM0344', 'GM0080'] };
const known = (code: string) => ['GM0344', 'GM0518', 'GM0080'].includes(code);

beforeEach(async () => {
	store = await openTempStore();
	await saveMapping(store.db, INSTALLATION_SCOPE, 'suite', { Dossier: 'casus_id' }, 'cli');
	await saveMapping(store.db, 'GM0518', 'suite', { Zaak: 'casus_id' }, 'beheer@denhaag.example');
});

afterEach(() => closeTempStore(store));

describe('mapping profiles per scope', () => {
	it('keep one profile per scope and name: a municipality saving a name never replaces another scope’s', async () => {
		await saveMapping(store.db, 'GM0344', 'suite', { Nummer: 'casus_id' }, 'beheer@utrecht.example');
		await saveMapping(store.db, 'GM0344', 'suite', { Nummer2: 'casus_id' }, 'beheer@utrecht.example');
		expect(await getMapping(store.db, 'GM0344', 'suite')).toEqual({ Nummer2: 'casus_id' });
		expect(await getMapping(store.db, 'GM0518', 'suite')).toEqual({ Zaak: 'casus_id' });
		expect(await getMapping(store.db, INSTALLATION_SCOPE, 'suite')).toEqual({ Dossier: 'casus_id' });
	});

	it('are listed for a reach as the installation’s and its own municipalities’, for the CLI all of them', async () => {
		await saveMapping(store.db, 'GM0344', 'suite', { Nummer: 'casus_id' }, 'beheer@utrecht.example');
		const scopes = async (reach: Reach | null) => (await listMappings(store.db, reach)).map((m) => m.scope);
		expect(await scopes(utrecht)).toEqual(['*', 'GM0344']);
		expect(await scopes({ all: true })).toEqual(['*', 'GM0344', 'GM0518']);
		expect(await scopes(null)).toEqual(['*', 'GM0344', 'GM0518']);
	});

	it('are used by reference only within reach: another municipality’s profile does not exist for Utrecht', async () => {
		expect(await mappingForReach(store.db, utrecht, 'suite')).toEqual({ Dossier: 'casus_id' });
		expect(await mappingForReach(store.db, utrecht, 'GM0518:suite')).toBeUndefined();
		expect(await mappingForReach(store.db, { all: true }, 'GM0518:suite')).toEqual({ Zaak: 'casus_id' });
	});

	it('are saved by a web user for a municipality of its reach, never for the installation or another one', () => {
		expect(writableScope(utrecht, '', known)).toBe('GM0344');
		expect(writableScope(regio, 'gm0080', known)).toBe('GM0080');
		expect(() => writableScope(regio, '', known)).toThrow(MappingError);
		expect(() => writableScope(utrecht, 'GM0518', known)).toThrow(MappingScopeError);
		expect(() => writableScope(utrecht, '*', known)).toThrow(MappingScopeError);
		expect(() => writableScope({ all: true }, '*', known)).toThrow(MappingScopeError);
		expect(() => writableScope({ all: true }, 'GM9999', known)).toThrow(MappingScopeError);
		expect(writableScope({ all: true }, 'GM0518', known)).toBe('GM0518');
	});

	it('are named NAME for the installation and GMxxxx:NAME for a municipality', () => {
		expect(mappingRef(INSTALLATION_SCOPE, 'suite')).toBe('suite');
		expect(mappingRef('GM0344', 'suite')).toBe('GM0344:suite');
		expect(parseMappingRef('suite')).toEqual({ scope: '*', name: 'suite' });
		expect(parseMappingRef('gm0344:suite')).toEqual({ scope: 'GM0344', name: 'suite' });
	});
});
