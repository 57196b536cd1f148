import { describe, expect, it } from "vitest";
import { autoCompletesAt, completionChoices, mayDispute, playerMayConfirm } from "~/modules/booking/completion/completion";

const terms = { autoCompleteHours: 24, disputeWindowHours: 72 };
const hour = 3_600_000;
const endsAt = new Date("2026-12-05T07:00:00Z");

describe("when a lesson completes and can be disputed", () => {
	it("completes by itself a day after the finish, or a day after the booked end when never finished", () => {
		const finishedAt = new Date("2026-12-05T06:50:00Z");
		expect(autoCompletesAt({ status: "in_progress", endsAt, finishedAt, completedAt: null }, terms)).toEqual(
			new Date(finishedAt.getTime() + 24 * hour),
		);
		expect(autoCompletesAt({ status: "in_progress", endsAt, finishedAt: null, completedAt: null }, terms)).toEqual(
			new Date(endsAt.getTime() + 24 * hour),
		);
		// A disputed lesson waits for the back office, not for the clock.
		expect(autoCompletesAt({ status: "disputed", endsAt, finishedAt, completedAt: null }, terms)).toBeNull();
	});

	it("lets the player confirm once the coach finished or the lesson's time is over", () => {
		const lesson = { status: "in_progress" as const, endsAt, finishedAt: null, completedAt: null };
		expect(playerMayConfirm(lesson, new Date(endsAt.getTime() - 1))).toBe(false);
		expect(playerMayConfirm(lesson, endsAt)).toBe(true);
		expect(
			playerMayConfirm({ ...lesson, finishedAt: new Date(endsAt.getTime() - hour) }, new Date(endsAt.getTime() - hour)),
		).toBe(true);
	});

	it("keeps the dispute window open until exactly 72 h after completion", () => {
		const completedAt = new Date("2026-12-05T08:00:00Z");
		const lesson = { status: "completed" as const, endsAt, finishedAt: null, completedAt };
		const last = new Date(completedAt.getTime() + 72 * hour);
		expect(mayDispute(lesson, terms, last)).toBe(true);
		expect(mayDispute(lesson, terms, new Date(last.getTime() + 1))).toBe(false);
		expect(mayDispute({ ...lesson, status: "in_progress", completedAt: null }, terms, last)).toBe(true);
		expect(mayDispute({ ...lesson, status: "confirmed", completedAt: null }, terms, last)).toBe(false);
	});

	it("offers the pages exactly that, and no second dispute", () => {
		const view = {
			status: "completed" as const,
			endsAt: endsAt.toISOString(),
			completion: { finishedAt: null, disputeWindowEndsAt: "2026-12-08T08:00:00.000Z", dispute: null },
		};
		expect(completionChoices(view, new Date("2026-12-08T08:00:00.000Z"))).toEqual({ mayConfirm: false, mayDispute: true });
		expect(completionChoices(view, new Date("2026-12-08T08:00:00.001Z"))).toEqual({ mayConfirm: false, mayDispute: false });
		expect(
			completionChoices({ ...view, completion: { ...view.completion, dispute: {} } }, new Date("2026-12-06T00:00:00Z"))
				.mayDispute,
		).toBe(false);
	});
});
