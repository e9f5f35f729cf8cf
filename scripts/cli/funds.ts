/** `fund set` and `fund contribute`: a municipality's budget for one of its funds in one year, and partners' contributions to it. */
import { parseAmountCents } from '../../src/lib/domain/amount';
import { euros } from '../../src/lib/domain/money';
import { formatEuro } from '../../src/lib/domain/format';
import { checkFundName, MAX_FUND_CENTS, parseFundYear, setFund } from '../../src/lib/server/funds/budgets';
import { addContribution, checkContribution } from '../../src/lib/server/funds/contributions';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, UsageError, type DatabaseCommand } from './command';

export const fundSet: DatabaseCommand = {
	name: 'fund set',
	usage: 'fund set <naam> --gemeente GMxxxx --year JJJJ --budget BEDRAG',
	positionals: ['naam'],
	options: { gemeente: { type: 'string' }, year: { type: 'string' }, budget: { type: 'string' } },
	async run({ values, positionals, db }) {
		const name = checkFundName(positionals[0]);
		if (typeof name !== 'string') throw new UsageError('Geef de naam van het fonds (hoogstens 100 tekens).');
		const gemeente = reference().gemeenten.resolve(requireString(values, 'gemeente'));
		if (!gemeente) throw new InputError(`Onbekende gemeente ${values.gemeente}.`);
		const year = parseFundYear(requireString(values, 'year'));
		if (year === null) throw new InputError('Geef een jaar als JJJJ.');
		const cents = parseAmountCents(requireString(values, 'budget'));
		if (cents === null || BigInt(cents) > MAX_FUND_CENTS)
			throw new InputError('Geef het budget als bedrag, bijvoorbeeld 500000 of 500.000,00.');
		const budget = BigInt(cents);
		await setFund(db, { gemeente: gemeente.code, name, year, budget });
		await audit(db, {
			actor: 'cli',
			action: 'fonds instellen',
			object: `${gemeente.code} ${name} ${year}`,
			result: 'ok'
		});
		return {
			json: { status: 'ok', gemeente: gemeente.code, fund: name, year, budget: euros(budget) },
			text: `Budget van ${name} (${gemeente.naam}, ${year}) is ${formatEuro(euros(budget))}.`
		};
	}
};

export const fundContribute: DatabaseCommand = {
	name: 'fund contribute',
	usage: 'fund contribute <naam> --gemeente GMxxxx --year JJJJ --from ORGANISATIE --amount BEDRAG',
	positionals: ['naam'],
	options: {
		gemeente: { type: 'string' },
		year: { type: 'string' },
		from: { type: 'string' },
		amount: { type: 'string' }
	},
	async run({ values, positionals, db }) {
		const checked = checkContribution(
			{
				gemeente: requireString(values, 'gemeente'),
				fonds: positionals[0],
				jaar: requireString(values, 'year'),
				organisatie: requireString(values, 'from'),
				bedrag: requireString(values, 'amount')
			},
			{ all: true }
		);
		if ('message' in checked) throw new InputError(checked.message);
		const c = checked.contribution;
		const id = await addContribution(db, c, 'cli');
		await audit(db, {
			actor: 'cli',
			action: 'fondsbijdrage boeken',
			object: `${c.gemeente} ${c.fund} ${c.year} van ${c.organisatie}: ${euros(c.amount).toFixed(2)}`,
			result: 'ok'
		});
		const naam = reference().gemeenten.naam(c.gemeente);
		return {
			json: {
				status: 'ok',
				id,
				gemeente: c.gemeente,
				fund: c.fund,
				year: c.year,
				from: c.organisatie,
				amount: euros(c.amount)
			},
			text: `Bijdrage van ${c.organisatie} aan ${c.fund} (${naam}, ${c.year}) geboekt: ${formatEuro(euros(c.amount))}.`
		};
	}
};
