/** The folder uploads and rewritten files wait in during an import: the only one the server's database may read. */
import fs from 'node:fs';
import { config } from '../config';

/** The folder (IMPORT_DIR), created on first use and readable by this account only. */
export async function importWorkDir(): Promise<string> {
	const dir = config.importDir;
	await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
	return dir;
}
