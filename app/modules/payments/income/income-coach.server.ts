import { eq } from "drizzle-orm";
import { data } from "react-router";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/errors";
import { requirePermission } from "~/modules/accounts/guards.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { coaches } from "../../../../db/schema";

/** The caller's own coach record for their income; a signed-in person who is no coach is refused. */
export async function incomeCoachOf(userId: string): Promise<{ coachId: string; displayName: string }> {
	const coach = await findCoachOfUser(userId, db());
	if (!coach) throw forbidden("income.errors.notCoach");
	return { coachId: coach.id, displayName: coach.displayName };
}

/**
 * For the coach's statement pages and downloads: the signed-in coach (a player, or someone
 * without the coach role, is refused with 403) and a period from the address that must read.
 */
export async function requireIncomeCoachPage(request: Request): Promise<{ coachId: string; displayName: string }> {
	const session = await requirePermission(request, "read:income:own");
	const coach = await findCoachOfUser(session.user.id, db());
	if (!coach) throw data({ code: "forbidden" }, { status: 403 });
	return { coachId: coach.id, displayName: coach.displayName };
}

/** A month (YYYY-MM) or year (YYYY) from the address; the current one when left out, 400 when it does not read. */
export function periodFrom(request: Request, kind: "month" | "year"): string {
	const value = new URL(request.url).searchParams.get(kind);
	const current = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, kind === "month" ? 7 : 4);
	if (value === null || value === "") return current;
	const pattern = kind === "month" ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}$/;
	if (!pattern.test(value)) throw data({ code: "validation_failed", messageKey: `income.errors.${kind}` }, { status: 400 });
	return value;
}

/** A CSV download of a statement. */
export function csvResponse(csv: string, filename: string): Response {
	return new Response(csv, {
		headers: {
			"Content-Type": "text/csv; charset=utf-8",
			"Content-Disposition": `attachment; filename="${filename}"`,
			"Cache-Control": "private, no-store",
		},
	});
}

/** A quarter (YYYY-Qn) from the address; the current Shanghai quarter when left out, 400 when it does not read. */
export function quarterFrom(request: Request): string {
	const value = new URL(request.url).searchParams.get("quarter");
	if (value === null || value === "") {
		const now = new Date(Date.now() + 8 * 3_600_000);
		return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
	}
	if (!/^\d{4}-Q[1-4]$/.test(value))
		throw data({ code: "validation_failed", messageKey: "income.errors.quarter" }, { status: 400 });
	return value;
}

/** A coach for the back office's statements, by id; 404 when there is none. */
export async function coachForStatements(coachId: string): Promise<{ coachId: string; displayName: string }> {
	const [coach] = /^[0-9a-f-]{36}$/i.test(coachId)
		? await db().select({ id: coaches.id, displayName: coaches.displayName }).from(coaches).where(eq(coaches.id, coachId))
		: [];
	if (!coach) throw data({ code: "not_found", messageKey: "income.errors.coachNotFound" }, { status: 404 });
	return { coachId: coach.id, displayName: coach.displayName };
}
