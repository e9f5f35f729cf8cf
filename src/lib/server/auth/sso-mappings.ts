/** What the beheerder keeps for single sign-on: groups of the identity provider mapped to role and reach, and the acr values that count as more than one factor; every change checked by the granting rules. */
import type { Database } from '../db';
import { isRole, type Reach, type Role } from '$lib/domain/roles';
import { grantRefusal, type Grantee } from './granting';
import type { GroupMapping } from './sso-rules';

/** A mapping as stored, with who made it. */
export interface StoredMapping extends GroupMapping {
	id: number;
	createdBy: string;
	/** ISO timestamp (UTC). */
	createdAt: string;
}

/** A change the granting rules or the input refuse; `status` as the form answers it. */
export class MappingRefused extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409,
		readonly field: string
	) {
		super(message);
	}
}

/** The beheerder who changes the mappings. */
export type Granter = Grantee & { email: string };

export const GROUP_MAX_LENGTH = 256;
export const ACR_MAX_LENGTH = 256;

interface MappingRow {
	id: number;
	group_name: string;
	role: Role;
	all_gemeenten: boolean;
	gemeenten: string[];
	created_by: string;
	created_at: string;
}

function mappingOf(row: MappingRow): StoredMapping {
	return {
		id: row.id,
		group: row.group_name,
		role: row.role,
		reach:
			row.role === 'landelijk' || row.all_gemeenten
				? { all: true }
				: { all: false, gemeenten: row.gemeenten },
		createdBy: row.created_by,
		createdAt: row.created_at
	};
}

export async function listMappings(db: Database): Promise<StoredMapping[]> {
	const rows = await db.all<MappingRow>('SELECT * FROM sso_mappings ORDER BY lower(group_name), id');
	return rows.map(mappingOf);
}

/** Null when the granter could have made this mapping (granting.ts), else the Dutch reason. */
export function mappingRefusal(
	granter: Grantee,
	mapping: Pick<GroupMapping, 'role' | 'reach'>,
	name?: (code: string) => string
): string | null {
	return grantRefusal(granter, { target: null, role: mapping.role, reach: mapping.reach }, name);
}

/**
 * Adds a mapping of a group to a role and reach (CBS codes, or `alle`), refused unless the granter may give
 * that role and reach to a new user. A group has one mapping.
 */
export async function addMapping(
	db: Database,
	granter: Granter,
	input: { group: string; role: string; gemeenten: string[] },
	known: (code: string) => boolean,
	name?: (code: string) => string
): Promise<StoredMapping> {
	const group = input.group.trim();
	if (!group) throw new MappingRefused('Vul de naam of het id van de groep in.', 400, 'group');
	if (group.length > GROUP_MAX_LENGTH) {
		throw new MappingRefused(`Een groep heeft hoogstens ${GROUP_MAX_LENGTH} tekens.`, 400, 'group');
	}
	if (!isRole(input.role)) throw new MappingRefused('Kies een rol.', 400, 'role');
	const role = input.role;
	const all = role === 'landelijk' || input.gemeenten.some((g) => g.toLowerCase() === 'alle');
	const gemeenten = all ? [] : [...new Set(input.gemeenten.map((g) => g.trim().toUpperCase()))].sort();
	if (!all && gemeenten.length === 0) {
		throw new MappingRefused('Geef de gemeente(n) van deze groep op, of "alle".', 400, 'gemeenten');
	}
	const unknown = gemeenten.find((g) => !known(g));
	if (unknown) throw new MappingRefused(`Onbekende gemeentecode ${unknown}.`, 400, 'gemeenten');
	const reach: Reach = all ? { all: true } : { all: false, gemeenten };
	const refusal = mappingRefusal(granter, { role, reach }, name);
	if (refusal) throw new MappingRefused(refusal, 403, 'role');
	const existing = await db.one<{ id: number }>(
		'SELECT id FROM sso_mappings WHERE lower(group_name) = lower($group)',
		{ group }
	);
	if (existing) {
		throw new MappingRefused(
			`Groep "${group}" heeft al een koppeling; verwijder die eerst om hem te wijzigen.`,
			409,
			'group'
		);
	}
	const row = await db.transaction((tx) =>
		tx.one<MappingRow>(
			`INSERT INTO sso_mappings (group_name, role, all_gemeenten, gemeenten, created_by)
			 VALUES ($group, $role, $all, $gemeenten, $by) RETURNING *`,
			{ group, role, all, gemeenten, by: granter.email }
		)
	);
	return mappingOf(row!);
}

/** Removes a mapping the granter could have made; users of that group are refused at their next sign-in. */
export async function removeMapping(
	db: Database,
	granter: Granter,
	id: number,
	name?: (code: string) => string
): Promise<StoredMapping> {
	const row = Number.isSafeInteger(id)
		? await db.one<MappingRow>('SELECT * FROM sso_mappings WHERE id = $id', { id })
		: undefined;
	if (!row) throw new MappingRefused('Deze koppeling bestaat niet (meer).', 404, 'id');
	const mapping = mappingOf(row);
	const refusal = mappingRefusal(granter, mapping, name);
	if (refusal) throw new MappingRefused(`U kunt deze koppeling niet verwijderen: ${refusal}`, 403, 'id');
	await db.transaction((tx) => tx.run('DELETE FROM sso_mappings WHERE id = $id', { id }));
	return mapping;
}

/** The acr values that count as more than one factor at the identity provider. */
export async function mfaAcrValues(db: Database): Promise<string[]> {
	const rows = await db.all<{ acr: string }>('SELECT acr FROM sso_mfa_acr ORDER BY acr');
	return rows.map((r) => r.acr);
}

/**
 * Replaces the acr values that count as more than one factor. They hold for everyone who signs in through
 * the identity provider, so only a beheerder who could have made every mapping sets them.
 */
export async function setMfaAcrValues(db: Database, granter: Granter, values: string[]): Promise<string[]> {
	const acr = [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort();
	if (acr.some((v) => v.length > ACR_MAX_LENGTH)) {
		throw new MappingRefused(`Een acr-waarde heeft hoogstens ${ACR_MAX_LENGTH} tekens.`, 400, 'acr');
	}
	const outside = (await listMappings(db)).filter((m) => mappingRefusal(granter, m) !== null);
	if (outside.length > 0) {
		throw new MappingRefused(
			`De acr-waarden gelden voor iedereen die via de identiteitsprovider inlogt; alleen een beheerder die elke koppeling zelf mag maken, stelt ze in (niet: ${outside.map((m) => m.group).join(', ')}).`,
			403,
			'acr'
		);
	}
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM sso_mfa_acr');
		for (const value of acr) {
			await tx.run('INSERT INTO sso_mfa_acr (acr, set_by) VALUES ($acr, $by)', {
				acr: value,
				by: granter.email
			});
		}
	});
	return acr;
}
