import { describe, expect, it } from "vitest";
import { type BookedLine, compareBill, lineKeyOf } from "~/modules/payments/reconciliation/compare-bill";

/** Refund lines: reconciliation matches them by the refund's provider number, not the trade's. */
const payment: BookedLine = { kind: "payment", id: "p1", outTradeNo: "CPP1", amountFen: 10_000, succeeded: true };
const refund: BookedLine = {
	kind: "refund",
	id: "r1",
	outTradeNo: "CPP1",
	outRequestNo: "CPR1",
	amountFen: 5_000,
	succeeded: true,
};
const known = (...lines: BookedLine[]) => new Map(lines.map((line) => [lineKeyOf(line), line]));

describe("comparing a bill with our books", () => {
	it("matches a payment and its partial refund of the same day", () => {
		const bill = [
			{ kind: "payment" as const, outTradeNo: "CPP1", amountFen: 10_000 },
			{ kind: "refund" as const, outTradeNo: "CPP1", outRequestNo: "CPR1", amountFen: 5_000 },
		];
		expect(compareBill(bill, [payment, refund], known(payment, refund))).toEqual({ matched: 2, differences: [] });
	});

	it("tells a refund of another amount, a refund not on the bill, and a refund still pending here", () => {
		const second: BookedLine = { ...refund, id: "r2", outRequestNo: "CPR2", amountFen: 1_000 };
		const pending: BookedLine = { ...refund, id: "r3", outRequestNo: "CPR3", amountFen: 500, succeeded: false };
		const bill = [
			{ kind: "refund" as const, outTradeNo: "CPP1", outRequestNo: "CPR1", amountFen: 4_999 },
			{ kind: "refund" as const, outTradeNo: "CPP1", outRequestNo: "CPR3", amountFen: 500 },
		];
		const { matched, differences } = compareBill(bill, [refund, second], known(refund, second, pending));
		expect(matched).toBe(0);
		expect(differences).toEqual([
			{
				kind: "amount_mismatch",
				lineKey: "refund:CPR1",
				outTradeNo: "CPP1",
				outRequestNo: "CPR1",
				refundId: "r1",
				ourFen: 5_000,
				billFen: 4_999,
			},
			{
				kind: "status_mismatch",
				lineKey: "refund:CPR3",
				outTradeNo: "CPP1",
				outRequestNo: "CPR3",
				refundId: "r3",
				ourFen: 500,
				billFen: 500,
			},
			{
				kind: "missing_in_bill",
				lineKey: "refund:CPR2",
				outTradeNo: "CPP1",
				outRequestNo: "CPR2",
				refundId: "r2",
				ourFen: 1_000,
				billFen: null,
			},
		]);
	});

	it("matches a payment the provider lists on the bill's day though we booked it the day before", () => {
		const bill = [{ kind: "payment" as const, outTradeNo: "CPP1", amountFen: 10_000 }];
		expect(compareBill(bill, [], known(payment))).toEqual({ matched: 1, differences: [] });
	});
});
