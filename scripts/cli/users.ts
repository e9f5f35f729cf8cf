/** `user add`, `user passwd`, `user reset-2fa` and `token add|list|revoke`: accounts, their second factor and API tokens, by the operator. */
import {
	createApiToken,
	listApiTokens,
	revokeApiToken,
	TOKEN_DEFAULT_DAYS,
	tokenDaysProblem,
	TokenInputError
} from '../../src/lib/server/auth/api-tokens';
import { createUser, findUserByEmail, setPassword, UserInputError } from '../../src/lib/server/auth/users';
import type { Database } from '../../src/lib/server/db';
import { resetSecondFactor } from '../../src/lib/server/auth/second-factor';
import { isRole, ROLES } from '../../src/lib/domain/roles';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, UsageError, type DatabaseCommand, type Values } from './command';

export const userAdd: DatabaseCommand = {
	name: 'user add',
	usage: 'user add --email E --role ROL [--gemeente GMxxxx]… [--gemeente alle] --password-stdin',
	options: {
		email: { type: 'string' },
		role: { type: 'string' },
		gemeente: { type: 'string', multiple: true },
		'password-stdin': { type: 'boolean' }
	},
	check(values) {
		requireString(values, 'email');
		const role = requireString(values, 'role');
		if (!isRole(role)) throw new UsageError(`Onbekende rol "${role}"; kies uit ${ROLES.join(', ')}.`);
		if (!values['password-stdin']) throw new UsageError('Geef het wachtwoord via --password-stdin.');
	},
	async run({ values, db, stdin }) {
		const email = requireString(values, 'email');
		const role = requireString(values, 'role');
		const password = (await stdin()).split(/\r?\n/)[0];
		const gemeenten = (values.gemeente as string[] | undefined) ?? [];
		const { gemeenten: register } = reference();
		const codes = gemeenten.map((g) =>
			g.toLowerCase() === 'alle' ? 'alle' : (register.resolve(g)?.code ?? g)
		);
		try {
			const user = await createUser(
				db,
				{ email, password, role, gemeenten: codes },
				(c) => !!register.get(c)
			);
			await audit(db, { actor: 'cli', action: 'gebruiker toevoegen', object: user.email, result: 'ok' });
			const reach =
				user.all_gemeenten || user.role === 'landelijk' ? 'alle gemeenten' : user.gemeenten.join(', ');
			return {
				json: {
					status: 'ok',
					id: user.id,
					email: user.email,
					role: user.role,
					gemeenten: user.all_gemeenten ? 'alle' : user.gemeenten
				},
				text: `Gebruiker ${user.email} toegevoegd als ${user.role} (${reach}).`
			};
		} catch (error) {
			if (error instanceof UserInputError) throw new InputError(error.message);
			throw error;
		}
	}
};

/** The user of `--email`, or exit 1 with a Dutch message. */
async function existingUser(db: Database, values: Values) {
	const email = requireString(values, 'email');
	const user = await findUserByEmail(db, email);
	if (!user) throw new InputError(`Er is geen gebruiker met e-mailadres ${email}.`);
	return user;
}

/** `--days` as a whole number, 90 when absent; not a number is misuse (exit 2), out of range refused (exit 1). */
function tokenDays(values: Values): number {
	if (values.days === undefined) return TOKEN_DEFAULT_DAYS;
	const raw = String(values.days).trim();
	if (!/^\d+$/.test(raw)) throw new UsageError(`--days verwacht een aantal dagen, niet "${raw}".`);
	return Number(raw);
}

/** The name given, or without --name the first free one of `cli`, `cli-2`, `cli-3`, … */
async function tokenName(db: Database, userId: number, values: Values): Promise<string> {
	if (typeof values.name === 'string' && values.name.trim()) return values.name.trim();
	const taken = new Set((await listApiTokens(db, [userId])).map((t) => t.name));
	let n = 1;
	while (taken.has(n === 1 ? 'cli' : `cli-${n}`)) n++;
	return n === 1 ? 'cli' : `cli-${n}`;
}

