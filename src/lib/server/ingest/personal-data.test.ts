/** Personal data in an export (BSN, IBAN, e-mail, phone, postcode, telling column names, BSN columns) refuses it without echoing the data. */
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { ImportResult } from './index';
import {
	FIXTURES,
	caseRow,
	closeTempStore,
	countCases,
	elfproef,
	importRows,
	openTempStore,
	runImport,
	validBsns,
	type Store
} from './fixtures/helpers';

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => {
	closeTempStore(store);
});

/** Imports one valid case per text, each in `column`, after one clean case (so the texts sit on rows 3, 4, …). */
function importTexts(texts: string[], column = 'samenvatting'): Promise<ImportResult> {
	return importRows(store, [
		caseRow('PD-00', { [column]: 'Geen bijzonderheden' }),
		...texts.map((text, i) => caseRow(`PD-${String(i + 1).padStart(2, '0')}`, { [column]: text }))
	]);
}

/** Refused with one problem per text, on rows 3, 4, … in `column`; no message repeats any digit run or the text. */
async function expectFlagged(result: ImportResult, texts: string[], column: string, message: RegExp) {
	expect(result.status).toBe('refused');
	expect(await countCases(store.db)).toBe(0);
	expect(result.problems.map((p) => [p.row, p.column])).toEqual(texts.map((_, i) => [i + 3, column]));
	for (const p of result.problems) {
		expect(p.message).toMatch(message);
		expect(p.message).not.toMatch(/\d{2}/);
	}
	const all = JSON.stringify(result);
	for (const text of texts) expect(all).not.toContain(text);
	expect(result.rejectedRows).toBe(texts.length);
}

/** ISO 13616 mod-97, to check the test data itself. */
function ibanValid(iban: string): boolean {
	const compact = iban.replace(/\s/g, '').toUpperCase();
	const digits = [...(compact.slice(4) + compact.slice(0, 4))]
		.map((ch) => (/\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)))
		.join('');
	return [...digits].reduce((acc, d) => (acc * 10 + Number(d)) % 97, 0) === 1;
}

async function expectClean(result: ImportResult) {
	expect(result.problems).toEqual([]);
	expect(result.status).toBe('imported');
}

describe('BSN in free text', () => {
	it('the test numbers pass the elfproef, their neighbours do not', () => {
		expect(elfproef('111222333')).toBe(true);
		expect(elfproef('123456782')).toBe(true);
		expect(elfproef('123456789')).toBe(false);
		expect(elfproef('111222334')).toBe(false);
	});

	it('refuses a nine-digit number passing the elfproef, plain or grouped by dots or spaces', async () => {
		const texts = [
			'Cliënt met BSN 111222333 aangemeld',
			'bsn: 111.222.333.',
			'nummer 1112 22 333 bekend bij gemeente',
			'123456782',
			'(123 456 782)'
		];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /elfproef/);
	});

	it('scans kwestie, route and oplossing too', async () => {
		const result = await importRows(store, [
			caseRow('PD-1', { kwestie: 'kwestie 111222333' }),
			caseRow('PD-2', { route: 'Wijktafel 123456782' }),
			caseRow('PD-3', { oplossing: 'voorschot|111.222.333' })
		]);
		expect(result.status).toBe('refused');
		expect(result.problems.map((p) => [p.row, p.column])).toEqual([
			[2, 'kwestie'],
			[3, 'route'],
			[4, 'oplossing']
		]);
		expect(JSON.stringify(result.problems)).not.toMatch(/111|123456782/);
	});

	it('reports the column as the file names it', async () => {
		const result = await importRows(store, [caseRow('PD-1', { ' Samenvatting ': 'BSN 111222333' })]);
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{ row: 2, column: 'Samenvatting', message: expect.stringMatching(/BSN/) }
		]);
	});

	it('does not flag amounts, years, counts or nine digits failing the elfproef', async () => {
		const result = await importTexts([
			'Schuld van 1.250 euro bij 3 schuldeisers sinds 2021',
			'Dossier 123456789 (haalt de elfproef niet)',
			'Totale schuld 1.234.567,89 euro',
			'Schuld € 123.456.782,00 overgenomen',
			'Bedrag 111222333,50 is een typefout',
			'Periode 2021-2024, 12 maanden, 3 kinderen'
		]);
		await expectClean(result);
		expect(await countCases(store.db)).toBe(7);
	});

	it('does not treat a BSN-shaped number outside free text as a BSN (casus_id column checked as a whole)', async () => {
		const result = await importRows(store, [caseRow('111222333'), caseRow('CASE-2'), caseRow('CASE-3')]);
		await expectClean(result);
	});

	it('refuses the example export with a BSN in a kwestie, on its row', async () => {
		const result = await runImport(store, path.join(FIXTURES, 'refused-bsn.csv'));
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{ row: 5, column: 'kwestie', message: expect.stringMatching(/elfproef/) }
		]);
		expect(JSON.stringify(result)).not.toContain('111222333');
		expect(result.rejectedRows).toBe(1);
		expect(await countCases(store.db)).toBe(0);
	});
});

