import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { refreshDemoCoachStandings } from "~/modules/booking/demo/refresh-demo-standings.server";
import { seedDemoBookings } from "~/modules/booking/demo/seed-demo-bookings.server";
import { seedDemoReviews } from "~/modules/booking/demo/seed-demo-reviews.server";
import { seedDemoCoaches } from "~/modules/coaches/demo/seed-demo-coaches.server";
import { seedDemoReviewHistory } from "~/modules/coaches/demo/seed-demo-review-history.server";
import { seedDemoCommunityPosts } from "~/modules/community/demo/seed-demo-posts.server";
import { seedDemoSocial } from "~/modules/community/demo/seed-demo-social.server";
import { seedDemoLearning } from "~/modules/learning/demo/seed-demo-learning.server";
import { payDemoBooking } from "~/modules/payments/demo/pay-demo-booking.server";
import { seedDemoPayoutAccount } from "~/modules/payments/demo/seed-demo-payout-account.server";
import { settleDemoIncome } from "~/modules/payments/demo/settle-demo-income.server";
import { isProduction } from "../lib/config.server";
import { db } from "../lib/db.server";

/**
 * Demo data for `APP_ENV=development`, loaded on every start and idempotent. Each module seeds its
 * own demo rows through its own services (`app/modules/<domain>/demo/`); this entry point only calls
 * them in dependency order, in one transaction, and returns how many records they added.
 */
export async function seedDemoData(): Promise<number> {
	if (isProduction()) throw new Error("demo data is never loaded in production");
	const added = await db().transaction(
		async (tx) => (await seedDemoAccounts(tx)) + (await seedDemoCoaches(tx)) + (await seedDemoPayoutAccount(tx)),
	);
	// The back office's review of the demo coach's certificate, through the reviewer's services: an audit log to read.
	const reviewsDone = await seedDemoReviewHistory();
	// Bookings go through the booking services, each committing its own transaction, so they come
	// after the accounts and coaches they need have committed; they are paid in the payments sandbox.
	const bookingsAdded =
		(await seedDemoBookings({ pay: payDemoBooking })) +
		// Reviews follow completed lessons, so they come after the bookings (and are paid the same way).
		(await seedDemoReviews({ pay: payDemoBooking }));
	// The completed demo lessons settle, and what is past its dispute window is released: income to withdraw.
	await settleDemoIncome();
	// Reliability and the 优选教练 badge as the daily job would find them after those lessons, for the
	// demo coaches only: every coach of a large database (the bench's 100,000) took minutes at each start.
	await refreshDemoCoachStandings();
	// The demo coach's record of the demo player's completed lesson, and the player's practice.
	const learningAdded = await seedDemoLearning();
	// Partners open to sparring near the demo player, follows, and one accepted invitation with its chat.
	const socialAdded = await seedDemoSocial();
	// Posts, comments, likes and an answered question on the boards, written by those same demo users.
	const postsAdded = await seedDemoCommunityPosts();
	return added + reviewsDone + bookingsAdded + learningAdded + socialAdded + postsAdded;
}
