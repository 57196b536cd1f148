import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import { db, type Transaction } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createBooking } from "~/modules/booking/create-booking.server";
import { getCoachBookingTerms } from "~/modules/coaches/booking-terms.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { payDemoBooking } from "~/modules/payments/demo/pay-demo-booking.server";
import { monthlyIncome, monthOf, periodBounds } from "~/modules/payments/income/movements.server";
import { releaseDueSettlements } from "~/modules/payments/income/release-settlement.server";
import { quarterBounds } from "~/modules/payments/income/statements.server";
import { entries } from "~/modules/payments/ledger/accounts";
import { accountBalance, postJournal } from "~/modules/payments/ledger/post-journal.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { bookings, coachPlaces, ledgerEntries, ledgerJournals, refunds } from "../../db/schema";
import { apiCall } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { settleDomainEvents } from "../support/events";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Settlement of a coach's income, as the coach and the back office meet it: a lesson the player
 * confirmed settles to the coach's pending income less the commission (15 %, the remainder to
 * the platform), tips in full; the release job (called with a later `now` instead of waiting three
 * days) makes it available; a dispute freezes it until staff decide. The books balance after each.
 */
let app: TestApp;
let staffToken = "";
const hourMs = 3_600_000;
const halfHour = 30 * 60_000;
let lessons = 0;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	staffToken = (await signInStaff(app.url, "13800000005")).token;
});
afterAll(async () => {
	await app.close();
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const call = (method: string, path: string, token: string | null, body?: unknown) => apiCall(app, method, path, token, body);

/**
 * A lesson of its own coach at `priceFen`, paid in full through the payment path (sandbox, ledger
 * posted), confirmed, started at the next half hour and finished by the coach, then confirmed by
 * the player over the API; the completion's event delivered to payments.
 */
async function completedLesson(priceFen = 20_000, options: { venueId?: string } = {}) {
	lessons += 1;
	const coach = await bookableCoach(`收入教练${lessons}`, undefined, { allDay: true });
	// No service links a coach's place to a verified venue yet (the venues module will): set it as that would.
	if (options.venueId) await db().update(coachPlaces).set({ venueId: options.venueId }).where(eq(coachPlaces.id, coach.placeId));
	await saveOfferings({
		userId: coach.userId,
		update: {
			offerings: [{ courseType: "basic", durationMinutes: 60, priceFen, online: false }],
			cancellationPolicy: "moderate",
		},
	});
	const offeringId = (await getCoachBookingTerms(coach.coachId))?.offerings[0]?.id as string;
	const player = await signedInUser(`收入学员${lessons}`);
	const bookedAt = new Date(Date.now() - 3 * hourMs);
	const made = await createBooking({
		caller: { userId: player.userId, roles: ["player"] },
		now: bookedAt,
		request: {
			coachId: coach.coachId,
			offeringId,
			startsAt: new Date(Math.ceil(Date.now() / halfHour) * halfHour).toISOString(),
			location: { kind: "venue", placeId: coach.placeId },
			paymentPlan: "full",
		},
	});
	const id = made.booking.id;
	expect(made.booking.priceFen).toBe(priceFen);
	await payDemoBooking({
		bookingId: id,
		playerId: player.userId,
		amountFen: priceFen,
		paidAt: new Date(bookedAt.getTime() + 60_000),
	});
	expect((await call("POST", `/bookings/${id}/confirm`, coach.token)).status).toBe(200);
	expect((await call("POST", `/bookings/${id}/start`, coach.token)).status).toBe(200);
	expect((await call("POST", `/bookings/${id}/complete`, coach.token)).status).toBe(200);
	const confirmed = await call("POST", `/bookings/${id}/confirm-completion`, player.token);
	expect(confirmed.status).toBe(200);
	await settleDomainEvents();
	return { id, coach, player, priceFen, completedAt: new Date(confirmed.body.booking.completion.completedAt) };
}

/** Runs `body` with a setting changed as a deployment would (the environment, read again), then puts it back. */
async function withSetting(name: string, value: string, body: () => Promise<void>) {
	const before = process.env[name];
	process.env[name] = value;
	rereadSettings();
	try {
		await body();
	} finally {
		if (before === undefined) delete process.env[name];
		else process.env[name] = before;
		rereadSettings();
	}
}

const incomeOf = async (token: string) => {
	const answer = await call("GET", "/coach/income", token);
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	return answer.body;
};
const movementsOf = async (token: string, query = "") => {
	const answer = await call("GET", `/coach/income/movements${query}`, token);
	expect(answer.status, JSON.stringify(answer.body)).toBe(200);
	return answer.body.movements as Array<{ kind: string; state: string; amountFen: number; bookingId: string | null }>;
};
const journalLines = async (key: string) =>
	db()
		.select({ account: ledgerEntries.account, ref: ledgerEntries.accountRef, amountFen: ledgerEntries.amountFen })
		.from(ledgerEntries)
		.innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerEntries.journalId))
		.where(eq(ledgerJournals.idempotencyKey, key))
		.orderBy(ledgerEntries.account);
