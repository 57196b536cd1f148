import { db } from "~/lib/db.server";
import { isAppError } from "~/lib/errors";
import { createUser, findUserByPhone, rolesOf } from "~/modules/accounts/users.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { replyToReview } from "~/modules/coaches/reviews/reply-to-review.server";
import { reportReview } from "~/modules/coaches/reviews/report-review.server";
import type { ReviewTag } from "~/modules/coaches/reviews/tags";
import { writeReview } from "~/modules/coaches/reviews/write-review.server";
import type { ReportInput } from "~/modules/moderation/schema";
import { confirmBooking } from "../answer-booking.server";
import type { Caller } from "../booking-record.server";
import { confirmCompletion } from "../completion/confirm-completion.server";
import { reviewableLesson } from "../completion/reviewable-lesson.server";
import { createBooking } from "../create-booking.server";
import { progressLesson } from "../lesson-progress.server";
import { listFreeTimes } from "../list-free-times.server";
import type { DemoPayer } from "./seed-demo-bookings.server";
import { approveDemoReviewPhotos, uploadDemoReviewPhoto } from "./seed-demo-review-photo.server";

const dayMs = 24 * 3600_000;
const minuteMs = 60_000;

/** Players who wrote the demo reviews (their own accounts, so the demo player's lessons stay theirs). */
const reviewers = [
	{ phone: "+8613700000001", displayName: "周同学" },
	{ phone: "+8613700000002", displayName: "小陈" },
	{ phone: "+8613700000003", displayName: "Kevin" },
	{ phone: "+8613700000004", displayName: "刘女士" },
	{ phone: "+8613700000005", displayName: "阿杰" },
	{ phone: "+8613700000006", displayName: "孙先生" },
];

interface DemoReview {
	overall: number;
	aspects: [number, number, number];
	tags: ReviewTag[];
	text?: string;
	anonymous?: boolean;
	reply?: string;
	/** The reviewed coach reports it to the back office (an open report in the demo queue). */
	reportedByCoach?: ReportInput;
	/** The player adds a photo of the table, which the demo admin approves: a fresh profile shows review photos. */
	photo?: boolean;
}

const good: DemoReview[] = [
	{
		overall: 5,
		aspects: [5, 5, 5],
		tags: ["clear_explanations", "patient"],
		text: "讲解非常清楚，一个小时就把我的出杆问题找出来了，回去练了一周明显稳了。",
		reply: "谢谢认可！记得每天空杆练习十分钟，下次我们练走位。",
	},
	{
		overall: 5,
		aspects: [5, 5, 4],
		tags: ["punctual", "practical_drills"],
		text: "准时到球房，练习安排得很实用，不是光讲理论。",
	},
	{
		overall: 5,
		aspects: [5, 5, 5],
		tags: ["encouraging", "fixes_technique"],
		text: "第一次学台球有点紧张，教练很会鼓励人，架杆手型一点点帮我纠正。",
		anonymous: true,
		reply: "进步很快，继续保持！",
	},
	{ overall: 4, aspects: [5, 4, 4], tags: ["patient", "good_value"], text: "整体不错，性价比高。希望下次能多讲一些防守的思路。" },
	{ overall: 5, aspects: [5, 5, 5], tags: ["clear_explanations", "fixes_technique"], text: "加塞和低杆讲得很透，示范也很标准。" },
	{
		overall: 4,
		aspects: [4, 5, 4],
		tags: ["practical_drills"],
		text: "技术很好，练习强度有点大，适合想提高的球友。",
		anonymous: true,
	},
	{ overall: 5, aspects: [5, 5, 5], tags: ["friendly", "punctual"], text: "态度友好，时间观念强，已经约了第二节。" },
	{ overall: 5, aspects: [5, 5, 5], tags: ["clear_explanations", "practical_drills", "patient"] },
];

