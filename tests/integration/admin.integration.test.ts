import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { demoPassword, seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { createUser } from "~/modules/accounts/users.server";
import { postJson } from "../support/accounts";
import { apiCall } from "../support/api-client";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
const tokens: Record<"player" | "coach" | "support" | "admin", string> = { player: "", coach: "", support: "", admin: "" };
const ids: Record<"player" | "coach" | "support" | "admin", string> = { player: "", coach: "", support: "", admin: "" };

const api = (path: string) => `${app.url}/api/v1${path}`;

async function signIn(phone: string) {
	const login = await postJson(api("/auth/password-login"), { identifier: phone, password: demoPassword });
	if (login.status !== 200) throw new Error(`sign-in of ${phone} failed: ${login.status} ${JSON.stringify(login.body)}`);
	return login.body as { token: string; user: { id: string } };
}

const call = (method: string, path: string, token?: string, body?: unknown) => apiCall(app, method, path, token ?? null, body);

const auditOf = async (query: string) => (await call("GET", `/admin/audit?${query}`, tokens.admin)).body.entries as any[];
const statusOf = async (userId: string) => (await call("GET", `/admin/users/${userId}`, tokens.admin)).body.user.status;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	for (const [role, phone] of [
		["player", "13800000001"],
		["coach", "13800000002"],
		["support", "13800000004"],
		["admin", "13800000005"],
	] as const) {
		// Staff sign in with their second factor, as the back office requires.
		const session = role === "support" || role === "admin" ? await signInStaff(app.url, phone) : await signIn(phone);
		tokens[role] = session.token;
		ids[role] = session.user.id;
	}
});
afterAll(async () => {
	await app.close();
});

describe("finding users", () => {
	it("finds a user by phone, in any common spelling, through the blind index", async () => {
		for (const q of ["13800000001", "+86 138 0000 0001", "138-0000-0001"]) {
			const found = await call("GET", `/admin/users?q=${encodeURIComponent(q)}`, tokens.support);
			expect(found.status).toBe(200);
			expect(found.body.matchedBy).toBe("phone");
			expect(found.body.users).toHaveLength(1);
			expect(found.body.users[0]).toMatchObject({ id: ids.player, displayName: "王小明", phoneMasked: "138****0001" });
			expect(JSON.stringify(found.body)).not.toContain("13800000001");
		}
		const nobody = await call("GET", "/admin/users?q=13899999999", tokens.support);
		expect(nobody.body).toMatchObject({ matchedBy: "phone", users: [], nextCursor: null });
	});

	it("finds a user by email, case-insensitively", async () => {
		const found = await call("GET", `/admin/users?q=${encodeURIComponent("  Coach@Demo.CuePal.cn ")}`, tokens.support);
		expect(found.body.matchedBy).toBe("email");
		expect(found.body.users.map((user: { id: string }) => user.id)).toEqual([ids.coach]);
		expect(found.body.users[0].emailMasked).toBe("co***@demo.cuepal.cn");
		expect(found.body.users[0].roles).toEqual(["player", "coach"]);
	});

	it("finds users by part of their name, with LIKE wildcards taken literally, 20 a page", async () => {
		const byName = await call("GET", `/admin/users?q=${encodeURIComponent("小")}`, tokens.support);
		expect(byName.body.matchedBy).toBe("name");
		expect(byName.body.users.map((user: { displayName: string }) => user.displayName).sort()).toEqual(["客服小周", "王小明"]);

		for (const wildcard of ["%", "_", "\\", "%'; drop table users; --"]) {
			const literal = await call("GET", `/admin/users?q=${encodeURIComponent(wildcard)}`, tokens.support);
			expect(literal.status).toBe(200);
			expect(literal.body.users).toEqual([]);
		}
		await createUser({ displayName: "100%_真名" });
		const percent = await call("GET", `/admin/users?q=${encodeURIComponent("0%_")}`, tokens.support);
		expect(percent.body.users.map((user: { displayName: string }) => user.displayName)).toEqual(["100%_真名"]);

		for (let index = 0; index < 23; index++) await createUser({ displayName: `翻页球友${index}` });
		const first = await call("GET", `/admin/users?q=${encodeURIComponent("翻页球友")}`, tokens.support);
		expect(first.body.users).toHaveLength(20);
		expect(first.body.nextCursor).toBeTruthy();
		const second = await call(
			"GET",
			`/admin/users?q=${encodeURIComponent("翻页球友")}&cursor=${first.body.nextCursor}`,
			tokens.support,
		);
		expect(second.body.users).toHaveLength(3);
		expect(second.body.nextCursor).toBeNull();
		const all = [...first.body.users, ...second.body.users].map((user: { id: string }) => user.id);
		expect(new Set(all).size).toBe(23);
	});

	it("shows the detail of a user: roles with venues, sessions, recent audit entries", async () => {
		const detail = await call("GET", `/admin/users/${ids.admin}`, tokens.support);
		expect(detail.status).toBe(200);
		expect(detail.body.user).toMatchObject({ id: ids.admin, status: "active", phoneMasked: "138****0005" });
		expect(detail.body.grants.map((grant: { role: string }) => grant.role)).toEqual(["admin"]);
		expect(detail.body.sessionCount).toBeGreaterThanOrEqual(1);
		expect(JSON.stringify(detail.body)).not.toMatch(/13800000005|admin@demo/);
		const missing = await call("GET", "/admin/users/3f1c7c0e-4a3b-4c6f-9a7e-2b1d1e0f9a11", tokens.support);
		expect(missing.status).toBe(404);
	});
});

