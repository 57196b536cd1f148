import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { verifyLedger } from "../../../app/modules/payments/ledger/verify-ledger.server";
import * as schema from "../../../db/schema";
import { defineScenario } from "../harness";
import { benchDatabaseUrl } from "./_booking";

const JOURNALS = 500_000;
// Escrow is checked per booking: this many distinct bookings share the journals, as in a busy year.
const BOOKINGS = 100_000;

/**
 * `verifyLedger` (what `npm run ledger:verify` runs) over one million entries: 500,000 balanced
 * journals (a provider's clearing debited, a booking's escrow credited) are written with set-based
 * SQL in one transaction, verified inside it, then rolled back. The ledger is append-only (a
 * trigger refuses deletes), so rolling back is the only way not to leave a million entries behind.
 */
export default defineScenario({
	kind: "timing",
	name: "ledger-verify",
	description: `verifyLedger over ${JOURNALS * 2} entries (${JOURNALS} journals), written in a transaction that is rolled back`,
	order: 80,
	budget: { medianUnderMs: 5000 },
	async setup(_baseUrl, ctx) {
		const client = new pg.Client({ connectionString: benchDatabaseUrl(ctx) });
		await client.connect();
		ctx.onCleanup(async () => {
			await client.query("rollback");
			await client.end();
		});
		const started = Date.now();
		await client.query("begin");
		await client.query(
			`create temp table bench_journals on commit drop as
			select gen_random_uuid() as id, g, 100 + (g::bigint * 7919) % 50000 as fen from generate_series(1, $1::int) g`,
			[JOURNALS],
		);
		await client.query(
			`insert into ledger_journals (id, idempotency_key, kind, memo)
			select id, 'bench-ledger:' || g, 'bench_volume', 'ledger-verify bench (rolled back)' from bench_journals`,
		);
		await client.query(
			`insert into ledger_entries (journal_id, account, account_ref, amount_fen)
			select id, 'provider_clearing', 'alipay', fen from bench_journals
			union all
			select id, 'booking_escrow', 'bench-booking-' || (g % $1::int), -fen from bench_journals`,
			[BOOKINGS],
		);
		// The planner should see the million rows, as it would once autovacuum has analysed them.
		await client.query("analyze ledger_journals, ledger_entries");
		ctx.log(`${JOURNALS} journals, ${JOURNALS * 2} entries written in ${Date.now() - started} ms`);
		const database = drizzle(client, { schema });
		let last: Awaited<ReturnType<typeof verifyLedger>> | undefined;
		return {
			iterations: 3,
			run: async () => {
				last = await verifyLedger(database);
			},
			outcome: () =>
				last
					? `${last.journals} journals, ${last.entries} entries, ${last.breaks.length} breaks` +
						(last.breaks.length ? ` (${last.breaks[0]?.check}: ${last.breaks[0]?.detail})` : "")
					: "not run",
		};
	},
});
