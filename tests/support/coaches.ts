import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { suspendUser } from "~/modules/accounts/admin/suspend-user.server";
import { addRoleGrant, createUser } from "~/modules/accounts/users.server";
import { bayesianAverage } from "~/modules/coaches/reviews/rating";
import { coaches, coachOfferings } from "../../db/schema";
import { settleDomainEvents } from "./events";

/** A point `north` and `east` km away from an origin (good to a few metres at these distances). */
export function offset(origin: { latitude: number; longitude: number }, north: number, east: number) {
	return {
		latitude: origin.latitude + north / 111.195,
		longitude: origin.longitude + east / (111.195 * Math.cos((origin.latitude * Math.PI) / 180)),
	};
}

type Offering = {
	courseType: "basic" | "advanced" | "match_simulation" | "sparring" | "casual_play";
	minutes: number;
	priceFen: number;
	online?: boolean;
};

/** Inserts a coach as the review would leave it, with offerings; returns its id. */
export async function insertCoach(input: {
	displayName: string;
	point: { latitude: number; longitude: number };
	/** A suspended coach is reached through its account: see `suspendAccountOfCoach`. */
	status?: "approved" | "pending_review" | "rejected";
	disciplines?: Array<"chinese_8_ball" | "nine_ball" | "snooker">;
	level?: "entry" | "intermediate" | "advanced" | "master";
	gender?: "male" | "female";
	accepting?: boolean;
	approvedAt?: Date;
	rating?: { average: number; count: number };
	offerings: Offering[];
}): Promise<string> {
	const user = await createUser({ displayName: input.displayName });
	const [coach] = await db()
		.insert(coaches)
		.values({
			userId: user.id,
			status: input.status ?? "approved",
			displayName: input.displayName,
			disciplines: input.disciplines ?? ["chinese_8_ball"],
			level: input.level ?? "intermediate",
			gender: input.gender ?? "male",
			acceptingBookings: input.accepting ?? true,
			latitude: input.point.latitude,
			longitude: input.point.longitude,
			serviceRadiusKm: 10,
			cityCode: "shanghai",
			approvedAt: input.approvedAt ?? new Date(),
			realNameVerifiedAt: new Date(),
			ratingAverage: input.rating?.average ?? null,
			ratingCount: input.rating?.count ?? 0,
			// As the reviews module would keep it for these figures, so the 评分最高 sort sees them.
			ratingBayesian: input.rating
				? bayesianAverage(input.rating.count, input.rating.average * input.rating.count, { mean: 4.5, weight: 5 })
				: 0,
		})
		.returning({ id: coaches.id });
	const coachId = (coach as { id: string }).id;
	for (const offering of input.offerings) {
		await db()
			.insert(coachOfferings)
			.values({
				coachId,
				courseType: offering.courseType,
				durationMinutes: offering.minutes,
				priceFen: offering.priceFen,
				online: offering.online ?? false,
			});
	}
	const prices = input.offerings.map((offering) => offering.priceFen);
	await db()
		.update(coaches)
		.set({ priceFromFen: Math.min(...prices), offersOnline: input.offerings.some((offering) => offering.online) })
		.where(eq(coaches.id, coachId));
	return coachId;
}

/** Suspends the account behind a coach as staff would, and lets coaching react to the event. */
export async function suspendAccountOfCoach(coachId: string, reason = "测试暂停"): Promise<void> {
	const [coach] = await db().select({ userId: coaches.userId }).from(coaches).where(eq(coaches.id, coachId));
	if (!coach) throw new Error(`no coach ${coachId}`);
	const admin = await createUser({ displayName: "测试管理员" });
	await addRoleGrant({ userId: admin.id, role: "admin", grantedBy: null });
	await suspendUser({ actor: { id: admin.id, roles: ["admin"] }, userId: coach.userId, reason });
	await settleDomainEvents();
}
