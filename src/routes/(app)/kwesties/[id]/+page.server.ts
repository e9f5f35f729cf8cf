import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
	NOTE_MAX,
	addNote,
	auditRefusedKwestie,
	changeKwestie,
	findKwestie,
	kwestieTrail,
	mayComment,
	mayEdit,
	mayRead,
	parseKwestieChange
} from '$lib/server/kwesties/kwesties';
import { kwestie as kwestieView } from '$lib/server/views/registry';
import { presentView } from '$lib/server/views/show';
import { kwestieDetail } from '$lib/server/kwesties/detail';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { reference } from '$lib/server/reference';
import { capabilities } from '$lib/domain/roles';
import { auditCaseView } from '$lib/server/case-view-audit';
import { nationalStatusOf } from '$lib/server/national/agenda';

/** The id of the address, a positive whole number; anything else is a kwestie that does not exist. */
function kwestieId(value: string): number {
	const id = Number(value);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Deze kwestie bestaat niet of valt buiten uw bereik.');
	return id;
}

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const user = locals.user!;
	const db = await getDb();
	const kwestie = await findKwestie(db, kwestieId(params.id));
	// Outside the reach it does not exist: a 403 would tell that it does. The log keeps the attempt.
	if (!kwestie || !mayRead(user, kwestie.scope)) {
		await auditRefusedKwestie(db, user, kwestie, 'kwestie bekijken', event.getClientAddress());
		error(404, 'Deze kwestie bestaat niet of valt buiten uw bereik.');
	}
	const [answer, trail, national] = await Promise.all([
		kwestieDetail(db, user, kwestie, todayInAmsterdam()),
		kwestieTrail(db, kwestie.id),
		nationalStatusOf(db, user, kwestie)
	]);
	const detail = presentView(kwestieView, answer, user);
	// Landelijk receives the registry's protected level: the tables only, under disclosure control.
	const caseList = detail.level === 'exact' ? detail.caseList : null;
	if (caseList && caseList.length > 0) {
		await auditCaseView(db, event, `kwestie ${kwestie.id} (${kwestie.scope}): ${caseList.length} casussen`);
	}
	return {
		kwestie,
		gemeente: reference().gemeenten.naam(kwestie.scope),
		detail,
		trail,
		national,
		canEdit: mayEdit(user, kwestie.scope),
		canComment: mayComment(user, kwestie.scope),
		caseLevel: capabilities(user.role).caseLevel,
		noteMax: NOTE_MAX
	};
};

export const actions: Actions = {
	bijwerken: async ({ request, locals, params, getClientAddress }) => {
		const form = await request.formData();
		const checked = parseKwestieChange(form);
		if (!checked.ok) return fail(400, { message: checked.message, field: checked.field });
		const outcome = await changeKwestie(
			await getDb(),
			locals.user!,
			kwestieId(params.id),
			checked.change,
			getClientAddress()
		);
		if (outcome === 'not-found')
			return fail(404, { message: 'Deze kwestie bestaat niet of valt buiten uw bereik.', field: null });
		if (outcome === 'forbidden')
			return fail(403, { message: 'Uw rol mag deze kwestie niet wijzigen.', field: null });
		return { done: outcome === 'changed' ? 'De kwestie is bijgewerkt.' : 'Er was niets gewijzigd.' };
	},
	notitie: async ({ request, locals, params, getClientAddress }) => {
		const text = String((await request.formData()).get('note') ?? '').trim();
		if (text === '') return fail(400, { message: 'Schrijf eerst een notitie.', field: 'note' });
		if (text.length > NOTE_MAX) {
			return fail(400, { message: `Een notitie is ten hoogste ${NOTE_MAX} tekens.`, field: 'note' });
		}
		const outcome = await addNote(
			await getDb(),
			locals.user!,
			kwestieId(params.id),
			text,
			getClientAddress()
		);
		if (outcome === 'not-found')
			return fail(404, { message: 'Deze kwestie bestaat niet of valt buiten uw bereik.', field: null });
		if (outcome === 'forbidden')
			return fail(403, { message: 'Uw rol mag hier geen notities plaatsen.', field: null });
		return { done: 'De notitie is opgeslagen.' };
	}
};
