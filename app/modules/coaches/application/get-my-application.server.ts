import { db } from "~/lib/db.server";
import { findCoachOfUser } from "./coach-record.server";
import { type ApplicationView, presentApplication } from "./present.server";

/** The caller's own application, or null before they start one. */
export async function getMyApplication(userId: string): Promise<ApplicationView | null> {
	const database = db();
	const coach = await findCoachOfUser(userId, database);
	return coach ? presentApplication(coach, database) : null;
}
