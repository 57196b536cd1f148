import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "./demo-accounts";
import { seedDemoCoaches } from "./demo-coaches";

/**
 * Demo data for `APP_ENV=development`, loaded on every start and idempotent: each seeder adds only
 * what is missing and returns how many records it added. Never run in production.
 */
export async function seedDemoData(): Promise<number> {
	if (process.env.APP_ENV === "production") throw new Error("demo data is never loaded in production");
	return db().transaction(async (tx) => (await seedDemoAccounts(tx)) + (await seedDemoCoaches(tx)));
}
