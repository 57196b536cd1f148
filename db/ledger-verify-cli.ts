import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { readSettings } from "../app/lib/config.server";
import { verifyLedger } from "../app/modules/payments/ledger/verify-ledger.server";
import { runningEmbeddedUrl } from "./embedded";

/**
 * `npm run ledger:verify`: checks every invariant of the ledger (each journal balances, escrow is
 * never overdrawn, each succeeded payment is posted once, refunds stay within their payment) and
 * exits 1 on any break, so a deployment pipeline or a cron can alarm on it. It reads DATABASE_URL,
 * or the embedded database `npm start` is running.
 */
const settings = readSettings();
const url = settings.DATABASE_URL ?? runningEmbeddedUrl(settings.DATA_DIR);
if (!url) {
	console.error("No database: set DATABASE_URL, or start the app (npm start) so its embedded database runs.");
	process.exit(2);
}
const pool = new pg.Pool({ connectionString: url, max: 1 });
const started = performance.now();
try {
	const result = await verifyLedger(drizzle(pool));
	const seconds = ((performance.now() - started) / 1000).toFixed(2);
	for (const found of result.breaks) console.error(`BREAK ${found.check}: ${found.detail}`);
	console.log(
		`ledger: ${result.journals} journals, ${result.entries} entries, ${result.breaks.length} breaks, checked in ${seconds} s`,
	);
	process.exitCode = result.breaks.length > 0 ? 1 : 0;
} finally {
	await pool.end();
}
