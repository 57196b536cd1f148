import { describe, expect, it } from "vitest";
import { readSettings } from "~/lib/config.server";
import { displayNameFromNickname, providersConfiguredIn } from "~/modules/accounts/social/providers.server";

describe("which social sign-in buttons are shown", () => {
	it("shows none without settings, and each provider only with all of its settings", () => {
		expect(providersConfiguredIn(readSettings({}))).toEqual([]);
		expect(providersConfiguredIn(readSettings({ WECHAT_OAUTH_APPID: "wx1" }))).toEqual([]);
		expect(providersConfiguredIn(readSettings({ WECHAT_OAUTH_APPID: "wx1", WECHAT_OAUTH_SECRET: "s" }))).toEqual(["wechat"]);
		expect(providersConfiguredIn(readSettings({ ALIPAY_APP_ID: "2021", ALIPAY_PRIVATE_KEY: "k" }))).toEqual([]);
		expect(
			providersConfiguredIn(
				readSettings({
					WECHAT_OAUTH_APPID: "wx1",
					WECHAT_OAUTH_SECRET: "s",
					ALIPAY_APP_ID: "2021",
					ALIPAY_PRIVATE_KEY: "k",
					ALIPAY_PUBLIC_KEY: "p",
				}),
			),
		).toEqual(["wechat", "alipay"]);
	});
});

describe("provider nicknames as display names", () => {
	it("drops markup and control characters, trims and caps at 40 characters", () => {
		expect(displayNameFromNickname("  <b>台球</b>小王子\u0000 ")).toBe("b台球/b小王子");
		expect(displayNameFromNickname("球".repeat(60))).toHaveLength(40);
		expect(displayNameFromNickname(" <> ")).toBeNull();
		expect(displayNameFromNickname(null)).toBeNull();
	});
});
