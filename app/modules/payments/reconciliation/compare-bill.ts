import type { BillLine } from "./bill-readers.server";

/** One of our records as reconciliation sees it: a payment (by out_trade_no) or a refund (by out_request_no). */
export interface BookedLine {
	kind: "payment" | "refund";
	id: string;
	outTradeNo: string;
	outRequestNo?: string;
	amountFen: number;
	/** Only succeeded money should be on a bill. */
	succeeded: boolean;
}

export type DifferenceKind = "missing_in_bill" | "missing_here" | "amount_mismatch" | "status_mismatch";

export interface Difference {
	kind: DifferenceKind;
	lineKey: string;
	outTradeNo: string;
	outRequestNo?: string;
	paymentId?: string;
	refundId?: string;
	ourFen: number | null;
	billFen: number | null;
}

export const lineKeyOf = (line: { kind: "payment" | "refund"; outTradeNo: string; outRequestNo?: string }) =>
	line.kind === "payment" ? `payment:${line.outTradeNo}` : `refund:${line.outRequestNo ?? line.outTradeNo}`;

/**
 * The bill against our books, line by line. `ofTheDay` are our succeeded payments and refunds of
 * the bill's day: each must be on the bill. `known` are our records of every key the bill names,
 * whatever their day or state: a bill line must match one that succeeded, for the same amount.
 * (A record that succeeded near midnight by our clock and on the other day by the provider's is
 * found through `known` on the bill's day, and shows as missing on ours — a difference a person
 * resolves with a note.)
 */
export function compareBill(
	bill: BillLine[],
	ofTheDay: BookedLine[],
	known: Map<string, BookedLine>,
): { matched: number; differences: Difference[] } {
	const differences: Difference[] = [];
	const onBill = new Set<string>();
	let matched = 0;
	for (const line of bill) {
		const lineKey = lineKeyOf(line);
		onBill.add(lineKey);
		const ours = known.get(lineKey);
		const base = {
			lineKey,
			outTradeNo: line.outTradeNo,
			...(line.outRequestNo ? { outRequestNo: line.outRequestNo } : {}),
			billFen: line.amountFen,
		};
		if (!ours) {
			differences.push({ ...base, kind: "missing_here", ourFen: null });
			continue;
		}
		const ids = ours.kind === "payment" ? { paymentId: ours.id } : { refundId: ours.id };
		if (!ours.succeeded) differences.push({ ...base, ...ids, kind: "status_mismatch", ourFen: ours.amountFen });
		else if (ours.amountFen !== line.amountFen)
			differences.push({ ...base, ...ids, kind: "amount_mismatch", ourFen: ours.amountFen });
		else matched += 1;
	}
	for (const ours of ofTheDay) {
		const lineKey = lineKeyOf(ours);
		if (onBill.has(lineKey)) continue;
		differences.push({
			kind: "missing_in_bill",
			lineKey,
			outTradeNo: ours.outTradeNo,
			...(ours.outRequestNo ? { outRequestNo: ours.outRequestNo } : {}),
			...(ours.kind === "payment" ? { paymentId: ours.id } : { refundId: ours.id }),
			ourFen: ours.amountFen,
			billFen: null,
		});
	}
	return { matched, differences };
}
