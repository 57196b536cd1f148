import { inflateRawSync } from "node:zlib";
import { yuanToFen } from "~/lib/money";
import { AlipayError, alipayBillUrl } from "./alipay.server";

/**
 * Alipay's daily trade bill, for reconciliation: a zip holding CSV files in GBK; the one named
 * `…_业务明细.csv` lists each payment (业务类型 交易) and refund (退款) of the day, between
 * `#` comment lines. Columns are found by their header names, not by position, and every amount
 * is read by its digits (商家实收, negative for refunds).
 */
export interface AlipayBillLine {
	tradeNo: string;
	outTradeNo: string;
	kind: "payment" | "refund";
	/** What the merchant received: positive for a payment, negative for a refund. */
	amountFen: number;
	/** The trade's whole amount (订单金额). */
	orderFen: number;
	/** The refund's out_request_no, for refunds. */
	refundRequestNo?: string;
	completedAt: Date;
}

/** The files of a zip (stored or deflated), by name. */
export function unzipFiles(zip: Buffer): Map<string, Buffer> {
	const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0 || endAt + 22 > zip.length) throw new Error("not a zip file");
	const count = zip.readUInt16LE(endAt + 10);
	let at = zip.readUInt32LE(endAt + 16);
	const files = new Map<string, Buffer>();
	for (let index = 0; index < count; index += 1) {
		if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("broken zip directory");
		const flags = zip.readUInt16LE(at + 8);
		const method = zip.readUInt16LE(at + 10);
		const packedSize = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const localAt = zip.readUInt32LE(at + 42);
		const rawName = zip.subarray(at + 46, at + 46 + nameLength);
		// Names are UTF-8 when flagged so; Alipay's own zips name them in GBK.
		const name = new TextDecoder(flags & 0x0800 ? "utf-8" : "gbk").decode(rawName);
		if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error("broken zip entry");
		const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
		const packed = zip.subarray(dataAt, dataAt + packedSize);
		if (method === 0) files.set(name, Buffer.from(packed));
		else if (method === 8) files.set(name, inflateRawSync(packed));
		else throw new Error(`zip method ${method} is not supported`);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

/** Values are padded with a tab (so spreadsheets keep long numbers as text). */
const cellOf = (value: string | undefined) => (value ?? "").replace(/^"|"$/g, "").trim();

function signedFen(text: string): number | null {
	const negative = text.startsWith("-");
	const fen = yuanToFen(negative ? text.slice(1) : text);
	if (fen === null) return null;
	return negative ? -fen : fen;
}

/** The lines of a bill's 业务明细 CSV text; throws on a line it cannot read, rather than skipping money. */
export function readAlipayBillCsv(text: string): AlipayBillLine[] {
	const rows = text.split(/\r?\n/).filter((line) => line.trim() !== "" && !line.startsWith("#"));
	const [header, ...lines] = rows;
	if (!header) return [];
	const columns = header.split(",").map((name) => name.trim());
	const column = (name: string) => {
		const index = columns.findIndex((title) => title.startsWith(name));
		if (index < 0) throw new Error(`Alipay bill without the column ${name}`);
		return index;
	};
	const at = {
		tradeNo: column("支付宝交易号"),
		outTradeNo: column("商户订单号"),
		kind: column("业务类型"),
		completedAt: column("完成时间"),
		order: column("订单金额"),
		received: column("商家实收"),
		refundNo: column("退款批次号"),
	};
	return lines.map((line, index) => {
		const cells = line.split(",");
		const kind = cellOf(cells[at.kind]);
		const amountFen = signedFen(cellOf(cells[at.received]));
		const orderFen = signedFen(cellOf(cells[at.order]));
		const completed = cellOf(cells[at.completedAt]);
		const completedAt = new Date(`${completed.replace(" ", "T")}+08:00`);
		if ((kind !== "交易" && kind !== "退款") || amountFen === null || orderFen === null || Number.isNaN(completedAt.getTime())) {
			throw new Error(`Alipay bill line ${index + 1} is not readable`);
		}
		const refundRequestNo = cellOf(cells[at.refundNo]);
		return {
			tradeNo: cellOf(cells[at.tradeNo]),
			outTradeNo: cellOf(cells[at.outTradeNo]),
			kind: kind === "交易" ? "payment" : "refund",
			amountFen,
			orderFen,
			...(kind === "退款" && refundRequestNo ? { refundRequestNo } : {}),
			completedAt,
		};
	});
}

/** The bill's lines from its zip as downloaded. */
export function readAlipayBill(zip: Buffer): AlipayBillLine[] {
	const files = unzipFiles(zip);
	const detail = [...files.entries()].find(([name]) => name.endsWith("业务明细.csv"));
	if (!detail) throw new Error("Alipay bill without its 业务明细 file");
	return readAlipayBillCsv(new TextDecoder("gbk").decode(detail[1]));
}

/** Downloads and reads a day's trade bill (yyyy-MM-dd, Beijing time). */
export async function downloadAlipayBill(date: string): Promise<AlipayBillLine[]> {
	const url = await alipayBillUrl(date);
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
	} catch {
		throw new AlipayError("bill download", "unreachable");
	}
	if (!response.ok) throw new AlipayError("bill download", "refused", String(response.status));
	return readAlipayBill(Buffer.from(await response.arrayBuffer()));
}