const escrowOf = (bookingId: string) => db().transaction((tx) => accountBalance(tx, "booking_escrow", bookingId));
const after = (from: Date, hours: number) => new Date(from.getTime() + hours * hourMs);

async function tip(lesson: { id: string; player: { token: string } }, amountFen: number) {
	const started = await call("POST", `/bookings/${lesson.id}/tips`, lesson.player.token, { amountFen, method: "sandbox" });
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	const paid = await call("POST", `/payments/${started.body.paymentId}/sandbox`, lesson.player.token, { outcome: "success" });
	expect(paid.status).toBe(200);
	return started.body.paymentId as string;
}

describe("settlement at completion", () => {
	// ¥1 is the smallest price a coach may ask: 15 fen commission, exactly. ¥1.01 and ¥200.01
	// leave a remainder (85.85 fen, 17,000.85 fen for the coach): the coach's share is rounded down,
	// the fraction is the platform's, so the parts always add up to what the player paid.
	it.each([
		{ priceFen: 100, coachFen: 85, platformFen: 15 },
		{ priceFen: 101, coachFen: 85, platformFen: 16 },
		{ priceFen: 20_001, coachFen: 17_000, platformFen: 3_001 },
	])("a lesson of $priceFen fen: $coachFen to the coach's pending income, $platformFen to the platform", async (amounts) => {
		const lesson = await completedLesson(amounts.priceFen);
		expect(await journalLines(`settlement:${lesson.id}`)).toEqual([
			{ account: "booking_escrow", ref: lesson.id, amountFen: amounts.priceFen },
			{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: -amounts.coachFen },
			{ account: "platform_commission", ref: "", amountFen: -amounts.platformFen },
		]);
		expect(await escrowOf(lesson.id)).toBe(0);
		expect(await incomeOf(lesson.coach.token)).toEqual({
			availableFen: 0,
			pendingFen: amounts.coachFen,
			inTransitFen: 0,
			withdrawnFen: 0,
			orderIncomeFen: amounts.coachFen,
			tipIncomeFen: 0,
		});
		// Delivering the completion again (a retried delivery) settles nothing twice.
		await settleDomainEvents();
		expect((await incomeOf(lesson.coach.token)).pendingFen).toBe(amounts.coachFen);
	});

	it("a tip paid after completion settles to the coach in full, with no commission", async () => {
		const lesson = await completedLesson(20_000);
		const paymentId = await tip(lesson, 2_000);
		expect(await journalLines(`tip-settlement:${paymentId}`)).toEqual([
			{ account: "booking_escrow", ref: lesson.id, amountFen: 2_000 },
			{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: -2_000 },
		]);
		expect(await escrowOf(lesson.id)).toBe(0);
		expect(await incomeOf(lesson.coach.token)).toMatchObject({
			pendingFen: 17_000 + 2_000,
			orderIncomeFen: 17_000,
			tipIncomeFen: 2_000,
		});
		const movements = await movementsOf(lesson.coach.token);
		expect(movements.map((movement) => [movement.kind, movement.state, movement.amountFen, movement.bookingId])).toEqual([
			["tip", "pending", 2_000, lesson.id],
			["order", "pending", 17_000, lesson.id],
		]);
		expect(await movementsOf(lesson.coach.token, "?kind=tip")).toHaveLength(1);
	});
});

