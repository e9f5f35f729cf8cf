/** The shape of a CLI command and the errors that decide its exit code (0 ok, 1 refused or failed, 2 misuse). */
import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../../src/lib/server/db';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Outcome {
	/** The one JSON document printed with --json. */
	json: unknown;
	/** What a person reads without --json. */
	text: string;
	/** 0 unless the input was refused. */
	exitCode?: 0 | 1;
}

interface CommandShape {
	/** `user add`, `import`, … */
	name: string;
	usage: string;
	options: Options;
	/** Positional arguments the command takes, in order. */
	positionals?: string[];
	/** Checks the arguments before the database is opened, so misuse is exit 2 even while the server runs. */
	check?(values: Values): void;
}

/** A command on the database, which the CLI opens for it (and closes after). */
export interface DatabaseCommand extends CommandShape {
	run(context: {
		values: Values;
		positionals: string[];
		db: Database;
		stdin: () => Promise<string>;
	}): Promise<Outcome>;
}

/** A command that handles the database file itself (a restore replaces it). */
export interface StandAloneCommand extends CommandShape {
	runAlone(context: { values: Values; positionals: string[] }): Promise<Outcome>;
}

export type Command = DatabaseCommand | StandAloneCommand;

/** Wrong command, option or value: exit 2. */
export class UsageError extends Error {}

/** Input the command cannot accept (unknown user, bad amount): exit 1. */
export class InputError extends Error {}

export function requireString(values: Values, name: string): string {
	const value = values[name];
	if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is verplicht.`);
	return value.trim();
}
