/** Numbered schema migrations, applied in order at start; a migration never changes once released. */

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/*
 * Multi-valued fields (leefgebieden, organisaties, ministeries, wetten, baten_bij) are stored as a
 * bitmask over the vocabulary's order (bit i = the i-th code of data/vocabulary/<dimension>.csv).
 * A co-occurrence matrix is then one GROUP BY over the mask, a single scan, instead of a self-join
 * of unnested lists. Vocabulary files are therefore append-only: a new code goes at the end.
 *
 * The natural key (gemeente, source, casus_id) has no UNIQUE index: the import keeps it unique
 * (it replaces a case as delete + insert in one transaction, keeping its id), and DuckDB's ART
 * indexes would cost memory and time on every import of a million cases.
 */
export const migrations: Migration[] = [
	{
		version: 1,
		name: 'core',
		sql: `
CREATE TABLE gemeenten (
	code VARCHAR PRIMARY KEY,
	cbs_code VARCHAR NOT NULL,
	naam VARCHAR NOT NULL,
	provincie VARCHAR NOT NULL,
	inwoners INTEGER NOT NULL,
	grootteklasse VARCHAR NOT NULL
);
CREATE TABLE gemeente_terms (term VARCHAR NOT NULL, code VARCHAR NOT NULL);
CREATE TABLE vocabulary (
	dimension VARCHAR NOT NULL,
	code VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	naam VARCHAR NOT NULL,
	detail VARCHAR
);
CREATE TABLE vocabulary_terms (dimension VARCHAR NOT NULL, term VARCHAR NOT NULL, code VARCHAR NOT NULL);

CREATE SEQUENCE import_id_seq;
CREATE TABLE imports (
	id BIGINT PRIMARY KEY DEFAULT nextval('import_id_seq'),
	file_name VARCHAR NOT NULL,
	sha256 VARCHAR NOT NULL,
	format VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	replace_source BOOLEAN NOT NULL DEFAULT false,
	actor VARCHAR NOT NULL,
	started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	finished_at TIMESTAMP,
	rows_in INTEGER NOT NULL DEFAULT 0,
	inserted INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	removed INTEGER NOT NULL DEFAULT 0,
	rejected_rows INTEGER NOT NULL DEFAULT 0,
	status VARCHAR NOT NULL,
	gemeenten VARCHAR[] NOT NULL DEFAULT [],
	problems JSON,
	warnings JSON,
	undone_at TIMESTAMP
);

CREATE SEQUENCE case_id_seq;
CREATE TABLE cases (
	id BIGINT NOT NULL DEFAULT nextval('case_id_seq'),
	gemeente VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	casus_id VARCHAR NOT NULL,
	route VARCHAR,
	aangemeld_op DATE NOT NULL,
	afgerond_op DATE,
	status VARCHAR NOT NULL,
	leefgebieden UBIGINT NOT NULL,
	organisaties UBIGINT NOT NULL DEFAULT 0,
	ministeries UBIGINT NOT NULL DEFAULT 0,
	wetten UBIGINT NOT NULL DEFAULT 0,
	wet_artikelen VARCHAR[] NOT NULL DEFAULT [],
	knelpunt VARCHAR,
	kwestie VARCHAR,
	kwestie_key VARCHAR,
	escalatie VARCHAR,
	uitkomst VARCHAR,
	oplossing VARCHAR[] NOT NULL DEFAULT [],
	fonds VARCHAR,
	kosten_oplossing DECIMAL(18, 2),
	besparing_laag DECIMAL(18, 2),
	besparing_hoog DECIMAL(18, 2),
	voorgeschoten DECIMAL(18, 2),
	terug_van VARCHAR,
	terugbetaald DECIMAL(18, 2),
	baten_bij UBIGINT NOT NULL DEFAULT 0,
	monitoring VARCHAR,
	monitoring_op DATE,
	samenvatting VARCHAR,
	extra JSON,
	import_id BIGINT NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The version a re-import replaced, so that undoing that import can put it back.
CREATE TABLE case_versions AS
	SELECT CAST(NULL AS BIGINT) AS replaced_by_import, CAST(NULL AS BOOLEAN) AS removed, * FROM cases LIMIT 0;

CREATE TABLE mapping_profiles (
	name VARCHAR PRIMARY KEY,
	mapping JSON NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE user_id_seq;
CREATE TABLE users (
	id BIGINT PRIMARY KEY DEFAULT nextval('user_id_seq'),
	email VARCHAR NOT NULL UNIQUE,
	password_hash VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	all_gemeenten BOOLEAN NOT NULL DEFAULT false,
	gemeenten VARCHAR[] NOT NULL DEFAULT [],
	totp_key BLOB,
	disabled BOOLEAN NOT NULL DEFAULT false,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	last_login_at TIMESTAMP
);

-- Sessions and API tokens are "<id>.<secret>": the id finds the row, the SHA-256 of the secret is
-- compared in constant time. The token itself is never stored.
CREATE TABLE sessions (
	id VARCHAR PRIMARY KEY,
	secret_hash VARCHAR NOT NULL,
	user_id BIGINT NOT NULL,
	created_at_ms BIGINT NOT NULL,
	last_seen_ms BIGINT NOT NULL,
	two_factor_verified BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE api_tokens (
	id VARCHAR PRIMARY KEY,
	secret_hash VARCHAR NOT NULL,
	user_id BIGINT NOT NULL,
	name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	last_used_at TIMESTAMP
);

CREATE TABLE funds (
	gemeente VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	name_key VARCHAR NOT NULL,
	year INTEGER NOT NULL,
	budget DECIMAL(18, 2) NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE settings (scope VARCHAR NOT NULL, key VARCHAR NOT NULL, value JSON NOT NULL);

CREATE SEQUENCE audit_id_seq;
CREATE TABLE audit_log (
	id BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
	occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	actor VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	object VARCHAR,
	result VARCHAR NOT NULL,
	origin VARCHAR
);
`
	},
	{
		version: 2,
		name: 'kwesties',
		sql: `
-- A kwestie per municipality (scope GMxxxx) or of the national programme (scope 'landelijk'),
-- identified by its folded label (key), the same folding the import gives cases.kwestie_key.
CREATE SEQUENCE kwestie_id_seq;
CREATE TABLE kwesties (
	id BIGINT PRIMARY KEY DEFAULT nextval('kwestie_id_seq'),
	scope VARCHAR NOT NULL,
	key VARCHAR NOT NULL,
	label VARCHAR NOT NULL,
	status VARCHAR NOT NULL DEFAULT 'gesignaleerd',
	owner VARCHAR,
	urgency VARCHAR,
	agenda VARCHAR,
	rule VARCHAR,
	measure VARCHAR,
	measure_on DATE,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	UNIQUE (scope, key)
);

-- Every change of a kwestie's status or fields: who, when, from what to what.
CREATE TABLE kwestie_changes (
	kwestie_id BIGINT NOT NULL,
	changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	actor VARCHAR NOT NULL,
	field VARCHAR NOT NULL,
	old_value VARCHAR,
	new_value VARCHAR
);

-- Notes of the kwaliteitsteam and comments of beleid.
CREATE TABLE kwestie_notes (
	kwestie_id BIGINT NOT NULL,
	written_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	author VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	text VARCHAR NOT NULL
);

-- Cases the kwaliteitsteam gave a shared kwestie by confirming a suggestion. Keyed by the case's
-- natural key, apart from the imported label, so that a re-import of the export does not undo it.
CREATE TABLE kwestie_links (
	gemeente VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	casus_id VARCHAR NOT NULL,
	kwestie_key VARCHAR NOT NULL,
	kwestie VARCHAR NOT NULL,
	linked_by VARCHAR NOT NULL,
	linked_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Suggestions the kwaliteitsteam rejected, by the fingerprint of their cases, so they are not offered again.
CREATE TABLE suggestion_decisions (
	gemeente VARCHAR NOT NULL,
	fingerprint VARCHAR NOT NULL,
	decision VARCHAR NOT NULL,
	decided_by VARCHAR NOT NULL,
	decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- When a user last opened the signal list, so that new signals since then stand out.
CREATE TABLE signal_visits (
	user_id BIGINT NOT NULL,
	seen_at TIMESTAMP NOT NULL
);
`
	},
	{
		version: 3,
		name: 'reports',
		sql: `
-- A period report as the college received it: its figures and "wat leren we" text frozen at saving,
-- with the imports it was made from, so it opens the same after new or corrected imports.
-- gemeente: the municipality chosen on the page (NULL: the saver's whole reach); gemeenten: the
-- municipalities the figures cover (NULL: all of them).
CREATE SEQUENCE saved_report_id_seq;
CREATE TABLE saved_reports (
	id BIGINT PRIMARY KEY DEFAULT nextval('saved_report_id_seq'),
	gemeente VARCHAR,
	gemeenten VARCHAR[],
	period VARCHAR NOT NULL,
	figures JSON NOT NULL,
	lessons VARCHAR NOT NULL,
	import_ids BIGINT[] NOT NULL,
	imports_fingerprint VARCHAR NOT NULL,
	figures_fingerprint VARCHAR NOT NULL,
	saved_by VARCHAR NOT NULL,
	saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
`
	},
	{
		version: 4,
		name: 'national packages',
		sql: `
-- National packages imported from municipalities (aggregates under disclosure control, never case
-- rows): one per municipality and whole period, the document as it arrived with its SHA-256.
CREATE TABLE national_packages (
	gemeente VARCHAR NOT NULL,
	period VARCHAR NOT NULL,
	period_from DATE NOT NULL,
	period_to DATE NOT NULL,
	sha256 VARCHAR NOT NULL,
	document JSON NOT NULL,
	imported_by VARCHAR NOT NULL,
	imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
`
	},
	{
		version: 5,
		name: 'second factor',
		sql: `
-- A TOTP code is accepted once (RFC 6238 5.2): the time step of the last accepted code is kept, and
-- only a later step is accepted after it.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
-- Recovery codes for a lost authenticator: each used once; like tokens, only their SHA-256 is stored.
CREATE TABLE recovery_codes (
	user_id BIGINT NOT NULL,
	code_hash VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	used_at TIMESTAMP
);
`
	},
	{
		version: 6,
		name: 'security review',
		sql: `
-- API tokens end: an expiry (tokens of before this release: 90 days after the upgrade) and a name
-- unique per user. DuckDB cannot add a constraint to a table, so the table is rebuilt; a name a user
-- gave twice keeps its first token and the later ones get their token id added.
CREATE TABLE api_tokens_v6 (
	id VARCHAR PRIMARY KEY,
	secret_hash VARCHAR NOT NULL,
	user_id BIGINT NOT NULL,
	name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	expires_at TIMESTAMP NOT NULL,
	last_used_at TIMESTAMP,
	UNIQUE (user_id, name)
);
INSERT INTO api_tokens_v6 (id, secret_hash, user_id, name, created_at, expires_at, last_used_at)
SELECT id, secret_hash, user_id,
	CASE WHEN row_number() OVER (PARTITION BY user_id, name ORDER BY created_at, id) = 1 THEN name
		ELSE name || ' (' || id || ')' END,
	created_at, current_timestamp + INTERVAL 90 DAY, last_used_at
FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_v6 RENAME TO api_tokens;

-- Column mappings belong to a municipality (scope GMxxxx) or to the installation (scope '*', set by
-- the CLI). Profiles of before this release were global: they become the installation's.
CREATE TABLE mapping_profiles_v6 (
	scope VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	mapping JSON NOT NULL,
	updated_by VARCHAR,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (scope, name)
);
INSERT INTO mapping_profiles_v6 (scope, name, mapping, updated_by, updated_at)
SELECT '*', name, mapping, 'cli', updated_at FROM mapping_profiles;
DROP TABLE mapping_profiles;
ALTER TABLE mapping_profiles_v6 RENAME TO mapping_profiles;

-- The public keys (Ed25519, base64 of the raw 32 bytes) that national packages of a municipality
-- must be signed with; the installation's own key pair lives outside the database (PACKAGE_KEY_PATH).
CREATE TABLE package_keys (
	gemeente VARCHAR PRIMARY KEY,
	public_key VARCHAR NOT NULL,
	registered_by VARCHAR NOT NULL,
	registered_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- "New since your last visit" comes from the sign-in before this session's, so opening a page writes
-- nothing: the visits a GET used to record go.
ALTER TABLE sessions ADD COLUMN previous_login_at TIMESTAMP;
DROP TABLE signal_visits;
`
	},
	{
		version: 7,
		name: 'decisions and time',
		sql: `
-- Version 1.1 of the case export: who decided under which mandate and rule, the steps of the ladder
-- with their dates, the questions to partners with their answers, and the avoided-cost posts.
-- instrumenten is a bitmask over data/vocabulary/instrumenten.csv like the other list fields; the
-- timelines are lists of structs in time order. case_versions gets the same columns in the same order,
-- so that a version is still the import, the removed flag and every column of cases.
-- A list column is added empty, filled and then given its default: DuckDB 1.5 fails an internal assertion
-- on ADD COLUMN with a list DEFAULT over a table of more than one row group (about 123,000 rows). The
-- columns, values and defaults are those of ADD COLUMN ... DEFAULT [], which this migration first said.
ALTER TABLE cases ADD COLUMN besluit_door VARCHAR;
ALTER TABLE cases ADD COLUMN binnen_kaders BOOLEAN;
ALTER TABLE cases ADD COLUMN instrumenten UBIGINT DEFAULT 0;
ALTER TABLE cases ADD COLUMN vier_ogen BOOLEAN;
ALTER TABLE cases ADD COLUMN stappen STRUCT(stap VARCHAR, op DATE)[];
ALTER TABLE cases ADD COLUMN reacties STRUCT(organisatie VARCHAR, gevraagd DATE, beantwoord DATE)[];
ALTER TABLE cases ADD COLUMN vermeden_posten STRUCT(post VARCHAR, aantal INTEGER)[];
ALTER TABLE cases ADD COLUMN kwijtgescholden DECIMAL(18, 2);
UPDATE cases SET stappen = [], reacties = [], vermeden_posten = [];
ALTER TABLE cases ALTER COLUMN stappen SET DEFAULT [];
ALTER TABLE cases ALTER COLUMN reacties SET DEFAULT [];
ALTER TABLE cases ALTER COLUMN vermeden_posten SET DEFAULT [];
ALTER TABLE case_versions ADD COLUMN besluit_door VARCHAR;
ALTER TABLE case_versions ADD COLUMN binnen_kaders BOOLEAN;
ALTER TABLE case_versions ADD COLUMN instrumenten UBIGINT DEFAULT 0;
ALTER TABLE case_versions ADD COLUMN vier_ogen BOOLEAN;
ALTER TABLE case_versions ADD COLUMN stappen STRUCT(stap VARCHAR, op DATE)[];
ALTER TABLE case_versions ADD COLUMN reacties STRUCT(organisatie VARCHAR, gevraagd DATE, beantwoord DATE)[];
ALTER TABLE case_versions ADD COLUMN vermeden_posten STRUCT(post VARCHAR, aantal INTEGER)[];
ALTER TABLE case_versions ADD COLUMN kwijtgescholden DECIMAL(18, 2);
UPDATE case_versions SET stappen = [], reacties = [], vermeden_posten = [];
ALTER TABLE case_versions ALTER COLUMN stappen SET DEFAULT [];
ALTER TABLE case_versions ALTER COLUMN reacties SET DEFAULT [];
ALTER TABLE case_versions ALTER COLUMN vermeden_posten SET DEFAULT [];

-- The Maatwerkregister: a municipality's contacts at partner organisations (staff, not clients), what
-- each may decide and the answer time it promised in working days. Readable by the kwaliteitsteam and
-- the beheerder of that municipality only.
CREATE SEQUENCE contact_id_seq;
CREATE TABLE contacts (
	id BIGINT PRIMARY KEY DEFAULT nextval('contact_id_seq'),
	gemeente VARCHAR NOT NULL,
	organisatie VARCHAR NOT NULL,
	functie VARCHAR NOT NULL,
	contact VARCHAR NOT NULL,
	mandaat VARCHAR,
	antwoordtermijn INTEGER NOT NULL DEFAULT 2,
	updated_by VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The next case id. An import numbers its new cases from it by their row in the file (a sequence would
-- cost a call per row); ids are never reused, not even after undoing an import.
CREATE TABLE counters (name VARCHAR PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters VALUES ('case_id', nextval('case_id_seq'));

-- A kwestie is a recurring problem (knelpunt) or a recurring solution that asks for a standing mandate
-- or beleidsregel (structurele_oplossing); the latter's key is 'oplossing:' + the folded label.
ALTER TABLE kwesties ADD COLUMN kind VARCHAR DEFAULT 'knelpunt';
`
	},
	{
		version: 8,
		name: 'avoided-cost table',
		sql: `
-- A municipality's table of avoided-cost posts: what one unit of a post in vermeden_posten (version 1.1)
-- is worth, low and high, with the unit it is counted in. The post is kept as the import folds it.
CREATE TABLE cost_posts (
	gemeente VARCHAR NOT NULL,
	post VARCHAR NOT NULL,
	unit VARCHAR,
	low DECIMAL(18, 2) NOT NULL,
	high DECIMAL(18, 2) NOT NULL,
	updated_by VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (gemeente, post)
);
`
	},
	{
		version: 9,
		name: 'fund ledger',
		sql: `
-- Where a post's amounts come from (a study, the municipality's own figures; in the demo: illustrative).
ALTER TABLE cost_posts ADD COLUMN bron VARCHAR;

-- Money paid into a fund beside its budget, one row per payment as in a ledger: by a partner (overheveling)
-- or by the municipality itself (a top-up). The payer is an organisation code, as in baten_bij.
CREATE SEQUENCE contribution_id_seq;
CREATE TABLE fund_contributions (
	id BIGINT PRIMARY KEY DEFAULT nextval('contribution_id_seq'),
	gemeente VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	name_key VARCHAR NOT NULL,
	year INTEGER NOT NULL,
	organisatie VARCHAR NOT NULL,
	amount DECIMAL(18, 2) NOT NULL,
	created_by VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- A fund's rules: the most one case may cost from it, and the decision level (besluitniveaus) that must
-- approve a case above it. Cases past the limit are listed, never refused: the export records what happened.
CREATE TABLE fund_rules (
	gemeente VARCHAR NOT NULL,
	name_key VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	max_per_case DECIMAL(18, 2),
	approval VARCHAR,
	updated_by VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (gemeente, name_key)
);
`
	},
	{
		version: 10,
		name: 'national agenda',
		sql: `
-- The national agenda: the status the national programme gives a kwestie of the national signal list
-- (ontvangen, agenda_let, agenda_ministerie, maatregel), one row per change, so that a kwestie page can show
-- the whole trail. The kwestie is its folded label, as the national signal list groups labels. The column bron says
-- where the row was set: on this installation ('hier') or read in from a national portal's signed agenda file
-- ('bestand'), whose key is registered in agenda_keys.
CREATE SEQUENCE agenda_id_seq;
CREATE TABLE national_agenda (
	id BIGINT PRIMARY KEY DEFAULT nextval('agenda_id_seq'),
	kwestie_key VARCHAR NOT NULL,
	label VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	toelichting VARCHAR,
	set_by VARCHAR NOT NULL,
	set_at TIMESTAMP NOT NULL,
	bron VARCHAR NOT NULL DEFAULT 'hier'
);

-- The public keys of the national portals whose agenda files this installation reads in.
CREATE TABLE agenda_keys (
	public_key VARCHAR PRIMARY KEY,
	naam VARCHAR NOT NULL,
	registered_by VARCHAR NOT NULL,
	registered_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
`
	},
	{
		version: 11,
		name: 'pilot capacity',
		sql: `
-- The capacity a municipality puts into its escalation route per quarter, for the pilot evaluation's cost
-- per case: a function (OMO-functionaris, coach, tafellid) in hours or FTE, at an hourly rate.
CREATE TABLE pilot_capacity (
	gemeente VARCHAR NOT NULL,
	kwartaal VARCHAR NOT NULL,
	functie VARCHAR NOT NULL,
	eenheid VARCHAR NOT NULL,
	hoeveelheid DECIMAL(12, 2) NOT NULL,
	uurtarief DECIMAL(18, 2) NOT NULL,
	updated_by VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (gemeente, kwartaal, functie)
);
`
	},
	{
		version: 12,
		name: 'single sign-on',
		sql: `
-- Single sign-on (OpenID Connect): the identity provider's issuer and subject of a user created at its first
-- sign-in there, or of a local account a beheerder linked to it. NULL: a local account only.
ALTER TABLE users ADD COLUMN oidc_issuer VARCHAR;
ALTER TABLE users ADD COLUMN oidc_subject VARCHAR;
-- A session started through the identity provider ends at ends_at_ms at the latest (OIDC_SESSION_HOURS), and
-- keeps the ID token as the hint for logging out at the provider. NULL for a session of a local login.
ALTER TABLE sessions ADD COLUMN ends_at_ms BIGINT;
ALTER TABLE sessions ADD COLUMN id_token VARCHAR;

-- Which groups of the identity provider give which role and reach; checked against the beheerder who saves
-- one by the granting rules. all_gemeenten: reach alle; otherwise the CBS codes in gemeenten.
CREATE SEQUENCE sso_mapping_id_seq;
CREATE TABLE sso_mappings (
	id BIGINT PRIMARY KEY DEFAULT nextval('sso_mapping_id_seq'),
	group_name VARCHAR NOT NULL UNIQUE,
	role VARCHAR NOT NULL,
	all_gemeenten BOOLEAN NOT NULL DEFAULT false,
	gemeenten VARCHAR[] NOT NULL DEFAULT [],
	created_by VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The values of the ID token's acr claim that count as more than one factor at the identity provider
-- (one row per value), beside amr, so that the portal does not ask its own second factor.
CREATE TABLE sso_mfa_acr (
	acr VARCHAR PRIMARY KEY,
	set_by VARCHAR NOT NULL,
	set_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- A sign-in through the identity provider refused because a local account has its e-mail address: kept so
-- that a beheerder can link the two (one request per local account; the latest wins).
CREATE TABLE sso_link_requests (
	user_id BIGINT PRIMARY KEY,
	oidc_issuer VARCHAR NOT NULL,
	oidc_subject VARCHAR NOT NULL,
	requested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
`
	},
	{
		version: 13,
		name: 'saved views',
		sql: `
-- A choice of the Verkennen page a user saved under a name, to open again from its home. query holds the
-- choice and filters as the portal re-serialised them after parsing (maat=…&dimensie=…&from=…), never the
-- address as it was typed. Names are unique per user.
CREATE SEQUENCE saved_view_id_seq;
CREATE TABLE saved_views (
	id BIGINT PRIMARY KEY DEFAULT nextval('saved_view_id_seq'),
	user_id BIGINT NOT NULL,
	name VARCHAR NOT NULL,
	query VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	UNIQUE (user_id, name)
);
`
	}
];
