import { db } from "~/lib/db.server";
import { demoCoachIds } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { refreshCoachStandings } from "../reliability/refresh-reliability.server";

/**
 * The demo seed's step (at every development start): the demo coaches' figures and badges as the
 * daily job would find them after their demo lessons, and no other coach's. Every coach of a large
 * database, one by one (the bench's 100,000), took minutes at each start; the others wait for the
 * daily job, as in production.
 */
export async function refreshDemoCoachStandings(now = new Date()): Promise<number> {
	return refreshCoachStandings(await demoCoachIds(db()), now);
}
