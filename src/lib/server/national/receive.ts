/** Receiving a national package, by the web page and the CLI alike: its seal and content, the importer's reach, the signature against the registered key of its gemeente; stored, or refused and logged. */
import { reaches, type Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';
import { reference } from '../reference';
import { importPackage, verifyPackage, type NationalPackage } from './package';
import { registeredKey } from './package-keys';
import { signatureFault } from './signing';

export type Received =
	| { ok: true; pkg: NationalPackage; replaced: boolean; period: string }
	| { ok: false; status: 400 | 403; message: string };

export interface Receiver {
	/** E-mail of the importer, or `cli`. */
	actor: string;
	/** The importer's reach: a package of a municipality outside it is refused. The CLI reaches all. */
	reach: Reach;
	/** Version 1 packages (unsigned) read as well: `aggregate import --unsigned` only, never the web. */
	unsigned?: boolean;
	/** The file's name, for the audit log. */
	fileName: string;
	origin?: string | null;
}

/** Why the package may not come in, with the HTTP status a page answers, or the package when it may. */
async function refusal(
	db: Database,
	text: string,
	receiver: Receiver
): Promise<{ status: 400 | 403; message: string; gemeente?: string } | NationalPackage> {
	const verified = verifyPackage(text, { unsigned: receiver.unsigned });
	if (!verified.ok) return { status: 400, message: verified.message };
	const pkg = verified.package;
	const naam = reference().gemeenten.naam(pkg.gemeente);
	// Reach before the key, so that no one learns whether another municipality has a key registered.
	if (!reaches(receiver.reach, pkg.gemeente)) {
		return {
			status: 403,
			message: `Het pakket is van ${naam}; die gemeente valt buiten uw bereik.`,
			gemeente: pkg.gemeente
		};
	}
	if (pkg.version === 1) return pkg;
	const fault = signatureFault(pkg, await registeredKey(db, pkg.gemeente), naam);
	return fault ? { status: 400, message: fault, gemeente: pkg.gemeente } : pkg;
}

/** Checks and stores a package as it arrives (`text`, the file's content), or refuses it: nothing stored, the refusal logged. */
export async function receivePackage(db: Database, text: string, receiver: Receiver): Promise<Received> {
	const outcome = await refusal(db, text, receiver);
	if ('message' in outcome) {
		await audit(db, {
			actor: receiver.actor,
			action: 'landelijk pakket importeren',
			object: `${receiver.fileName.slice(0, 200)}${outcome.gemeente ? ` (${outcome.gemeente})` : ''}: ${outcome.message.slice(0, 200)}`,
			result: 'geweigerd',
			origin: receiver.origin ?? null
		});
		return { ok: false, status: outcome.status, message: `Pakket geweigerd: ${outcome.message}` };
	}
	const { replaced, period } = await importPackage(db, outcome, receiver.actor, receiver.origin ?? null);
	return { ok: true, pkg: outcome, replaced, period };
}
