import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { createSession } from "~/modules/accounts/sessions.server";
import { createUser } from "~/modules/accounts/users.server";
import { communityMembers } from "../../db/schema";

let phones = 0;

/**
 * A signed-in member with a verified phone (what posting needs). `trust` gives them the activity
 * counters of a member (1) or a trusted member (2): earning them through the services takes days
 * of visits, so the counters are written as the read and like services would have left them.
 */
export async function communityMember(displayName: string, trust: 0 | 1 | 2 = 1, options: { phone?: boolean } = {}) {
	phones += 1;
	// 136 is a prefix no demo account uses (the demo coaches are 139100000xx), so no pid can collide with them.
	const phone = `+86136${String(process.pid % 10_000).padStart(4, "0")}${String(phones).padStart(4, "0")}`;
	const user = await createUser({ displayName, ...(options.phone === false ? {} : { phone }) });
	if (trust > 0) {
		const counters =
			trust === 2
				? { daysVisited: 12, postsRead: 80, likesReceived: 15, upheldFlags: 0 }
				: { daysVisited: 3, postsRead: 10, likesReceived: 0, upheldFlags: 0 };
		await db()
			.insert(communityMembers)
			.values({ userId: user.id, ...counters, lastVisitedOn: sql`current_date` });
	}
	const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "tests" });
	return { userId: user.id, token: session.token };
}
