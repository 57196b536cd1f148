import { createHash } from "node:crypto";
import { yuanToFen } from "~/lib/money";
import { requireWechatPay, WechatPayError, wechatRequest } from "~/lib/wechatpay-client.server";
import { wechatTradeBillUrl } from "./wechatpay.server";

/**
 * WeChat Pay's daily trade bill (bill_type ALL), for reconciliation: a CSV whose first line names
 * the columns, each value written with a leading back-quote (so spreadsheets keep long numbers as
 * text), then a summary after the line `总交易单数,…`. Columns are found by their names, amounts
 * (yuan) are read by their digits. A payment line has 交易状态 SUCCESS; a refund line REFUND.
 */
export interface WechatBillLine {
	transactionId: string;
	outTradeNo: string;
	kind: "payment" | "refund";
	/** What the merchant received: positive for a payment, negative for a refund. */
	amountFen: number;
	/** The trade's whole amount (订单金额). */
	orderFen: number;
	/** WeChat's fee on the line (手续费), in fen. */
	feeFen: number;
	/** The refund's out_refund_no, for refunds. */
	outRefundNo?: string;
	completedAt: Date;
}

const cellOf = (value: string | undefined) => (value ?? "").trim().replace(/^`/, "").trim();

/** The lines of a trade bill's CSV text; throws on a line it cannot read, rather than skipping money. */
export function readWechatBillCsv(text: string): WechatBillLine[] {
	const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
	const [header, ...rest] = rows;
	if (!header?.trim()) return [];
	const columns = header.split(",").map((name) => name.trim());
	const column = (name: string) => {
		const index = columns.indexOf(name);
		if (index < 0) throw new Error(`WeChat Pay bill without the column ${name}`);
		return index;
	};
	const at = {
		time: column("交易时间"),
		transactionId: column("微信订单号"),
		outTradeNo: column("商户订单号"),
		state: column("交易状态"),
		settled: column("应结订单金额"),
		outRefundNo: column("商户退款单号"),
		refund: column("退款金额"),
		fee: column("手续费"),
		order: column("订单金额"),
	};
	const lines: WechatBillLine[] = [];
	for (const [index, line] of rest.entries()) {
		if (line.startsWith("总交易单数")) break;
		if (!line.trim()) continue;
		const cells = line.split(",");
		const state = cellOf(cells[at.state]);
		const completedAt = new Date(`${cellOf(cells[at.time]).replace(" ", "T")}+08:00`);
		const fee = cellOf(cells[at.fee]);
		const feeFen = fee.startsWith("-") ? -(yuanToFen(fee.slice(1)) ?? Number.NaN) : yuanToFen(fee);
		const orderFen = yuanToFen(cellOf(cells[at.order]));
		const amount = yuanToFen(cellOf(cells[state === "REFUND" ? at.refund : at.settled]));
		if (
			(state !== "SUCCESS" && state !== "REFUND") ||
			amount === null ||
			orderFen === null ||
			feeFen === null ||
			Number.isNaN(feeFen) ||
			Number.isNaN(completedAt.getTime())
		) {
			throw new Error(`WeChat Pay bill line ${index + 1} is not readable`);
		}
		const outRefundNo = cellOf(cells[at.outRefundNo]);
		lines.push({
			transactionId: cellOf(cells[at.transactionId]),
			outTradeNo: cellOf(cells[at.outTradeNo]),
			kind: state === "SUCCESS" ? "payment" : "refund",
			amountFen: state === "SUCCESS" ? amount : -amount,
			orderFen,
			feeFen,
			...(state === "REFUND" && outRefundNo ? { outRefundNo } : {}),
			completedAt,
		});
	}
	return lines;
}

/**
 * Downloads and reads a day's trade bill (yyyy-MM-dd, Beijing time): GET /v3/bill/tradebill for the
 * download URL, then the file itself (a signed request too, whose answer WeChat does not sign:
 * its SHA1 from the first answer stands for the signature).
 */
export async function wechatTradeBill(date: string): Promise<WechatBillLine[]> {
	const operation = "bill download";
	const config = requireWechatPay(operation);
	const { downloadUrl, sha1 } = await wechatTradeBillUrl(date);
	const url = new URL(downloadUrl);
	// Our signed Authorization goes to WeChat Pay's own host only.
	if (url.origin !== new URL(config.baseUrl).origin) throw new WechatPayError(operation, "bad_answer", "foreign_url");
	const file = await wechatRequest(operation, "GET", `${url.pathname}${url.search}`, undefined, {
		url: url.toString(),
		signedAnswer: false,
	});
	if (file.status !== 200) throw new WechatPayError(operation, "refused", String(file.status), file.status);
	if (sha1 && createHash("sha1").update(file.text, "utf8").digest("hex") !== sha1.toLowerCase()) {
		throw new WechatPayError(operation, "bad_answer", "hash_mismatch");
	}
	return readWechatBillCsv(file.text);
}
