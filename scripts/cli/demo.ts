/** `demo [--cases N] [--seed S]`: fill the database with generated, fictional demo data. */
import { UsageError, type DatabaseCommand } from './command';

export const demoCommand: DatabaseCommand = {
	name: 'demo',
	usage: 'demo [--cases N] [--seed S]',
	options: { cases: { type: 'string' }, seed: { type: 'string' } },
	async run({ values, db }) {
		const cases = values.cases === undefined ? 2500 : Number(values.cases);
		const seed = values.seed === undefined ? 2026 : Number(values.seed);
		if (!Number.isInteger(cases) || cases < 1 || cases > 5_000_000)
			throw new UsageError('--cases is een geheel getal van 1 tot 5.000.000.');
		if (!Number.isInteger(seed)) throw new UsageError('--seed is een geheel getal.');
		// Loaded on demand: the generator is only needed by this command.
		const { fillDemo, DEMO_PASSWORD } = await import('../demo/fill');
		const summary = await fillDemo(db, { cases, seed });
		return {
			json: { status: 'ok', ...summary, password: DEMO_PASSWORD },
			text: [
				`Demodata geladen: ${summary.cases} verzonnen casussen, ${summary.funds} fondsbudgetten, ${summary.kwesties} kwesties in behandeling, ${summary.contacts} contactpersonen in het Maatwerkregister.`,
				`Demo-accounts (wachtwoord ${DEMO_PASSWORD}):`,
				...summary.accounts.map((a) => `  ${a.email.padEnd(40)} ${a.role.padEnd(15)} ${a.note}`)
			].join('\n')
		};
	}
};
