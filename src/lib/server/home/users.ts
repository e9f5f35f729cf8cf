/** Home block of the beheerder: the accounts it manages, those without a second factor and those added lately. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import { ROLE_LABELS } from '$lib/domain/roles';
import { formatDate } from '$lib/domain/format';
import { listUsers, manages, type UserRow } from '../auth/users';
import type { BlockDefinition } from './types';

/** Accounts added in these last days count as new. */
export const NEW_USER_DAYS = 30;

/** `YYYY-MM-DD`, `days` before `today`. */
function daysBefore(today: string, days: number): string {
	const date = new Date(`${today}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() - days);
	return date.toISOString().slice(0, 10);
}

/** A local account without an authenticator: signing in with the identity provider brings its own factors. */
const withoutSecondFactor = (u: UserRow) => u.totp_key === null && u.oidc_subject === null;

export const users: BlockDefinition = {
	kind: 'gebruikers',
	capability: 'manageUsers',
	async compute({ db, user, today }) {
		const from = daysBefore(today, NEW_USER_DAYS);
		const managed = (await listUsers(db)).filter((u) => !u.disabled && manages(user.reach, u));
		const isNew = (u: UserRow) => String(u.created_at).slice(0, 10) >= from;
		const unprotected = managed.filter(withoutSecondFactor);
		const recent = managed.filter(isNew);
		const attention = [
			...unprotected,
			...recent
				.filter((u) => !withoutSecondFactor(u))
				.sort((a, b) => b.created_at.localeCompare(a.created_at))
		];
		const rows: HomeRow[] = attention.slice(0, HOME_ROWS).map((u) => ({
			label: u.email,
			href: null,
			note: [
				ROLE_LABELS[u.role],
				...(withoutSecondFactor(u) ? ['zonder tweede factor'] : []),
				...(isNew(u) ? [`toegevoegd op ${formatDate(String(u.created_at))}`] : []),
				...(u.last_login_at === null ? ['nog nooit aangemeld'] : [])
			].join(' · ')
		}));
		return {
			kind: 'gebruikers',
			title: 'Gebruikers',
			lead:
				unprotected.length > 0
					? 'Wie zich zonder tweede factor aanmeldt, stelt die bij de volgende aanmelding in.'
					: null,
			figures: [
				{ label: 'Actieve accounts', value: { kind: 'count', value: managed.length } },
				{ label: 'Zonder tweede factor', value: { kind: 'count', value: unprotected.length } },
				{ label: `Nieuw in ${NEW_USER_DAYS} dagen`, value: { kind: 'count', value: recent.length } }
			],
			rows,
			rowsLabel: 'Accounts zonder tweede factor en nieuwe accounts',
			link: { href: '/beheer#gebruikers', label: 'Naar gebruikers' },
			empty: null
		};
	}
};
