import type { PaymentMethod } from "../methods.server";
import { alipayConfigured } from "../providers/alipay.server";
import { downloadAlipayBill } from "../providers/alipay-bill.server";

/** One line of a provider's daily bill, in the terms reconciliation compares. */
export interface BillLine {
	kind: "payment" | "refund";
	outTradeNo: string;
	/** The refund's provider number (our refunds.out_request_no), for refunds. */
	outRequestNo?: string;
	/** What the line moved, positive: the trade's amount, or the refund's. */
	amountFen: number;
}

interface BillReader {
	configured(): boolean;
	/** The day's lines (yyyy-MM-dd, Beijing); throws when the bill cannot be had, so the job retries. */
	read(billDate: string): Promise<BillLine[]>;
}

/**
 * Each provider's daily bill, read into the same lines. A provider without an entry is not
 * reconciled. WeChat Pay (`GET /v3/bill/tradebill`, then its download_url) joins here as
 * `wechatpay: { configured: wechatpayConfigured, read: … }` once its adapter lands.
 */
export const billReaders: Partial<Record<PaymentMethod, BillReader>> = {
	alipay: {
		configured: alipayConfigured,
		async read(billDate) {
			const lines = await downloadAlipayBill(billDate);
			return lines.map((line) =>
				line.kind === "payment"
					? // The trade's whole amount (订单金额) is what we charged; 商家实收 can be less by a discount.
						{ kind: "payment", outTradeNo: line.outTradeNo, amountFen: line.orderFen }
					: {
							kind: "refund",
							outTradeNo: line.outTradeNo,
							...(line.refundRequestNo ? { outRequestNo: line.refundRequestNo } : {}),
							amountFen: -line.amountFen,
						},
			);
		},
	},
	// wechatpay: { configured: …, read: … } — the WeChat Pay trade bill, being built.
};

/** The providers whose bills are read: configured ones that have a reader. */
export const reconciledProviders = (): PaymentMethod[] =>
	(Object.entries(billReaders) as Array<[PaymentMethod, BillReader]>)
		.filter(([, reader]) => reader.configured())
		.map(([provider]) => provider);
