/** Fills a database with the generated demo: cases through the real import pipeline, fund budgets, demo accounts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { importFile } from '../../src/lib/server/ingest';
import { setFund } from '../../src/lib/server/funds/budgets';
import { createUser, findUserByEmail } from '../../src/lib/server/auth/users';
import { reference } from '../../src/lib/server/reference';
import { installationKey } from '../../src/lib/server/national/installation-key';
import { registerKey } from '../../src/lib/server/national/package-keys';
import { demoFunds, generateDemoCases, toSemicolonCsv } from './generate';
import { demoKwesties } from './kwesties';
import { demoContacts } from './contacts';
import { fillDemoCosts } from './costs';
import { fillDemoLedger } from './ledger';
import { fillDemoCapacity } from './capacity';
import { fillDemoAgenda } from './agenda';

export const DEMO_PASSWORD = 'Demo-portaal-2026!';

/** One account per role, with the reach such a user has in practice. */
export const DEMO_ACCOUNTS = [
	{ email: 'beheerder@demo.example', role: 'beheerder', gemeenten: ['alle'], note: 'alle gemeenten' },
	{
		email: 'kwaliteitsteam@utrecht.demo.example',
		role: 'kwaliteitsteam',
		gemeenten: ['GM0344'],
		note: 'Utrecht'
	},
	{ email: 'beleid@denhaag.demo.example', role: 'beleid', gemeenten: ['GM0518'], note: 'Den Haag' },
	{ email: 'college@leeuwarden.demo.example', role: 'college', gemeenten: ['GM0080'], note: 'Leeuwarden' },
	{
		email: 'ret@ijsselland.demo.example',
		role: 'kwaliteitsteam',
		gemeenten: ['GM0193', 'GM0148', 'GM0166', 'GM0175', 'GM0177', 'GM1896'],
		note: 'regio IJsselland (Zwolle e.o.)'
	},
	{ email: 'landelijk@demo.example', role: 'landelijk', gemeenten: [], note: 'landelijk, alleen totalen' }
] as const;

export interface DemoSummary {
	cases: number;
	funds: number;
	/** Kwesties the demo's kwaliteitsteams picked up. */
	kwesties: number;
	/** Contacts in the Maatwerkregister. */
	contacts: number;
	accounts: { email: string; role: string; note: string }[];
}

export async function fillDemo(
	db: Database,
	options: { cases: number; seed: number; endDate?: string }
): Promise<DemoSummary> {
	const endDate = options.endDate ?? new Date().toISOString().slice(0, 10);
	await fillDemoCosts(db);
	const records = generateDemoCases({ cases: options.cases, seed: options.seed, endDate });
	const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-demo-'));
	try {
		const file = path.join(dir, 'demo-casussen.csv');
		await fs.promises.writeFile(file, toSemicolonCsv(records));
		const result = await importFile(db, file, {
			fileName: 'demo-casussen.csv',
			source: 'demo',
			actor: 'demo',
			reach: null
		});
		if (result.status !== 'imported') {
			const first = result.problems.slice(0, 5).map((p) => `rij ${p.row} ${p.column}: ${p.message}`);
			throw new Error(`De demodata werden geweigerd:\n${first.join('\n')}`);
		}
	} finally {
		await fs.promises.rm(dir, { recursive: true, force: true });
	}
	const endYear = Number(endDate.slice(0, 4));
	// Three years back from today touch four calendar years.
	const funds = demoFunds([endYear - 3, endYear - 2, endYear - 1, endYear]);
	for (const fund of funds) await setFund(db, { ...fund, budget: BigInt(Math.round(fund.budget * 100)) });
	await fillDemoLedger(db, new Set(funds.map((f) => f.year)));
	await fillDemoCapacity(db, endDate);
	const { gemeenten } = reference();
	for (const account of DEMO_ACCOUNTS) {
		if (await findUserByEmail(db, account.email)) continue;
		await createUser(
			db,
			{
				email: account.email,
				password: DEMO_PASSWORD,
				role: account.role,
				gemeenten: [...account.gemeenten]
			},
			(code) => !!gemeenten.get(code)
		);
	}
	await trustOwnKey(db);
	const kwesties = await demoKwesties(db, endDate);
	const contacts = await demoContacts(db);
	await fillDemoAgenda(db, endDate);
	return {
		cases: records.length,
		funds: funds.length,
		kwesties,
		contacts,
		accounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role, note: a.note }))
	};
}

/**
 * The demo installation registers its own public key for its municipalities, so that a package a demo
 * beheerder downloads from /beheer/pakketten is accepted when read back in.
 */
async function trustOwnKey(db: Database): Promise<void> {
	const { publicKey } = installationKey();
	const rows = await db.all<{ gemeente: string }>('SELECT DISTINCT gemeente FROM cases ORDER BY gemeente');
	for (const { gemeente } of rows) await registerKey(db, { gemeente, key: publicKey, actor: 'demo' });
}