describe("who may use the back office", () => {
	const calls = () =>
		[
			["GET", "/admin/users?q=13800000001", undefined],
			["GET", `/admin/users/${ids.player}`, undefined],
			["POST", `/admin/users/${ids.coach}/suspend`, { reason: "测试原因" }],
			["POST", `/admin/users/${ids.coach}/reinstate`, { reason: "测试原因" }],
			["POST", `/admin/users/${ids.coach}/roles`, { role: "support" }],
			["DELETE", `/admin/users/${ids.coach}/roles/coach`, undefined],
			["GET", "/admin/audit", undefined],
		] as const;

	it("answers 401 without a token and 403 to a player, on every call", async () => {
		for (const [method, path, body] of calls()) {
			const anonymous = await call(method, path, undefined, body);
			expect(anonymous.status, `${method} ${path}`).toBe(401);
			expect(anonymous.body.error.code).toBe("unauthorized");
			const player = await call(method, path, tokens.player, body);
			expect(player.status, `${method} ${path}`).toBe(403);
			expect(player.body.error.code).toBe("forbidden");
		}
		expect(await statusOf(ids.coach)).toBe("active");
	});

	it("lets support find and suspend but not change roles", async () => {
		expect((await call("POST", `/admin/users/${ids.coach}/roles`, tokens.support, { role: "support" })).status).toBe(403);
		expect((await call("DELETE", `/admin/users/${ids.coach}/roles/coach`, tokens.support)).status).toBe(403);
		const detail = await call("GET", `/admin/users/${ids.coach}`, tokens.admin);
		expect(detail.body.user.roles).toEqual(["player", "coach"]);
	});
});

