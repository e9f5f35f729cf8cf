/** A case as lists show it to roles with case-level reach: pseudonymous, no personal data. */

export interface CaseSummary {
	id: number;
	casus_id: string;
	gemeente: string;
	aangemeld_op: string;
	afgerond_op: string | null;
	status: string;
	kwestie: string | null;
	samenvatting: string | null;
}
