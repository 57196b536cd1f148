import { describe, expect, it } from "vitest";
import { trustLevelOf } from "~/modules/community/moderation/trust";
import { rankAnswers, wilsonLowerBound } from "~/modules/community/qa/wilson";

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, minutes));

describe("answers ranking", () => {
	it("ranks by the Wilson lower bound of likes over views, so a surer share beats a lucky one", () => {
		expect(wilsonLowerBound(9, 10)).toBeGreaterThan(wilsonLowerBound(1, 1));
		expect(wilsonLowerBound(0, 0)).toBe(0);
		expect(wilsonLowerBound(5, 3)).toBeLessThanOrEqual(1);
		const ranked = rankAnswers(
			[
				{ id: "lucky", likeCount: 1, views: 1, createdAt: at(1) },
				{ id: "sure", likeCount: 9, views: 10, createdAt: at(2) },
				{ id: "none", likeCount: 0, views: 50, createdAt: at(0) },
			],
			null,
		);
		expect(ranked.map((answer) => answer.id)).toEqual(["sure", "lucky", "none"]);
	});

	it("puts the accepted answer first whatever its likes, and older first on a tie", () => {
		const ranked = rankAnswers(
			[
				{ id: "popular", likeCount: 40, views: 50, createdAt: at(1) },
				{ id: "accepted", likeCount: 0, views: 50, createdAt: at(3) },
				{ id: "tie-late", likeCount: 0, views: 50, createdAt: at(2) },
				{ id: "tie-early", likeCount: 0, views: 50, createdAt: at(0) },
			],
			"accepted",
		);
		expect(ranked.map((answer) => answer.id)).toEqual(["accepted", "popular", "tie-early", "tie-late"]);
	});
});

describe("trust levels", () => {
	const quiet = { daysVisited: 0, postsRead: 0, likesReceived: 0, upheldFlags: 0 };
	it("are earned by days visited, posts read and likes received", () => {
		expect(trustLevelOf(quiet)).toBe(0);
		expect(trustLevelOf({ ...quiet, daysVisited: 2, postsRead: 5 })).toBe(1);
		expect(trustLevelOf({ daysVisited: 10, postsRead: 50, likesReceived: 10, upheldFlags: 0 })).toBe(2);
	});
	it("are lost to upheld flags", () => {
		expect(trustLevelOf({ daysVisited: 10, postsRead: 50, likesReceived: 10, upheldFlags: 1 })).toBe(1);
		expect(trustLevelOf({ daysVisited: 10, postsRead: 50, likesReceived: 10, upheldFlags: 3 })).toBe(0);
	});
});