describe("suspending and reinstating", () => {
	it("suspends a player with a reason: their sessions end at once and sign-in says suspended", async () => {
		const player = await signIn("13800000001");
		expect((await call("GET", "/me", player.token)).status).toBe(200);

		const suspended = await call("POST", `/admin/users/${ids.player}/suspend`, tokens.support, { reason: "多次爽约，暂停使用" });
		expect(suspended.status).toBe(200);
		expect(suspended.body.status).toBe("suspended");
		expect(suspended.body.sessionsEnded).toBeGreaterThanOrEqual(2);

		expect((await call("GET", "/me", player.token)).status).toBe(401);
		expect((await call("GET", "/me", tokens.player)).status).toBe(401);
		const login = await postJson(api("/auth/password-login"), { identifier: "13800000001", password: demoPassword });
		expect(login.status).toBe(403);
		expect(login.body.error.message).toBe("该账号已被暂停使用，如有疑问请联系客服");

		const detail = await call("GET", `/admin/users/${ids.player}`, tokens.support);
		expect(detail.body.user).toMatchObject({ status: "suspended", statusReason: "多次爽约，暂停使用" });
		expect(detail.body.sessionCount).toBe(0);
		expect(detail.body.recentAudit[0]).toMatchObject({ action: "user.suspended", reason: "多次爽约，暂停使用" });

		const twice = await call("POST", `/admin/users/${ids.player}/suspend`, tokens.support, { reason: "再次暂停" });
		expect(twice.status).toBe(409);
	});

	it("reinstates the player, who can sign in again and was told both times", async () => {
		const reinstated = await call("POST", `/admin/users/${ids.player}/reinstate`, tokens.support, { reason: "用户申诉成功" });
		expect(reinstated.status).toBe(200);
		expect(reinstated.body.status).toBe("active");
		const player = await signIn("13800000001");
		tokens.player = player.token;
		expect((await call("GET", "/me", player.token)).status).toBe(200);
		expect((await call("POST", `/admin/users/${ids.player}/reinstate`, tokens.support, { reason: "再次恢复" })).status).toBe(409);

		const notices = await db().execute<{ kind: string; params: Record<string, string> }>(
			`select kind, params from notifications where user_id = '${ids.player}' order by created_at`,
		);
		expect(notices.rows.map((row) => row.kind)).toEqual(expect.arrayContaining(["suspended", "reinstated"]));
		expect(notices.rows.find((row) => row.kind === "suspended")?.params.reason).toBe("多次爽约，暂停使用");
	});

	it("does not let support suspend the admin, or anyone suspend themselves", async () => {
		const supportOnAdmin = await call("POST", `/admin/users/${ids.admin}/suspend`, tokens.support, { reason: "试图暂停管理员" });
		expect(supportOnAdmin.status).toBe(403);
		expect(supportOnAdmin.body.error.message).toContain("客服不能暂停");
		const self = await call("POST", `/admin/users/${ids.admin}/suspend`, tokens.admin, { reason: "暂停自己" });
		expect(self.status).toBe(403);
		expect(self.body.error.message).toBe("不能暂停或恢复自己的账号");
		expect(await statusOf(ids.admin)).toBe("active");
		expect((await call("GET", "/me", tokens.admin)).status).toBe(200);
	});
});

describe("granting and revoking roles", () => {
	const venueId = "8d0f5a52-7c1e-4b7a-9a43-5f4e1c2b3a10";

	it("lets an admin grant and revoke roles, and tells the user in their language", async () => {
		const granted = await call("POST", `/admin/users/${ids.player}/roles`, tokens.admin, {
			role: "coach",
			reason: "通过教练认证",
		});
		expect(granted.status).toBe(201);
		expect(granted.body).toEqual({ role: "coach", venueId: null });
		expect((await call("GET", "/me", tokens.player)).body.roles).toContain("coach");
		expect((await call("POST", `/admin/users/${ids.player}/roles`, tokens.admin, { role: "coach" })).status).toBe(409);

		const venue = await call("POST", `/admin/users/${ids.player}/roles`, tokens.admin, { role: "venue_manager", venueId });
		expect(venue.status).toBe(201);
		const detail = await call("GET", `/admin/users/${ids.player}`, tokens.admin);
		expect(detail.body.grants).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ role: "venue_manager", venueId, grantedBy: { id: ids.admin, displayName: "管理员" } }),
			]),
		);

		expect((await call("DELETE", `/admin/users/${ids.player}/roles/venue_manager?venueId=${venueId}`, tokens.admin)).status).toBe(
			204,
		);
		expect((await call("DELETE", `/admin/users/${ids.player}/roles/coach`, tokens.admin)).status).toBe(204);
		expect((await call("DELETE", `/admin/users/${ids.player}/roles/coach`, tokens.admin)).status).toBe(404);
		expect((await call("GET", "/me", tokens.player)).body.roles).toEqual(["player"]);

		const notices = await db().execute<{ kind: string; params: Record<string, string> }>(
			`select kind, params from notifications where user_id = '${ids.player}' and kind like 'role%' order by created_at`,
		);
		expect(notices.rows.map((row) => [row.kind, row.params.role])).toEqual([
			["roleGranted", "教练"],
			["roleGranted", "球厅经理"],
			["roleRevoked", "球厅经理"],
			["roleRevoked", "教练"],
		]);
	});

	it("does not let an admin revoke their own admin role", async () => {
		const own = await call("DELETE", `/admin/users/${ids.admin}/roles/admin`, tokens.admin);
		expect(own.status).toBe(403);
		expect(own.body.error.message).toContain("不能移除自己的管理员身份");
		expect((await call("GET", "/me", tokens.admin)).body.roles).toContain("admin");
	});
});