const mixed: DemoReview[] = [
	{ overall: 4, aspects: [4, 4, 4], tags: ["good_value"], text: "基本功讲得还可以，价格实惠。" },
	{
		overall: 3,
		aspects: [3, 4, 3],
		tags: ["practical_drills"],
		text: "技术没问题，但中间接了两次电话，有点影响上课节奏。",
		reply: "抱歉影响了您的体验，以后上课会把手机静音，欢迎再来。",
	},
	{ overall: 4, aspects: [4, 4, 5], tags: ["punctual"], text: "很准时，讲解偏快，新手可能需要多问几遍。", anonymous: true },
	{
		overall: 2,
		aspects: [2, 3, 2],
		tags: [],
		text: "迟到了十五分钟，也没有顺延时间，体验一般。",
		reportedByCoach: { reason: "false", target: "review", detail: "那天是学员自己晚到了十五分钟，球房有签到记录。" },
	},
	{ overall: 5, aspects: [5, 5, 4], tags: ["encouraging"], text: "这次状态很好，教练很有耐心。" },
	// Hits the forbidden-word list (an offer to book outside the platform): held for the back office's queue.
	{ overall: 1, aspects: [1, 2, 1], tags: [], text: "教练一般般，想便宜点私下约课的加我微信 qiuyou888" },
];

/** Short five-star reviews of regulars, so the first demo coach has the lessons and rating of a 优选教练. */
const regulars: DemoReview[] = Array.from({ length: 14 }, (_, index) => ({
	overall: 5,
	aspects: [5, 5, index % 4 === 0 ? 4 : 5] as [number, number, number],
	tags: ([["punctual"], ["patient", "practical_drills"], ["clear_explanations"], []] as ReviewTag[][])[index % 4] ?? [],
	text: ["老学员了，每次都有收获。", "回复很快，约课方便。", undefined, "练了三个月，清台率提高了不少。"][index % 4],
}));

/** Which demo coaches carry reviews, and which: many good ones (and regulars'), one perfect one, a mixed record. */
const plans: Array<{ phone: string; reviews: DemoReview[] }> = [
	{ phone: "+8613910000000", reviews: [...good, ...regulars] },
	{ phone: "+8613910000001", reviews: [good[4] as DemoReview] },
	{ phone: "+8613910000002", reviews: mixed },
	{ phone: "+8613910000003", reviews: good.slice(0, 5) },
	{ phone: "+8613910000004", reviews: [...mixed.slice(0, 3), good[6] as DemoReview] },
	{ phone: "+8613910000005", reviews: good.slice(2, 5) },
	// The demo coach (李教练), reviewed by other players; the review praising the drills shows the table they were set on.
	{
		phone: "+8613800000002",
		reviews: good.slice(0, 6).map((review, index) => (index === 1 ? { ...review, photo: true } : review)),
	},
];

/**
 * Believable reviews and replies on a few demo coaches (so 评分最高 means something on a fresh
 * start), written through the real services after real completed lessons booked in the past (one
 * of the demo coach's with a photo the back office approved); and a completed, unreviewed lesson
 * of the demo player (13800000001) with the demo coach (13800000002), finished yesterday, for the
 * review page. Does nothing once the first reviewer account exists.
 */
