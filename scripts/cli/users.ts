/** `user add`, `user reset-2fa` and `token add`: accounts, their second factor and API tokens, by the operator. */
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { createUser, findUserByEmail, UserInputError } from '../../src/lib/server/auth/users';
import { resetSecondFactor } from '../../src/lib/server/auth/second-factor';
import { isRole, ROLES } from '../../src/lib/domain/roles';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, UsageError, type DatabaseCommand } from './command';

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

export const tokenAdd: DatabaseCommand = {
	name: 'token add',
	usage: 'token add --email E [--name NAAM] [--json]',
	options: { email: { type: 'string' }, name: { type: 'string' } },
	async run({ values, db }) {
		const email = requireString(values, 'email');
		const user = await findUserByEmail(db, email);
		if (!user) throw new InputError(`Er is geen gebruiker met e-mailadres ${email}.`);
		const name = typeof values.name === 'string' && values.name.trim() ? values.name.trim() : 'cli';
		const token = await createApiToken(db, user.id, name);
		await audit(db, {
			actor: 'cli',
			action: 'API-token aanmaken',
			object: `${user.email} (${name})`,
			result: 'ok'
		});
		return {
			json: { token },
			text: `API-token voor ${user.email} (bewaar het nu; het wordt niet opnieuw getoond):\n${token}`
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
			text: `De tweede factor van ${user.email} is hersteld; bij de volgende login stelt de gebruiker een nieuwe app in.`
		};
	}
};