describe("the audit log", () => {
	it("records every action with its actor and reason, newest first, filterable", async () => {
		const entries = await auditOf("");
		const actions = entries.map((entry) => entry.action);
		expect(actions).toEqual([
			"role.revoked",
			"role.revoked",
			"role.granted",
			"role.granted",
			"user.reinstated",
			"user.suspended",
		]);
		const suspension = entries.find((entry) => entry.action === "user.suspended");
		expect(suspension).toMatchObject({
			actor: { id: ids.support, displayName: "客服小周" },
			targetType: "user",
			targetId: ids.player,
			targetName: "王小明",
			reason: "多次爽约，暂停使用",
		});
		expect(entries.find((entry) => entry.action === "user.reinstated")).toMatchObject({ reason: "用户申诉成功" });
		expect(entries.at(-3)).toMatchObject({
			action: "role.granted",
			actor: { id: ids.admin, displayName: "管理员" },
			reason: "通过教练认证",
			detail: { role: "coach", venueId: null },
		});

		expect((await auditOf("action=user.suspended")).map((entry) => entry.action)).toEqual(["user.suspended"]);
		expect((await auditOf(`actorId=${ids.support}`)).map((entry) => entry.action)).toEqual(["user.reinstated", "user.suspended"]);
		expect(await auditOf(`targetId=${ids.coach}`)).toEqual([]);
		const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
		expect(await auditOf(`from=${today}&to=${today}`)).toHaveLength(6);
		expect(await auditOf("from=2020-01-01&to=2020-01-31")).toEqual([]);

		const dump = await db().execute<{ row: string }>("select t::text as row from audit_log t");
		const text = dump.rows.map((entry) => entry.row).join("\n");
		for (const personal of ["13800000001", "+8613800000001", "player@demo.cuepal.cn"]) expect(text).not.toContain(personal);
	});

	it("pages through the log with a cursor", async () => {
		for (let index = 0; index < 11; index++) {
			await call("POST", `/admin/users/${ids.coach}/suspend`, tokens.admin, { reason: `第 ${index} 次检查` });
			await call("POST", `/admin/users/${ids.coach}/reinstate`, tokens.admin, { reason: `第 ${index} 次检查` });
		}
		const first = await call("GET", `/admin/audit?targetId=${ids.coach}`, tokens.support);
		expect(first.body.entries).toHaveLength(20);
		const second = await call("GET", `/admin/audit?targetId=${ids.coach}&cursor=${first.body.nextCursor}`, tokens.support);
		expect(second.body.entries).toHaveLength(2);
		expect(second.body.nextCursor).toBeNull();
		expect(second.body.entries.at(-1)).toMatchObject({ action: "user.suspended", reason: "第 0 次检查" });
	});
});