describe("a lesson at a venue", () => {
	it("owes the venue its share in the settlement, and a decision for the player takes it back to escrow too", async () => {
		const venueId = randomUUID();
		await withSetting("VENUE_SHARE_BPS", "1000", async () => {
			// ¥200.01: 75 % is 15,000.75 fen for the coach (rounded down), 10 % is 2,000.1 for the venue
			// (rounded down), the platform keeps its 15 % and both fractions.
			const lesson = await completedLesson(20_001, { venueId });
			expect(await journalLines(`settlement:${lesson.id}`)).toEqual([
				{ account: "booking_escrow", ref: lesson.id, amountFen: 20_001 },
				{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: -15_000 },
				{ account: "platform_commission", ref: "", amountFen: -3_001 },
				{ account: "venue_payable", ref: venueId, amountFen: -2_000 },
			]);
			expect(await escrowOf(lesson.id)).toBe(0);
			expect((await verifyLedger(db())).breaks).toEqual([]);

			const dispute = { category: "no_lesson", text: "球房当天停业，课没有上成" };
			expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, dispute)).status).toBe(201);
			const decided = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staffToken, {
				decision: "for_player",
				note: "球房停业属实，全额退款",
			});
			expect(decided.status, JSON.stringify(decided.body)).toBe(200);
			await settleDomainEvents();
			expect(await journalLines(`settlement-reversal:${lesson.id}`)).toEqual([
				{ account: "booking_escrow", ref: lesson.id, amountFen: -20_001 },
				{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: 15_000 },
				{ account: "platform_commission", ref: "", amountFen: 3_001 },
				{ account: "venue_payable", ref: venueId, amountFen: 2_000 },
			]);
			const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, lesson.id));
			expect(refund).toMatchObject({ amountFen: 20_001 });
			expect(await escrowOf(lesson.id)).toBe(0);
		});
	});
});

describe("pending until the dispute window has passed", () => {
	it("the release job makes the income available 72 hours after completion, not a moment before", async () => {
		const lesson = await completedLesson(30_000);
		await releaseDueSettlements(after(lesson.completedAt, 71.9));
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 25_500 });

		// The window's last instant still allows a dispute (inclusive), so the money waits past it.
		await releaseDueSettlements(after(lesson.completedAt, 72));
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 25_500 });
		await releaseDueSettlements(new Date(after(lesson.completedAt, 72).getTime() + 1));
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 25_500, pendingFen: 0, orderIncomeFen: 25_500 });
		expect(await journalLines(`release:${lesson.id}`)).toEqual([
			{ account: "coach_payable", ref: lesson.coach.coachId, amountFen: -25_500 },
			{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: 25_500 },
		]);
		expect((await movementsOf(lesson.coach.token))[0]).toMatchObject({ kind: "order", state: "available" });
		// A second run finds nothing left to release.
		await releaseDueSettlements(after(lesson.completedAt, 80));
		expect((await incomeOf(lesson.coach.token)).availableFen).toBe(25_500);
	});

	it("a dispute freezes it past the window; the back office's decision for the coach releases it at once", async () => {
		const lesson = await completedLesson(20_000);
		const dispute = { category: "late_or_short", text: "教练迟到了四十分钟，课只上了二十分钟" };
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, dispute)).status).toBe(201);
		await releaseDueSettlements(after(lesson.completedAt, 100));
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 17_000 });
		expect((await movementsOf(lesson.coach.token))[0]).toMatchObject({ kind: "order", state: "frozen" });

		const decided = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staffToken, {
			decision: "for_coach",
			note: "核实课程按时完成",
		});
		expect(decided.status, JSON.stringify(decided.body)).toBe(200);
		await settleDomainEvents();
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 17_000, pendingFen: 0, orderIncomeFen: 17_000 });
	});

	it("decided for the player: the pending income goes back to escrow and is refunded from it; the coach keeps only the tip", async () => {
		const lesson = await completedLesson(20_000);
		await tip(lesson, 1_000);
		const dispute = { category: "not_as_described", text: "说好的一对一变成了三个人一起上" };
		expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, dispute)).status).toBe(201);
		const decided = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staffToken, {
			decision: "for_player",
			note: "教练承认课程与描述不符，全额退款",
		});
		expect(decided.status, JSON.stringify(decided.body)).toBe(200);
		await settleDomainEvents();

		expect(await journalLines(`settlement-reversal:${lesson.id}`)).toEqual([
			{ account: "booking_escrow", ref: lesson.id, amountFen: -20_000 },
			{ account: "coach_pending", ref: lesson.coach.coachId, amountFen: 17_000 },
			{ account: "platform_commission", ref: "", amountFen: 3_000 },
		]);
		const [refund] = await db()
			.select()
			.from(refunds)
			.where(and(eq(refunds.bookingId, lesson.id)));
		expect(refund).toMatchObject({ amountFen: 20_000 });
		expect(await escrowOf(lesson.id)).toBe(0);
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ pendingFen: 1_000, orderIncomeFen: 0, tipIncomeFen: 1_000 });
		const states = (await movementsOf(lesson.coach.token)).map((movement) => [movement.kind, movement.state]);
		expect(states).toEqual(expect.arrayContaining([["order", "reversed"]]));
		// Nothing of the lesson is released later: the tip alone becomes available.
		await releaseDueSettlements(after(lesson.completedAt, 100));
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 1_000, pendingFen: 0 });
	});
});

