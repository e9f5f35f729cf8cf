/** Saved column-mapping profiles: a source system's column names onto the canonical export columns. */
import { reaches, type Reach } from '$lib/domain/roles';
import type { Database, Queryable } from '../db';
import { isCanonical, normaliseHeader, type ColumnMapping } from './columns';

export class MappingError extends Error {}

/** Checks a profile: an object of text to a canonical column name. */
export function parseMapping(value: unknown): ColumnMapping {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new MappingError(
			'Een koppeling is een JSON-object: { "kolom in het bestand": "canonieke kolom" }.'
		);
	}
	const mapping: ColumnMapping = {};
	for (const [from, to] of Object.entries(value)) {
		if (typeof to !== 'string' || !isCanonical(normaliseHeader(to))) {
			throw new MappingError(`"${from}" wijst naar "${String(to)}", dat geen kolom van de casusexport is.`);
		}
		mapping[from] = normaliseHeader(to);
	}
	return mapping;
}

export function mappingNameProblem(name: string): string | null {
	return /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(name)
		? null
		: 'Geef de koppeling een korte naam (letters, cijfers).';
}

/** The scope of the installation's own profiles, which only the CLI sets. */
export const INSTALLATION_SCOPE = '*';

export interface MappingProfile {
	/** `*` for the installation, otherwise the municipality's CBS code. */
	scope: string;
	name: string;
	mapping: ColumnMapping;
	updatedBy: string | null;
	updatedAt: string;
}

/** How a form or the CLI names a profile: `NAME` for the installation's, `GMxxxx:NAME` for a municipality's. */
export function mappingRef(scope: string, name: string): string {
	return scope === INSTALLATION_SCOPE ? name : `${scope}:${name}`;
}

/** The scope and name a reference stands for (names cannot hold a colon, so the first one separates). */
export function parseMappingRef(ref: string): { scope: string; name: string } {
	const match = /^(GM\d{4}):(.+)$/i.exec(ref.trim());
	return match
		? { scope: match[1].toUpperCase(), name: match[2].trim() }
		: { scope: INSTALLATION_SCOPE, name: ref.trim() };
}

/** Whether a user of this reach may see and use a profile of this scope: the installation's, or its own municipalities'. */
export function mappingVisible(reach: Reach, scope: string): boolean {
	return scope === INSTALLATION_SCOPE || reaches(reach, scope);
}

/**
 * The municipality a web user saves a profile for: the one it asks for, within its reach, or its only one.
 * Never the installation: that scope belongs to the CLI.
 */
export function writableScope(reach: Reach, requested: string, known: (code: string) => boolean): string {
	const code = requested.trim().toUpperCase();
	if (!code) {
		if (!reach.all && reach.gemeenten.length === 1) return reach.gemeenten[0];
		throw new MappingError('Kies de gemeente waarvoor de koppeling geldt.');
	}
	if (code === INSTALLATION_SCOPE || !/^GM\d{4}$/.test(code) || !known(code) || !reaches(reach, code)) {
		throw new MappingScopeError('U kunt alleen koppelingen opslaan voor gemeenten binnen uw bereik.');
	}
	return code;
}

/** A profile asked for outside the user's own municipalities. */
export class MappingScopeError extends MappingError {}

/** Creates or replaces the profile `name` of `scope`; profiles of other scopes with that name stay as they are. */
export async function saveMapping(
	db: Database,
	scope: string,
	name: string,
	mapping: ColumnMapping,
	actor: string
): Promise<void> {
	await db.write(
		`INSERT INTO mapping_profiles (scope, name, mapping, updated_by, updated_at)
		 VALUES ($scope, $name, $mapping::JSON, $actor, current_timestamp)
		 ON CONFLICT (scope, name) DO UPDATE SET mapping = excluded.mapping, updated_by = excluded.updated_by,
			updated_at = excluded.updated_at`,
		{ scope, name, mapping: JSON.stringify(mapping), actor }
	);
}

export async function getMapping(
	db: Queryable,
	scope: string,
	name: string
): Promise<ColumnMapping | undefined> {
	const row = await db.one<{ mapping: string }>(
		'SELECT mapping::VARCHAR AS mapping FROM mapping_profiles WHERE scope = $scope AND name = $name',
		{ scope, name }
	);
	return row ? (JSON.parse(row.mapping) as ColumnMapping) : undefined;
}

/** The profile a user of this reach means by `ref`; undefined when it does not exist or lies outside the reach. */
export async function mappingForReach(
	db: Queryable,
	reach: Reach,
	ref: string
): Promise<ColumnMapping | undefined> {
	const { scope, name } = parseMappingRef(ref);
	return mappingVisible(reach, scope) ? getMapping(db, scope, name) : undefined;
}

/** The profiles a reach may see (the installation's and its municipalities'); every profile for null (the CLI). */
export async function listMappings(db: Queryable, reach: Reach | null): Promise<MappingProfile[]> {
	const rows = await db.all<{
		scope: string;
		name: string;
		mapping: string;
		updated_by: string | null;
		updated_at: string;
	}>(
		`SELECT scope, name, mapping::VARCHAR AS mapping, updated_by, updated_at FROM mapping_profiles
		 WHERE $all OR scope = '*' OR list_contains($gemeenten, scope)
		 ORDER BY name, scope = '*' DESC, scope`,
		{
			all: !reach || reach.all,
			gemeenten: reach && !reach.all ? [...reach.gemeenten] : []
		}
	);
	return rows.map((r) => ({
		scope: r.scope,
		name: r.name,
		mapping: JSON.parse(r.mapping) as ColumnMapping,
		updatedBy: r.updated_by,
		updatedAt: r.updated_at
	}));
}