describe("bad input", () => {
	it("answers 400 naming the field, and changes nothing", async () => {
		const before = (await db().execute<{ n: number }>("select count(*)::int as n from audit_log")).rows[0]?.n;
		const cases: Array<[string, string, unknown, string]> = [
			["POST", `/admin/users/${ids.player}/suspend`, { reason: "" }, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, { reason: "   " }, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, {}, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, { reason: "x" }, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, { reason: "长".repeat(501) }, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, { reason: "请回电 13800000001" }, "reason"],
			["POST", `/admin/users/${ids.player}/suspend`, { reason: 42 }, "reason"],
			["POST", "/admin/users/not-a-uuid/suspend", { reason: "正常的原因" }, "userId"],
			["POST", "/admin/users/1' or '1'='1/suspend", { reason: "正常的原因" }, "userId"],
			["POST", `/admin/users/${ids.player}/reinstate`, { reason: "" }, "reason"],
			["POST", `/admin/users/${ids.player}/roles`, { role: "superuser" }, "role"],
			["POST", `/admin/users/${ids.player}/roles`, { role: "admin'; drop table role_grants; --" }, "role"],
			["POST", `/admin/users/${ids.player}/roles`, { role: "venue_owner" }, "venueId"],
			["POST", `/admin/users/${ids.player}/roles`, { role: "venue_owner", venueId: "venue-1" }, "venueId"],
			["POST", `/admin/users/${ids.player}/roles`, { role: "coach", venueId: "8d0f5a52-7c1e-4b7a-9a43-5f4e1c2b3a10" }, "venueId"],
			["DELETE", `/admin/users/${ids.player}/roles/root`, undefined, "role"],
			["DELETE", `/admin/users/${ids.coach}/roles/venue_owner`, undefined, "venueId"],
			["DELETE", `/admin/users/${ids.coach}/roles/venue_owner?venueId=1;select`, undefined, "venueId"],
			["GET", "/admin/users/12345", undefined, "userId"],
			["GET", `/admin/users?q=${"a".repeat(101)}`, undefined, "q"],
			["GET", "/admin/users?q=a&cursor=bm90LWEtY3Vyc29y", undefined, "cursor"],
			["GET", "/admin/audit?action=user.deleted_everything", undefined, "action"],
			["GET", "/admin/audit?actorId=1%20or%201=1", undefined, "actorId"],
			["GET", "/admin/audit?from=2026-13-01", undefined, "from"],
			["GET", "/admin/audit?from=2026-05-02&to=2026-05-01", undefined, "to"],
		];
		for (const [method, path, body, field] of cases) {
			const answer = await call(method, path, tokens.admin, body);
			expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
			expect(answer.body.error.code).toBe("validation_failed");
			expect(Object.keys(answer.body.error.fields), `${method} ${path}`).toContain(field);
		}
		const english = await fetch(api(`/admin/users/${ids.player}/suspend`), {
			method: "POST",
			headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json", "accept-language": "en" },
			body: JSON.stringify({ reason: "" }),
		});
		expect((await english.json()).error.fields.reason).toBe("Enter a reason");

		const after = (await db().execute<{ n: number }>("select count(*)::int as n from audit_log")).rows[0]?.n;
		expect(after).toBe(before);
		expect(await statusOf(ids.player)).toBe("active");
		expect((await call("GET", `/admin/users/${ids.player}`, tokens.admin)).body.user.roles).toEqual(["player"]);
	});

	it("documents every admin operation in the OpenAPI document", async () => {
		const document = await (await fetch(api("/openapi.json"))).json();
		for (const path of [
			"/api/v1/admin/users",
			"/api/v1/admin/users/{userId}",
			"/api/v1/admin/users/{userId}/suspend",
			"/api/v1/admin/users/{userId}/reinstate",
			"/api/v1/admin/users/{userId}/roles",
			"/api/v1/admin/users/{userId}/roles/{role}",
			"/api/v1/admin/audit",
		]) {
			const operations = Object.values(document.paths[path] ?? {}) as Array<{ responses: Record<string, unknown> }>;
			expect(operations.length, path).toBeGreaterThan(0);
			for (const operation of operations)
				expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "401", "403"]));
		}
	});
});
