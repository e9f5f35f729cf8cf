/** Tests of the list of home blocks per role: every block in a role's list is one its capabilities allow, and a block that reads a registry view reads it as computed. */
import { describe, expect, it } from 'vitest';
import { capabilities, ROLES, type Role, type SessionUser } from '$lib/domain/roles';
import { HOME_BLOCK_KINDS, type HomeBlockKind } from '$lib/domain/home';
import { EMPTY_FILTER } from '$lib/domain/filters';
import { parseFilter } from '../analytics/filter';
import { besluiten, budget, dashboard } from '../views/registry';
import { levelOf } from '../views/show';
import type { ViewDefinition } from '../views/types';
import { BLOCKS, HOME_BLOCKS, blocksFor } from './blocks';

const userOf = (role: Role): SessionUser => ({ id: 1, email: 'x@y.nl', role, reach: { all: true } });

/** The blocks that read a view of the registry through `exactView`. */
const READS: Partial<Record<HomeBlockKind, ViewDefinition>> = {
	kerncijfers: dashboard as unknown as ViewDefinition,
	geld: budget as unknown as ViewDefinition,
	'opzijgezette-regels': besluiten as unknown as ViewDefinition
};

describe('the home blocks per role', () => {
	it('gives each role exactly its list: no block is left out for want of a capability', () => {
		for (const role of ROLES) {
			expect(
				blocksFor(role).map((b) => b.kind),
				role
			).toEqual(HOME_BLOCKS[role]);
			for (const kind of HOME_BLOCKS[role])
				expect(capabilities(role)[BLOCKS[kind].capability], kind).toBe(true);
		}
	});

	it('defines every kind once, under its own name, and lists each at most once per role', () => {
		expect(Object.keys(BLOCKS).sort()).toEqual([...HOME_BLOCK_KINDS].sort());
		for (const [kind, block] of Object.entries(BLOCKS)) expect(block.kind).toBe(kind);
		for (const role of ROLES) expect(new Set(HOME_BLOCKS[role]).size).toBe(HOME_BLOCKS[role].length);
	});

	it('leaves out a block whose capability the role lacks, whatever its list says', () => {
		// landelijk has no case access and no reports: the blocks of case-level work never reach it.
		for (const kind of [
			'wachtende-kwesties',
			'opzijgezette-regels',
			'rapport',
			'geld',
			'kerncijfers'
		] as const)
			expect(capabilities('landelijk')[BLOCKS[kind].capability], kind).toBe(false);
		expect(capabilities('college')[BLOCKS['nieuwe-signalen'].capability]).toBe(false);
		expect(capabilities('beleid')[BLOCKS.imports.capability]).toBe(false);
	});

	it('reads a registry view only for roles that receive it as computed', () => {
		for (const role of ROLES)
			for (const kind of HOME_BLOCKS[role]) {
				const view = READS[kind];
				if (view) expect(levelOf(view, userOf(role)), `${role} ${kind}`).toBe('exact');
			}
	});

	it('keeps the case-level blocks from the roles without case access', () => {
		for (const role of ['college', 'landelijk'] as const) {
			expect(HOME_BLOCKS[role]).not.toContain('nieuwe-signalen');
			expect(HOME_BLOCKS[role]).not.toContain('wachtende-kwesties');
			expect(HOME_BLOCKS[role]).not.toContain('opzijgezette-regels');
		}
	});

	it('asks the views with the filter the warmer asks them with, so the key figures are computed ahead', () => {
		// warm.ts asks each view with the filter of an address without arguments; the memo keys are its JSON.
		const parsed = parseFilter(new URLSearchParams(), { all: false, gemeenten: ['GM0080'] });
		expect(parsed.ok && JSON.stringify(parsed.filter)).toBe(JSON.stringify(EMPTY_FILTER));
	});
});