export async function seedDemoReviews(options: { now?: Date; pay: DemoPayer }): Promise<number> {
	const now = options.now ?? new Date();
	if (await findUserByPhone(reviewers[0]?.phone ?? "")) return 0;
	// The demo admin moderates the demo's review photos; without one, the reviews go without photos.
	const admin = await findUserByPhone("+8613800000005");
	const players: Caller[] = [];
	for (const reviewer of reviewers) {
		const user = await createUser({ displayName: reviewer.displayName, phone: reviewer.phone });
		players.push({ userId: user.id, roles: ["player"] });
	}
	let made = 0;
	for (const [planIndex, plan] of plans.entries()) {
		const coachUser = await findUserByPhone(plan.phone);
		if (!coachUser) continue;
		const coachCaller: Caller = { userId: coachUser.id, roles: (await rolesOf(coachUser.id)).roles };
		for (const [index, demo] of plan.reviews.entries()) {
			const player = players[(planIndex + index) % players.length] as Caller;
			// Spread over the last weeks, a different day for each of a player's lessons.
			// The regulars' lessons go further back (75 to 45 days), between the others.
			const daysBack = index < good.length ? 40 - index * 5 - planIndex * 0.5 : 75 - (index - good.length) * 2.3;
			const after = new Date(now.getTime() - daysBack * dayMs);
			// Coaches answer within minutes to an hour, a little differently each time (reliability times it).
			const answerMinutes = 8 + ((planIndex * 17 + index * 13) % 55);
			const lesson = await completedLesson({
				coachUserId: coachUser.id,
				coachCaller,
				player,
				after,
				answerMinutes,
				pay: options.pay,
			});
			if (!lesson) continue;
			const facts = await reviewableLesson(lesson.bookingId, player.userId);
			const writtenAt = new Date(lesson.completedAt.getTime() + 3 * 3600_000);
			const photoFileIds = demo.photo && admin ? [await uploadDemoReviewPhoto(player.userId)] : [];
			const written = await writeReview({
				lesson: facts,
				now: writtenAt,
				review: {
					overall: demo.overall,
					aspects: { attitude: demo.aspects[0], skill: demo.aspects[1], service: demo.aspects[2] },
					tags: demo.tags,
					text: demo.text,
					anonymous: demo.anonymous ?? false,
					photoFileIds,
				},
			});
			if (photoFileIds.length > 0 && admin) await approveDemoReviewPhotos({ reviewId: written.id, staffId: admin.id });
			if (demo.reportedByCoach) {
				await reportReview({ userId: coachUser.id, reviewId: written.id, ...demo.reportedByCoach });
			}
			if (demo.reply) {
				await replyToReview({
					userId: coachUser.id,
					reviewId: written.id,
					text: demo.reply,
					now: new Date(writtenAt.getTime() + 5 * 3600_000),
				});
			}
			made++;
		}
	}
	// The demo player's own lesson to review: completed yesterday, its review waiting.
	const demoPlayer = await findUserByPhone("+8613800000001");
	const demoCoach = await findUserByPhone("+8613800000002");
	if (demoPlayer && demoCoach) {
		const lesson = await completedLesson({
			coachUserId: demoCoach.id,
			coachCaller: { userId: demoCoach.id, roles: (await rolesOf(demoCoach.id)).roles },
			player: { userId: demoPlayer.id, roles: (await rolesOf(demoPlayer.id)).roles },
			after: new Date(now.getTime() - 2 * dayMs),
			before: new Date(now.getTime() - dayMs),
			pay: options.pay,
		});
		if (lesson) made++;
	}
	return made;
}

/** A lesson at the coach's first free time after `after` (before `before`), paid, given and confirmed completed. */
async function completedLesson(input: {
	coachUserId: string;
	coachCaller: Caller;
	player: Caller;
	after: Date;
	before?: Date;
	answerMinutes?: number;
	pay: DemoPayer;
}): Promise<{ bookingId: string; completedAt: Date } | null> {
	const coach = await findCoachOfUser(input.coachUserId, db());
	const terms = coach ? await getCoachBookingTerms(coach.id) : undefined;
	const offering = terms?.offerings[0];
	const place = terms?.places[0];
	if (!terms?.bookable || !offering || !place) return null;
	const bookedAt = new Date(input.after.getTime() - 2 * dayMs);
	const { slots } = await listFreeTimes({ coachId: terms.coachId, offeringId: offering.id, now: bookedAt, from: input.after });
	const slot = slots.find(
		(candidate) => candidate.startsAt >= input.after && (!input.before || candidate.startsAt < input.before),
	);
	if (!slot) return null;
	try {
		const { booking } = await createBooking({
			caller: input.player,
			now: bookedAt,
			request: {
				coachId: terms.coachId,
				offeringId: offering.id,
				startsAt: slot.startsAt.toISOString(),
				location: { kind: "venue", placeId: place.id },
				paymentPlan: "full",
			},
		});
		await input.pay({ bookingId: booking.id, playerId: input.player.userId, amountFen: booking.priceFen, paidAt: bookedAt });
		await confirmBooking({
			caller: input.coachCaller,
			bookingId: booking.id,
			now: new Date(bookedAt.getTime() + (input.answerMinutes ?? 30) * minuteMs),
		});
		await progressLesson({ caller: input.coachCaller, bookingId: booking.id, step: "start", now: slot.startsAt });
		const end = new Date(slot.startsAt.getTime() + offering.durationMinutes * minuteMs);
		await progressLesson({ caller: input.coachCaller, bookingId: booking.id, step: "finish", now: end });
		const completedAt = new Date(end.getTime() + 20 * minuteMs);
		await confirmCompletion({ caller: input.player, bookingId: booking.id, now: completedAt });
		return { bookingId: booking.id, completedAt };
	} catch (error) {
		// A demo lesson the calendar cannot take (the time was taken meanwhile) is left out, not a failed start.
		if (isAppError(error)) return null;
		throw error;
	}
}
