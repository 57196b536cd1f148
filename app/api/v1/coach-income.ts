import type { Request } from "express";
import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { coachBalances } from "~/modules/payments/income/balances.server";
import { incomeCoachOf } from "~/modules/payments/income/income-coach.server";
import { incomeMovements, monthOf, periodBounds } from "~/modules/payments/income/movements.server";
import { movementFilterSchema } from "~/modules/payments/income/schema";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/** A coach's own income, from the ledger: what is theirs to withdraw, what is pending, and every movement. */
const tag = "coach";
const denied = {
	401: { description: "Not signed in" },
	403: { description: "Not a coach" },
};

const coachOf = async (req: Request) => {
	const session = await requireApiPermission(authHeaders(req), "read:income:own");
	return incomeCoachOf(session.user.id);
};

const fen = z.number().int();
const incomeSchema = z.object({
	availableFen: fen.describe("May be withdrawn now"),
	pendingFen: fen.describe("Settled, inside the dispute window (or frozen by a dispute)"),
	inTransitFen: fen.describe("Withdrawals on their way"),
	withdrawnFen: fen.describe("Paid out so far"),
	orderIncomeFen: fen.describe("Lesson income after the platform's commission"),
	tipIncomeFen: fen.describe("Tips, all the coach's"),
});

const movementSchema = z.object({
	id: z.string(),
	kind: z.enum(["order", "tip", "withdrawal"]),
	state: z.enum(["pending", "frozen", "available", "reversed", "in_transit", "paid", "failed"]),
	amountFen: fen.describe("Signed for the coach: income positive, a withdrawal negative"),
	grossFen: fen,
	commissionFen: fen,
	bookingId: z.string().nullable(),
	occurredAt: z.string(),
	availableAt: z.string().nullable(),
});

export const getCoachIncome = defineEndpoint({
	method: "get",
	path: "/coach/income",
	summary: "My income (fen): available to withdraw, pending in the dispute window, in transit, withdrawn; lesson and tip income",
	tag,
	auth: "bearer",
	responses: { 200: { description: "My balances", schema: incomeSchema }, ...denied },
	handler: async ({ req }) => {
		const { coachId } = await coachOf(req);
		return { body: await coachBalances(coachId) };
	},
});

export const listCoachIncomeMovements = defineEndpoint({
	method: "get",
	path: "/coach/income/movements",
	summary:
		"My money's movements in one Shanghai month (default this one), newest first, optionally one kind: lessons, tips, withdrawals",
	tag,
	auth: "bearer",
	query: movementFilterSchema,
	responses: {
		200: { description: "The month's movements", schema: z.object({ month: z.string(), movements: z.array(movementSchema) }) },
		400: { description: "A month or kind that does not read" },
		...denied,
	},
	handler: async ({ req, query }) => {
		const { coachId } = await coachOf(req);
		const month = query.month ?? monthOf(new Date());
		const movements = await incomeMovements({ coachId, ...periodBounds(month), kind: query.kind });
		return { body: { month, movements } };
	},
});