describe("released only once no dispute can be opened", () => {
	it("a window raised after settlement holds the income; a dispute inside it decided for the player refunds from escrow", async () => {
		const lesson = await completedLesson(20_000);
		await withSetting("BOOKING_DISPUTE_WINDOW_HOURS", "120", async () => {
			// 100 hours on: past the 72 hours the settlement was made with, inside today's 120.
			await releaseDueSettlements(after(lesson.completedAt, 100));
			expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 17_000 });
			expect((await movementsOf(lesson.coach.token))[0]).toMatchObject({
				kind: "order",
				state: "pending",
				availableAt: after(lesson.completedAt, 120).toISOString(),
			});
			const dispute = { category: "no_lesson", text: "教练根本没有来，球房可以作证" };
			expect((await call("POST", `/bookings/${lesson.id}/disputes`, lesson.player.token, dispute)).status).toBe(201);
			const decided = await call("POST", `/admin/bookings/${lesson.id}/dispute-resolution`, staffToken, {
				decision: "for_player",
				note: "球房确认教练未到场，全额退款",
			});
			expect(decided.status, JSON.stringify(decided.body)).toBe(200);
			await settleDomainEvents();
		});
		const [refund] = await db().select().from(refunds).where(eq(refunds.bookingId, lesson.id));
		expect(refund).toMatchObject({ amountFen: 20_000 });
		expect(await escrowOf(lesson.id)).toBe(0);
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 0, orderIncomeFen: 0 });
	});

	it("a release run while the booking is held (a dispute being opened) leaves its income pending for the next run", async () => {
		const lesson = await completedLesson(20_000);
		await db().transaction(async (tx) => {
			// What openDispute holds while it decides: the booking's row.
			await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, lesson.id)).for("update");
			expect(await releaseDueSettlements(after(lesson.completedAt, 100))).toBe(0);
		});
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 0, pendingFen: 17_000 });
		expect(await releaseDueSettlements(after(lesson.completedAt, 100))).toBe(1);
		expect(await incomeOf(lesson.coach.token)).toMatchObject({ availableFen: 17_000, pendingFen: 0 });
	});
});

describe("ledger:verify on coach balances", () => {
	it("reports a coach whose available, pending or in-transit money went to a debit balance", async () => {
		const coachId = randomUUID();
		const rolledBack = new Error("crafted journals are never kept");
		await expect(
			db().transaction(async (tx) => {
				// Balanced journals (each sums to zero) that still leave the coach owing the platform.
				for (const account of ["coach_payable", "coach_pending", "payouts_in_transit"] as const) {
					await postJournal(tx, {
						idempotencyKey: `crafted-overdraft:${account}:${coachId}`,
						kind: "crafted_overdraft",
						lines: [
							{ account, ref: coachId, amountFen: 500 },
							{ account: "platform_commission", amountFen: -500 },
						],
					});
				}
				expect((await verifyLedger(tx)).breaks).toEqual(
					expect.arrayContaining(
						["coach_payable", "coach_pending", "payouts_in_transit"].map((account) => ({
							check: "coach_balances_not_overdrawn",
							detail: `coach ${coachId} ${account} is overdrawn by 500 fen`,
						})),
					),
				);
				throw rolledBack;
			}),
		).rejects.toBe(rolledBack);
	});
});

