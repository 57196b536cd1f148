import { describe, expect, it } from "vitest";
import { containsPersonalData } from "~/modules/accounts/admin/schema";
import { describeDevice, describePlace } from "~/modules/accounts/device";
import { backOfficePermissions, can, permissionsOf } from "~/modules/accounts/permissions";
import { maskPhone, normalisePhone } from "~/modules/accounts/phone";
import { passwordSchema } from "~/modules/accounts/schema";
import { lockoutSeconds } from "~/modules/accounts/sign-in-with-password.server";

describe("phone numbers", () => {
	it("accepts mainland mobile numbers however they are typed", () => {
		for (const typed of ["13800000001", "138 0000 0001", "+86 138-0000-0001", "008613800000001", "+8613800000001"]) {
			expect(normalisePhone(typed)).toBe("+8613800000001");
		}
	});

	it("refuses numbers that are not mainland mobiles, and accepts other countries in E.164", () => {
		expect(normalisePhone("12345678901")).toBeNull();
		expect(normalisePhone("+8612345678901")).toBeNull();
		expect(normalisePhone("1380000000")).toBeNull();
		expect(normalisePhone("<script>")).toBeNull();
		expect(normalisePhone("+85291234567")).toBe("+85291234567");
		expect(normalisePhone("+14155552671")).toBe("+14155552671");
	});

	it("masks the middle of a number for display", () => {
		expect(maskPhone("+8613800000001")).toBe("138****0001");
	});
});

describe("passwords", () => {
	it("needs eight characters with letters and digits", () => {
		expect(passwordSchema.safeParse("Demo@2026").success).toBe(true);
		expect(passwordSchema.safeParse("short1").success).toBe(false);
		expect(passwordSchema.safeParse("onlyletters").success).toBe(false);
		expect(passwordSchema.safeParse("12345678").success).toBe(false);
	});

	it("makes an account wait longer after each failure beyond five, up to an hour", () => {
		expect([1, 4, 5, 6, 7, 20].map(lockoutSeconds)).toEqual([0, 0, 30, 60, 120, 3600]);
	});
});

describe("permissions", () => {
	it("gives every user the player's permissions and staff the back office", () => {
		expect(can(["player"], "create:booking:own")).toBe(true);
		expect(can(["player"], "access:admin")).toBe(false);
		expect(can(["player", "support"], "suspend:user:any")).toBe(true);
		expect(can(["player", "support"], "grant:role:any")).toBe(false);
		expect(can(["player", "admin"], "grant:role:any")).toBe(true);
		expect(permissionsOf(["player", "coach"]).has("update:coach-profile:own")).toBe(true);
	});

	it("asks a second factor of every back-office permission, and of nothing a player, coach or venue does", () => {
		for (const permission of [
			"access:admin",
			"read:user:any",
			"grant:role:any",
			"read:booking:any",
			"cancel:booking:any",
		] as const) {
			expect(backOfficePermissions.has(permission), permission).toBe(true);
		}
		for (const permission of permissionsOf(["player", "coach", "venue_owner", "venue_front_desk"])) {
			expect(backOfficePermissions.has(permission), permission).toBe(false);
		}
	});
});

describe("devices and places", () => {
	it("names browsers and systems from the user agent", () => {
		expect(describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Safari/604.1")).toBe(
			"Safari · iOS",
		);
		expect(describeDevice("Mozilla/5.0 (Linux; Android 14) Chrome/142.0 Mobile MicroMessenger/8.0")).toBe("微信 · Android");
		expect(describeDevice(null)).toBe("");
	});

	it("shows networks, never a whole public address", () => {
		expect(describePlace("127.0.0.1")).toBe("local");
		expect(describePlace("192.168.1.20")).toBe("private");
		expect(describePlace("203.0.113.45")).toBe("203.0.113.*");
	});
});

describe("personal data in back-office reasons and audit details", () => {
	it("finds a mobile number written any usual way, and an email address", () => {
		expect(containsPersonalData("请拨打13812345678联系")).toBe(true);
		expect(containsPersonalData("call 138 1234 5678 please")).toBe(true);
		expect(containsPersonalData("138-1234-5678")).toBe(true);
		expect(containsPersonalData("write to coach@example.com")).toBe(true);
	});

	it("does not take digits inside an identifier for a phone number", () => {
		// The old pattern matched "1391-2345-6789" inside this id and refused an audit entry at random.
		expect(containsPersonalData("a1b2c3d4-1391-2345-6789-0123456789ab")).toBe(false);
		expect(containsPersonalData("照片不清晰，请重新上传")).toBe(false);
	});
});