describe('IBAN, e-mail, phone, postcode (anywhere)', () => {
	it('the test IBANs have the checksums they claim', () => {
		expect(ibanValid('NL91ABNA0417164300')).toBe(true);
		expect(ibanValid('BE68539007547034')).toBe(true);
		expect(ibanValid('NL92ABNA0417164300')).toBe(false);
		expect(ibanValid('NL92ABNA1417164300')).toBe(false);
	});

	it('refuses an IBAN with a valid checksum, with or without spaces', async () => {
		const texts = [
			'Betaald naar NL91ABNA0417164300',
			'rekening nl91 abna 0417 1643 00',
			'IBAN BE68539007547034.'
		];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /IBAN/);
	});

	it('refuses a valid IBAN that is followed by more words', async () => {
		// The IBAN is rarely the last word of a sentence; a Belgian IBAN has no phone-like digits to fall back on.
		const texts = ['NL91ABNA0417164300 ontvangen', 'IBAN BE68 5390 0754 7034 van de inwoner'];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /IBAN/);
	});

	it('accepts an IBAN-shaped code with a wrong checksum', async () => {
		const result = await importTexts([
			'Kenmerk NL92ABNA1417164300',
			'referentie NL92 ABNA 1417 1643 00 in brief'
		]);
		await expectClean(result);
	});

	it('does not take the digits of a wrong-checksum IBAN for a phone number', async () => {
		// NL92ABNA0417164300 is the spec's valid example with one digit changed: not an IBAN, and its account
		// digits are glued to letters, so they are not a phone number someone wrote down either.
		const result = await importTexts(['Kenmerk NL92ABNA0417164300']);
		await expectClean(result);
	});

	it('refuses an e-mail address', async () => {
		const texts = ['Mail naar j.jansen@example.nl gestuurd', 'contact: Piet_de-Vries+post@mail.gemeente.nl'];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /e-mailadres/);
	});

	it('refuses phone numbers in Dutch and international notation', async () => {
		const texts = [
			'Bel 06-12345678',
			'tel 020 123 4567 na 17 uur',
			'mobiel +31 6 12345678',
			'via 0612345678.',
			'nummer 0031 20 7654321'
		];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /telefoonnummer/);
	});

	it('refuses a postcode with house number, either way round', async () => {
		const texts = ['Woont op 3511 AB 12', 'Adres Straat 12, 3511AB', 'verhuisd naar 3511AB 7'];
		const result = await importTexts(texts);
		await expectFlagged(result, texts, 'samenvatting', /postcode/);
	});

	it('accepts a postcode area without a house number', async () => {
		const result = await importTexts(['Wijk 3511 in Utrecht-centrum', 'Postcodegebied 3511 AB']);
		await expectClean(result);
	});

	it('finds personal data in any column, also outside free text and in unknown columns', async () => {
		const result = await importRows(store, [
			caseRow('PD-1', { fonds: 'fonds@gemeente.nl' }),
			caseRow('PD-2', { Contact: '06-12345678' }),
			caseRow('PD-3', { Notitie: 'BSN 123456782' })
		]);
		expect(result.status).toBe('refused');
		expect(result.problems.map((p) => [p.row, p.column])).toEqual([
			[2, 'fonds'],
			[3, 'Contact'],
			[4, 'Notitie']
		]);
		expect(JSON.stringify(result)).not.toMatch(/fonds@|12345678|123456782/);
	});
});

describe('columns', () => {
	it('refuses columns whose name is a kind of personal data', async () => {
		const result = await importRows(store, [
			caseRow('PD-1', {
				BSN: '',
				Telefoonnummer: '',
				' E-mail ': '',
				geboorte_datum: '',
				gemeentenaam: 'Leeuwarden'
			})
		]);
		expect(result.status).toBe('refused');
		expect(result.problems.map((p) => [p.row, p.column])).toEqual([
			[null, 'BSN'],
			[null, 'Telefoonnummer'],
			[null, 'E-mail'],
			[null, 'geboorte_datum']
		]);
		for (const p of result.problems) expect(p.message).toMatch(/persoonsgegeven/);
		expect(result.warnings.map((w) => w.column)).toEqual(['gemeentenaam']);
	});

	it('accepts a column whose name only contains such a word', async () => {
		const result = await importRows(store, [
			caseRow('PD-1', { gemeentenaam: 'Leeuwarden', adresseringsteam: 'Noord' })
		]);
		await expectClean(result);
		expect(result.warnings.map((w) => w.column)).toEqual(['gemeentenaam', 'adresseringsteam']);
	});

	it('refuses a column of nine-digit numbers that nearly all pass the elfproef (row null)', async () => {
		const bsns = validBsns(20);
		expect(bsns.every(elfproef)).toBe(true);
		const rows = bsns.map((bsn) => caseRow(bsn));
		const result = await importRows(store, rows);
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{ row: null, column: 'casus_id', message: expect.stringMatching(/elfproef/) }
		]);
		expect(JSON.stringify(result)).not.toContain(bsns[0]);
		expect(await countCases(store.db)).toBe(0);
	});

	it('refuses such a column also when its numbers are written with dots and one is missing', async () => {
		const bsns = validBsns(12).map((b) => `${b.slice(0, 3)}.${b.slice(3, 6)}.${b.slice(6)}`);
		const rows = bsns.map((b, i) => caseRow(`PD-${i}`, { klantnummer: i === 5 ? '' : b }));
		const result = await importRows(store, rows);
		expect(result.status).toBe('refused');
		expect(result.problems).toContainEqual({
			row: null,
			column: 'klantnummer',
			message: expect.stringMatching(/BSN/)
		});
	});

	it('accepts a column of random nine-digit case numbers (most fail the elfproef)', async () => {
		const numbers = Array.from({ length: 22 }, (_, i) => String(300_000_001 + i * 7_777_777));
		const passing = numbers.filter(elfproef).length;
		expect(passing).toBeLessThan(numbers.length / 4);
		const result = await importRows(
			store,
			numbers.map((n) => caseRow(n))
		);
		await expectClean(result);
		expect(await countCases(store.db)).toBe(22);
	});
});
