import { describe, expect, it } from "vitest";
import { normalizeForMatching } from "~/modules/moderation/normalize";

/** What the forbidden-word matcher compares: disguises people use to slip a word past a list fall away. */
describe("normalizeForMatching", () => {
	it.each([
		["加 微 信", "加微信"],
		["加·微·信！", "加微信"],
		["加\u200b微\u200d信", "加微信"],
		["ＳＢ１２３", "sb123"],
		["Ｖx", "vx"],
		["私下，约课 ~", "私下约课"],
	])("reads %j as %j", (text, expected) => {
		expect(normalizeForMatching(text)).toBe(expected);
	});
});
