/** The operator's command line: `npm run cli -- <command> [options] [--json]`; see README and spec/interfaces.md. */
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { DatabaseLockedError, DatabaseUnreadableError, openStore, type Database } from '../src/lib/server/db';
import { InputError, UsageError, type Command } from './cli/command';
import { tokenAdd, tokenList, tokenRevoke, userAdd, userPasswd, userResetSecondFactor } from './cli/users';
import { importCommand, mappingList, mappingSet } from './cli/imports';
import { demoCommand } from './cli/demo';
import { fundContribute, fundSet } from './cli/funds';
import { costsList, costsSet } from './cli/costs';
import { backupCommand, restoreCommand } from './cli/backups';
import { aggregateExport, aggregateImport, aggregateKey, aggregateTrust } from './cli/aggregate';
import { agendaExport, agendaImport, agendaTrust } from './cli/agenda';

const COMMANDS: Command[] = [
	userAdd,
	userPasswd,
	userResetSecondFactor,
	tokenAdd,
	tokenList,
	tokenRevoke,
	importCommand,
	mappingSet,
	mappingList,
	demoCommand,
	fundSet,
	fundContribute,
	costsSet,
	costsList,
	backupCommand,
	restoreCommand,
	aggregateExport,
	aggregateImport,
	aggregateKey,
	aggregateTrust,
	agendaExport,
	agendaImport,
	agendaTrust
];

function findCommand(args: string[]): { command: Command; rest: string[] } {
	for (const command of COMMANDS) {
		const words = command.name.split(' ');
		if (words.every((w, i) => args[i] === w)) return { command, rest: args.slice(words.length) };
	}
	throw new UsageError(
		args.length ? `Onbekende opdracht "${args.slice(0, 2).join(' ')}".` : 'Geef een opdracht.'
	);
}

function usage(): string {
	return [
		'Gebruik: npm run cli -- <opdracht> [opties] [--json]',
		...COMMANDS.map((c) => `  ${c.usage}`)
	].join('\n');
}

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY) return '';
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
	const json = argv.includes('--json');
	const print = (outcome: { json: unknown; text: string }) =>
		process.stdout.write(json ? JSON.stringify(outcome.json) + '\n' : outcome.text + '\n');
	const fail = (code: 1 | 2, message: string) => {
		process.stderr.write(message + '\n');
		if (json) process.stdout.write(JSON.stringify({ status: 'error', message }) + '\n');
		return code;
	};
	let db: Database | undefined;
	try {
		const { command, rest } = findCommand(argv.filter((a) => a !== '--json'));
		let parsed;
		try {
			parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
		} catch (error) {
			throw new UsageError(`${(error as Error).message}\nGebruik: ${command.usage}`);
		}
		const expected = command.positionals?.length ?? 0;
		if (parsed.positionals.length !== expected) {
			throw new UsageError(`Verkeerd aantal argumenten.\nGebruik: ${command.usage}`);
		}
		command.check?.(parsed.values as Record<string, string | boolean | string[] | undefined>);
		const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
		if ('runAlone' in command) {
			const alone = await command.runAlone({ values, positionals: parsed.positionals });
			print(alone);
			return alone.exitCode ?? 0;
		}
		db = await openStore(config.databasePath);
		const outcome = await command.run({
			values: parsed.values as Record<string, string | boolean | string[] | undefined>,
			positionals: parsed.positionals,
			db,
			stdin: readStdin
		});
		print(outcome);
		return outcome.exitCode ?? 0;
	} catch (error) {
		if (error instanceof UsageError) return fail(2, `${error.message}\n\n${usage()}`);
		if (
			error instanceof InputError ||
			error instanceof DatabaseLockedError ||
			error instanceof DatabaseUnreadableError
		) {
			return fail(1, error.message);
		}
		return fail(1, `Onverwachte fout: ${error instanceof Error ? error.message : String(error)}`);
	} finally {
		db?.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
