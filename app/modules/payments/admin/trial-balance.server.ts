import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { type LedgerAccount, ledgerAccounts } from "../ledger/accounts";
import { type LedgerBreak, verifyLedger } from "../ledger/verify-ledger.server";

export interface TrialBalance {
	accounts: Array<{ account: LedgerAccount | string; debitFen: number; creditFen: number; balanceFen: number; refs: number }>;
	/** Every entry of the ledger summed: zero when the books balance. */
	totalFen: number;
	debitFen: number;
	creditFen: number;
	check: { journals: number; entries: number; breaks: LedgerBreak[] };
}

export interface AccountRefs {
	account: LedgerAccount;
	page: number;
	pageSize: number;
	total: number;
	refs: Array<{ ref: string; debitFen: number; creditFen: number; balanceFen: number }>;
}

/**
 * The trial balance: every account kind (also those with no entry yet, so an empty one reads 0
 * rather than missing) with its debits, credits and balance, the whole ledger's sum, and the
 * ledger's own check (verifyLedger) with the breaks it found. Sums are bigint in PostgreSQL and
 * read as text, so a large ledger never passes through a float.
 */
export async function trialBalance(): Promise<TrialBalance> {
	const database = db();
	const result = await database.execute<{ account: string; debit: string; credit: string; balance: string; refs: string }>(sql`
		select account,
			coalesce(sum(amount_fen) filter (where amount_fen > 0), 0)::text as debit,
			coalesce(-sum(amount_fen) filter (where amount_fen < 0), 0)::text as credit,
			sum(amount_fen)::text as balance,
			count(distinct account_ref)::text as refs
		from ledger_entries group by account`);
	const found = new Map(result.rows.map((row) => [row.account, row]));
	const known = new Set<string>(ledgerAccounts);
	const names = [...ledgerAccounts, ...[...found.keys()].filter((name) => !known.has(name)).sort()];
	const accounts = names.map((account) => {
		const row = found.get(account);
		return {
			account,
			debitFen: Number(row?.debit ?? 0),
			creditFen: Number(row?.credit ?? 0),
			balanceFen: Number(row?.balance ?? 0),
			refs: Number(row?.refs ?? 0),
		};
	});
	const check = await verifyLedger(database);
	const debitFen = accounts.reduce((sum, entry) => sum + entry.debitFen, 0);
	const creditFen = accounts.reduce((sum, entry) => sum + entry.creditFen, 0);
	return { accounts, totalFen: debitFen - creditFen, debitFen, creditFen, check };
}

const refsPageSize = 50;

/** One account kind per ref (whose it is: a booking, a coach, a provider), largest balance first, 50 a page. */
export async function accountRefs(account: LedgerAccount, page: number): Promise<AccountRefs> {
	const database = db();
	const result = await database.execute<{ ref: string; debit: string; credit: string; balance: string; total: string }>(sql`
		select account_ref as ref,
			coalesce(sum(amount_fen) filter (where amount_fen > 0), 0)::text as debit,
			coalesce(-sum(amount_fen) filter (where amount_fen < 0), 0)::text as credit,
			sum(amount_fen)::text as balance,
			count(*) over ()::text as total
		from ledger_entries where account = ${account}
		group by account_ref
		order by abs(sum(amount_fen)) desc, account_ref
		limit ${refsPageSize} offset ${(page - 1) * refsPageSize}`);
	return {
		account,
		page,
		pageSize: refsPageSize,
		total: Number(result.rows[0]?.total ?? 0),
		refs: result.rows.map((row) => ({
			ref: row.ref,
			debitFen: Number(row.debit),
			creditFen: Number(row.credit),
			balanceFen: Number(row.balance),
		})),
	};
}
