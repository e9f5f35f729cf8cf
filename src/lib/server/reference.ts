/** Loads the vocabularies and municipality lists copied into data/, and mirrors them into the database for SQL. */
import fs from 'node:fs';
import path from 'node:path';
import { config } from './config';
import type { Database } from './db';
import { DIMENSIONS, parseVocabulary, type Dimension, type Vocabularies } from '$lib/domain/vocabulary';
import { parseGemeenten, type GemeenteRegister } from '$lib/domain/gemeenten';

export interface Reference {
	vocabularies: Vocabularies;
	gemeenten: GemeenteRegister;
}

const VOCABULARY_FILES: Record<Dimension, string> = {
	leefgebieden: 'leefgebieden.csv',
	organisaties: 'organisaties.csv',
	ministeries: 'ministeries.csv',
	wetten: 'wetten.csv',
	knelpunten: 'knelpunten.csv',
	escalatie: 'escalatie.csv',
	besluitniveaus: 'besluitniveaus.csv',
	instrumenten: 'instrumenten.csv'
};

let cached: { dir: string; reference: Reference } | undefined;

/** The reference lists, read once per process from `REFERENCE_DIR` (default `data/`). */
export function reference(): Reference {
	const dir = config.referenceDir;
	if (cached?.dir === dir) return cached.reference;
	const read = (...parts: string[]) => {
		const file = path.join(dir, ...parts);
		try {
			return fs.readFileSync(file, 'utf8');
		} catch {
			throw new Error(`Referentiebestand ontbreekt: ${file}. Start de portal vanuit de projectmap.`);
		}
	};
	const vocabularies = Object.fromEntries(
		DIMENSIONS.map((d) => [d, parseVocabulary(d, read('vocabulary', VOCABULARY_FILES[d]))])
	) as Vocabularies;
	const gemeenten = parseGemeenten(
		read('reference', 'gemeenten.csv'),
		read('reference', 'gemeente-aliassen.csv')
	);
	cached = { dir, reference: { vocabularies, gemeenten } };
	return cached.reference;
}

/** Rewrites the reference tables from the files, so SQL (validation, per-10,000 rates) can join on them. */
export async function syncReference(db: Database): Promise<void> {
	const { vocabularies, gemeenten } = reference();
	await db.transaction(async (tx) => {
		for (const table of ['gemeenten', 'gemeente_terms', 'vocabulary', 'vocabulary_terms']) {
			await tx.run(`DELETE FROM ${table}`);
		}
		await tx.run(
			`INSERT INTO gemeenten SELECT * FROM (SELECT unnest($codes) AS code, unnest($cbs) AS cbs_code,
				unnest($namen) AS naam, unnest($provincies) AS provincie, unnest($inwoners)::INTEGER AS inwoners,
				unnest($klassen) AS grootteklasse)`,
			{
				codes: gemeenten.all.map((g) => g.code),
				cbs: gemeenten.all.map((g) => g.code.slice(2)),
				namen: gemeenten.all.map((g) => g.naam),
				provincies: gemeenten.all.map((g) => g.provincie),
				inwoners: gemeenten.all.map((g) => g.inwoners),
				klassen: gemeenten.all.map((g) => g.grootteklasse)
			}
		);
		const terms = gemeenten.terms();
		await tx.run('INSERT INTO gemeente_terms SELECT unnest($terms), unnest($codes)', {
			terms: terms.map((t) => t.term),
			codes: terms.map((t) => t.code)
		});
		for (const vocabulary of Object.values(vocabularies)) {
			const entries = vocabulary.entries;
			await tx.run(
				`INSERT INTO vocabulary SELECT $dimension, unnest($codes), unnest($positions)::INTEGER,
					unnest($namen), unnest($details)`,
				{
					dimension: vocabulary.dimension,
					codes: entries.map((e) => e.code),
					positions: entries.map((e) => e.position),
					namen: entries.map((e) => e.naam),
					details: entries.map((e) => e.detail ?? '')
				}
			);
			const vterms = vocabulary.terms();
			await tx.run('INSERT INTO vocabulary_terms SELECT $dimension, unnest($terms), unnest($codes)', {
				dimension: vocabulary.dimension,
				terms: vterms.map((t) => t.term),
				codes: vterms.map((t) => t.code)
			});
		}
	});
}
