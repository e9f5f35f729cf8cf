/** `costs set` and `costs list`: a municipality's table of avoided-cost posts (`vermeden_posten` in the export). */
import { parseAmountCents } from '../../src/lib/domain/amount';
import { euros } from '../../src/lib/domain/money';
import { formatEuro } from '../../src/lib/domain/format';
import { checkCost, costTable, setCost } from '../../src/lib/server/costs';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, type DatabaseCommand, type Values } from './command';

function gemeenteOf(values: Values) {
	const gemeente = reference().gemeenten.resolve(requireString(values, 'gemeente'));
	if (!gemeente) throw new InputError(`Onbekende gemeente ${values.gemeente}.`);
	return gemeente;
}

/** `€ 10,00 tot € 20,00 per maand`. */
const rangeText = (low: bigint, high: bigint, unit: string | null) =>
	`${formatEuro(euros(low))} tot ${formatEuro(euros(high))}${unit ? ` per ${unit}` : ''}`;

/** ` (bron: …)`, or nothing without a source note. */
const bronText = (bron: string | null) => (bron ? ` (bron: ${bron})` : '');

function amountOf(values: Values, name: 'low' | 'high'): bigint {
	const cents = parseAmountCents(requireString(values, name));
	if (cents === null)
		throw new InputError(`Geef --${name} als bedrag, bijvoorbeeld 1250 of 1.250,00 (niet negatief).`);
	return BigInt(cents);
}

export const costsSet: DatabaseCommand = {
	name: 'costs set',
	usage: 'costs set <post> --gemeente GMxxxx --low BEDRAG --high BEDRAG [--unit TEKST] [--bron TEKST]',
	positionals: ['post'],
	options: {
		gemeente: { type: 'string' },
		low: { type: 'string' },
		high: { type: 'string' },
		unit: { type: 'string' },
		bron: { type: 'string' }
	},
	async run({ values, positionals, db }) {
		const gemeente = gemeenteOf(values);
		const low = amountOf(values, 'low');
		const high = amountOf(values, 'high');
		const unit = typeof values.unit === 'string' ? values.unit : null;
		const bron = typeof values.bron === 'string' ? values.bron : null;
		const checked = checkCost({ post: positionals[0], unit, low, high, bron });
		if ('message' in checked) throw new InputError(checked.message);
		await setCost(
			db,
			{ gemeente: gemeente.code, post: checked.post, unit: checked.unit, low, high, bron: checked.bron },
			'cli'
		);
		await audit(db, {
			actor: 'cli',
			action: 'kostenpost instellen',
			object: `${gemeente.code} ${checked.post}`,
			result: 'ok'
		});
		return {
			json: {
				status: 'ok',
				gemeente: gemeente.code,
				post: checked.post,
				unit: checked.unit,
				low: euros(low),
				high: euros(high),
				bron: checked.bron
			},
			text: `Post ${checked.post} (${gemeente.naam}): ${rangeText(low, high, checked.unit)}${bronText(checked.bron)}.`
		};
	}
};

export const costsList: DatabaseCommand = {
	name: 'costs list',
	usage: 'costs list --gemeente GMxxxx [--json]',
	options: { gemeente: { type: 'string' } },
	async run({ values, db }) {
		const gemeente = gemeenteOf(values);
		const costs = await costTable(db, { all: false, gemeenten: [gemeente.code] });
		const lines = costs.map((c) => `${c.post}: ${rangeText(c.low, c.high, c.unit)}${bronText(c.bron)}`);
		return {
			json: {
				costs: costs.map((c) => ({
					post: c.post,
					unit: c.unit,
					low: euros(c.low),
					high: euros(c.high),
					bron: c.bron
				}))
			},
			text: lines.length
				? lines.join('\n')
				: `${gemeente.naam} heeft nog geen kostentabel; zet posten met costs set.`
		};
	}
};
