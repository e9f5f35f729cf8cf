/** `fund set`: a municipality's budget for one of its funds in one year. */
import { parseAmountCents } from '../../src/lib/domain/amount';
import { setFund } from '../../src/lib/server/funds';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, UsageError, type DatabaseCommand } from './command';

export const fundSet: DatabaseCommand = {
	name: 'fund set',
	usage: 'fund set <naam> --gemeente GMxxxx --year JJJJ --budget BEDRAG',
	positionals: ['naam'],
	options: { gemeente: { type: 'string' }, year: { type: 'string' }, budget: { type: 'string' } },
	async run({ values, positionals, db }) {
		const name = positionals[0].trim();
		if (!name || name.length > 100)
			throw new UsageError('Geef de naam van het fonds (hoogstens 100 tekens).');
		const gemeente = reference().gemeenten.resolve(requireString(values, 'gemeente'));
		if (!gemeente) throw new InputError(`Onbekende gemeente ${values.gemeente}.`);
		const year = Number(requireString(values, 'year'));
		if (!Number.isInteger(year) || year < 2000 || year > 2100)
			throw new InputError('Geef een jaar als JJJJ.');
		const cents = parseAmountCents(requireString(values, 'budget'));
		if (cents === null)
			throw new InputError('Geef het budget als bedrag, bijvoorbeeld 500000 of 500.000,00.');
		await setFund(db, { gemeente: gemeente.code, name, year, budget: cents / 100 });
		await audit(db, {
			actor: 'cli',
			action: 'fonds instellen',
			object: `${gemeente.code} ${name} ${year}`,
			result: 'ok'
		});
		return {
			json: { status: 'ok', gemeente: gemeente.code, fund: name, year, budget: cents / 100 },
			text: `Budget van ${name} (${gemeente.naam}, ${year}) is ${(cents / 100).toFixed(2)} euro.`
		};
	}
};