export const userPasswd: DatabaseCommand = {
	name: 'user passwd',
	usage: 'user passwd --email E --password-stdin [--json]',
	options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
	check(values) {
		requireString(values, 'email');
		if (!values['password-stdin']) throw new UsageError('Geef het nieuwe wachtwoord via --password-stdin.');
	},
	async run({ values, db, stdin }) {
		const user = await existingUser(db, values);
		const password = (await stdin()).split(/\r?\n/)[0];
		try {
			await setPassword(db, user.id, password);
		} catch (error) {
			if (error instanceof UserInputError) throw new InputError(error.message);
			throw error;
		}
		await audit(db, { actor: 'cli', action: 'wachtwoord instellen', object: user.email, result: 'ok' });
		return {
			json: { status: 'ok', email: user.email },
			text: `Het wachtwoord van ${user.email} is ingesteld; alle sessies en API-tokens van deze gebruiker zijn beëindigd.`
		};
	}
};

export const tokenAdd: DatabaseCommand = {
	name: 'token add',
	usage: `token add --email E [--name NAAM] [--days N (1-365, standaard ${TOKEN_DEFAULT_DAYS})] [--json]`,
	options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
	check(values) {
		requireString(values, 'email');
		tokenDays(values);
	},
	async run({ values, db }) {
		const user = await existingUser(db, values);
		const name = await tokenName(db, user.id, values);
		const days = tokenDays(values);
		const problem = tokenDaysProblem(days);
		if (problem) throw new InputError(`--days: ${problem}`);
		let token: string;
		try {
			token = await createApiToken(db, user.id, name, days);
		} catch (error) {
			if (error instanceof TokenInputError) throw new InputError(error.message);
			throw error;
		}
		const [created] = (await listApiTokens(db, [user.id])).filter((t) => t.name === name);
		await audit(db, {
			actor: 'cli',
			action: 'API-token aanmaken',
			object: `${user.email} (${name})`,
			result: 'ok'
		});
		return {
			json: { token, name, expires: created?.expires ?? null },
			text: `API-token "${name}" voor ${user.email}, geldig tot ${created?.expires ?? '?'} (bewaar het nu; het wordt niet opnieuw getoond):\n${token}`
		};
	}
};

export const tokenList: DatabaseCommand = {
	name: 'token list',
	usage: 'token list --email E [--json]',
	options: { email: { type: 'string' } },
	check(values) {
		requireString(values, 'email');
	},
	async run({ values, db }) {
		const user = await existingUser(db, values);
		const tokens = (await listApiTokens(db, [user.id])).map(({ name, created, expires, lastUsed }) => ({
			name,
			created,
			expires,
			lastUsed
		}));
		const lines = tokens.map(
			(t) =>
				`  ${t.name}: aangemaakt ${t.created}, geldig tot ${t.expires}, laatst gebruikt ${t.lastUsed ?? 'nooit'}`
		);
		return {
			json: { tokens },
			text: tokens.length
				? [`API-tokens van ${user.email}:`, ...lines].join('\n')
				: `${user.email} heeft geen API-tokens.`
		};
	}
};

export const tokenRevoke: DatabaseCommand = {
	name: 'token revoke',
	usage: 'token revoke --email E --name NAAM [--json]',
	options: { email: { type: 'string' }, name: { type: 'string' } },
	check(values) {
		requireString(values, 'email');
		requireString(values, 'name');
	},
	async run({ values, db }) {
		const user = await existingUser(db, values);
		const name = requireString(values, 'name');
		if (!(await revokeApiToken(db, user.id, name))) {
			throw new InputError(`${user.email} heeft geen API-token met de naam "${name}".`);
		}
		await audit(db, {
			actor: 'cli',
			action: 'API-token intrekken',
			object: `${user.email} (${name})`,
			result: 'ok'
		});
		return {
			json: { status: 'ok', email: user.email, name },
			text: `API-token "${name}" van ${user.email} is ingetrokken.`
		};
	}
};

export const userResetSecondFactor: DatabaseCommand = {
	name: 'user reset-2fa',
	usage: 'user reset-2fa --email E [--json]',
	options: { email: { type: 'string' } },
	async run({ values, db }) {
		const email = requireString(values, 'email');
		const user = await findUserByEmail(db, email);
		if (!user) throw new InputError(`Er is geen gebruiker met e-mailadres ${email}.`);
		await resetSecondFactor(db, user.id);
		await audit(db, { actor: 'cli', action: 'tweede factor herstellen', object: user.email, result: 'ok' });
		return {
			json: { status: 'ok', email: user.email },
			text: `De tweede factor van ${user.email} is hersteld en de sessies en API-tokens zijn beëindigd; bij de volgende login stelt de gebruiker een nieuwe app in.`
		};
	}
};
