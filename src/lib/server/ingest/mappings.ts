/** Saved column-mapping profiles: a source system's column names onto the canonical export columns. */
import type { Database } from '../db';
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

export async function saveMapping(db: Database, name: string, mapping: ColumnMapping): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM mapping_profiles WHERE name = $name', { name });
		await tx.run('INSERT INTO mapping_profiles (name, mapping) VALUES ($name, $mapping::JSON)', {
			name,
			mapping: JSON.stringify(mapping)
		});
	});
}

export async function getMapping(db: Database, name: string): Promise<ColumnMapping | undefined> {
	const row = await db.one<{ mapping: string }>(
		'SELECT mapping::VARCHAR AS mapping FROM mapping_profiles WHERE name = $name',
		{ name }
	);
	return row ? (JSON.parse(row.mapping) as ColumnMapping) : undefined;
}

export async function listMappings(
	db: Database
): Promise<{ name: string; mapping: ColumnMapping; updatedAt: string }[]> {
	const rows = await db.all<{ name: string; mapping: string; updated_at: string }>(
		'SELECT name, mapping::VARCHAR AS mapping, updated_at FROM mapping_profiles ORDER BY name'
	);
	return rows.map((r) => ({
		name: r.name,
		mapping: JSON.parse(r.mapping) as ColumnMapping,
		updatedAt: r.updated_at
	}));
}
