import { count, eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coachCertificates, coachPhotos } from "../../../../db/schema";
import { type CoachRow, findCoachOfUser } from "../application/coach-record.server";
import { type AvailabilityView, availabilityOf } from "../availability/get-availability.server";
import { type OfferingsView, offeringsOf } from "../offerings/get-offerings.server";

/** Where the caller stands as a coach, without the details of the application: enough to pick what a page shows. */
export interface MyCoachStatus {
	id: string;
	status: CoachRow["status"];
	displayName: string;
}

/** What waits for a reviewer (or came back from one) among the changes of a coach. */
export interface ReviewSummary {
	/** A new display name of an approved coach, not yet public. */
	pendingName: string | null;
	pendingPhotos: number;
	pendingCertificates: number;
	/** The intro video waits for review. */
	pendingVideo: boolean;
	/** Photos, certificates and the video a reviewer did not approve; their notes are on the profile form. */
	rejectedItems: number;
}

/** The coach's own start page: status, what is in review, lessons and hours at a glance. */
export interface CoachDashboard extends MyCoachStatus {
	reviewNote: string | null;
	submittedAt: string | null;
	approvedAt: string | null;
	acceptingBookings: boolean;
	review: ReviewSummary;
	offerings: OfferingsView;
	availability: AvailabilityView;
}

/** The caller's coach record in brief, or null before they start an application. */
export async function getMyCoachStatus(userId: string): Promise<MyCoachStatus | null> {
	const coach = await findCoachOfUser(userId, db());
	return coach ? { id: coach.id, status: coach.status, displayName: coach.displayName } : null;
}

type ReviewCounts = Array<{ status: "pending" | "approved" | "rejected"; total: number }>;

const countOf = (rows: ReviewCounts, status: "pending" | "rejected") => rows.find((row) => row.status === status)?.total ?? 0;

/** Everything the dashboard shows, or null before the caller starts an application. */
export async function getCoachDashboard(userId: string): Promise<CoachDashboard | null> {
	const database = db();
	const coach = await findCoachOfUser(userId, database);
	if (!coach) return null;
	// One after another, like the other reads of the module: a connection runs one query at a time.
	const photos: ReviewCounts = await database
		.select({ status: coachPhotos.status, total: count() })
		.from(coachPhotos)
		.where(eq(coachPhotos.coachId, coach.id))
		.groupBy(coachPhotos.status);
	const certificates: ReviewCounts = await database
		.select({ status: coachCertificates.status, total: count() })
		.from(coachCertificates)
		.where(eq(coachCertificates.coachId, coach.id))
		.groupBy(coachCertificates.status);
	const offerings = await offeringsOf(coach.id, database);
	const availability = await availabilityOf(coach.id, database);
	return {
		id: coach.id,
		status: coach.status,
		displayName: coach.displayName,
		reviewNote: coach.reviewNote,
		submittedAt: coach.submittedAt?.toISOString() ?? null,
		approvedAt: coach.approvedAt?.toISOString() ?? null,
		acceptingBookings: coach.acceptingBookings,
		review: {
			pendingName: coach.pendingDisplayName,
			pendingPhotos: countOf(photos, "pending"),
			pendingCertificates: countOf(certificates, "pending"),
			pendingVideo: Boolean(coach.introVideoFileId) && coach.introVideoStatus === "pending",
			rejectedItems:
				countOf(photos, "rejected") +
				countOf(certificates, "rejected") +
				(coach.introVideoFileId && coach.introVideoStatus === "rejected" ? 1 : 0),
		},
		offerings,
		availability,
	};
}