describe("monthly totals (chart, yearly statement, quarter's export)", () => {
	const rolledBack = new Error("crafted journals are never kept");
	/** Journals as the payout and cancellation paths post them, in a transaction that is rolled back afterwards. */
	const inRolledBack = (body: (tx: Transaction) => Promise<void>) =>
		expect(
			db().transaction(async (tx) => {
				await body(tx);
				throw rolledBack;
			}),
		).rejects.toBe(rolledBack);
	const now = new Date();
	const thisQuarter = `${monthOf(now).slice(0, 4)}-Q${Math.floor((Number(monthOf(now).slice(5)) - 1) / 3) + 1}`;

	it("count a withdrawal in the quarter it was paid out, not the one it was requested in", async () => {
		const coachId = randomUUID();
		const withdrawalId = randomUUID();
		await inRolledBack(async (tx) => {
			// Requested in the quarter before (an approval or a bank batch can take that long): the
			// reservation journal written as the payouts path writes it, dated then (the ledger takes
			// no updates, so its time is given at insert).
			const { from } = quarterBounds(thisQuarter);
			const [reserved] = await tx
				.insert(ledgerJournals)
				.values({
					idempotencyKey: `withdrawal:${withdrawalId}`,
					kind: "withdrawal_reserved",
					createdAt: new Date(from.getTime() - 3_600_000),
				})
				.returning({ id: ledgerJournals.id });
			await tx.insert(ledgerEntries).values(
				entries(50_000, {
					debit: { account: "coach_payable", ref: coachId },
					credit: { account: "payouts_in_transit", ref: coachId },
				}).map((line) => ({
					journalId: reserved?.id as string,
					account: line.account,
					accountRef: line.ref ?? "",
					amountFen: line.amountFen,
				})),
			);
			await postJournal(tx, {
				idempotencyKey: `withdrawal-paid:${withdrawalId}`,
				kind: "withdrawal_paid",
				lines: entries(50_000, {
					debit: { account: "payouts_in_transit", ref: coachId },
					credit: { account: "provider_clearing", ref: "alipay" },
				}),
			});
			const months = await monthlyIncome({ coachId, ...quarterBounds(thisQuarter) }, tx);
			expect([...months.values()]).toEqual([{ month: monthOf(now), orderFen: 0, tipFen: 0, withdrawnFen: 50_000 }]);
		});
	});

	it("add up every movement of a busy month, past a thousand", async () => {
		const coachId = randomUUID();
		await inRolledBack(async (tx) => {
			for (let booking = 0; booking < 1_001; booking += 1) {
				await postJournal(tx, {
					idempotencyKey: `booking-ended:crafted-${coachId}-${booking}`,
					kind: "cancellation_split",
					lines: entries(100, {
						debit: { account: "booking_escrow", ref: `crafted-${booking}` },
						credit: { account: "coach_payable", ref: coachId },
					}),
				});
			}
			const months = await monthlyIncome({ coachId, ...periodBounds(monthOf(now).slice(0, 4)) }, tx);
			expect(months.get(monthOf(now))).toEqual({ month: monthOf(now), orderFen: 100_100, tipFen: 0, withdrawnFen: 0 });
		});
	});
});

describe("who may read income", () => {
	it("answers only the coach, about their own money; a player is refused, a bad month is explained", async () => {
		const lesson = await completedLesson(10_000);
		const player = await call("GET", "/coach/income", lesson.player.token);
		expect(player.status).toBe(403);
		expect((await call("GET", "/coach/income", null)).status).toBe(401);
		expect((await call("GET", "/coach/income/movements", lesson.player.token)).status).toBe(403);
		const other = await bookableCoach("另一位收入教练");
		expect(await incomeOf(other.token)).toMatchObject({ pendingFen: 0, availableFen: 0, orderIncomeFen: 0 });
		expect(await movementsOf(other.token)).toEqual([]);
		const bad = await call("GET", "/coach/income/movements?month=2026-13", lesson.coach.token);
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields.month).toBe("月份格式应为 YYYY-MM");
		const lastYear = await call("GET", "/coach/income/movements?month=2025-01", lesson.coach.token);
		expect(lastYear.body).toEqual({ month: "2025-01", movements: [] });
	});
});
