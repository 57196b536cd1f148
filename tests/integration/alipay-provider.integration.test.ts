import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import {
	AlipayError,
	alipayBillUrl,
	alipayConfigured,
	closeAlipayTrade,
	queryAlipayTrade,
	readAlipayNotification,
	refundAlipay,
	startAlipayPayment,
} from "~/modules/payments/providers/alipay.server";
import { downloadAlipayBill } from "~/modules/payments/providers/alipay-bill.server";
import { type FakeAlipayPay, startFakeAlipayPay } from "../fakes/alipay-pay";

/**
 * The Alipay payment port against the loopback Alipay, through the real alipay-sdk: every request
 * signed with the app key and checked by the fake, every answer and notification signed with the
 * fake's Alipay key and checked by the port. No database is involved.
 */
let alipay: FakeAlipayPay;
const alipaySettings = ["ALIPAY_APP_ID", "ALIPAY_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY", "ALIPAY_GATEWAY"] as const;

beforeAll(async () => {
	alipay = await startFakeAlipayPay();
	Object.assign(process.env, alipay.settings);
	rereadSettings();
});
afterAll(async () => {
	for (const name of alipaySettings) delete process.env[name];
	rereadSettings();
	await alipay?.close();
});

let serial = 0;
function nextTradeNo(): string {
	serial += 1;
	return `CP${Date.now()}${String(serial).padStart(4, "0")}`;
}
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const links = { notifyUrl: "http://127.0.0.1:9/api/v1/payments/notify/alipay", returnUrl: "http://127.0.0.1:9/pay/result" };

async function openedPagePay(amountFen: number, channel: "page" | "wap" = "page") {
	const outTradeNo = nextTradeNo();
	const { payUrl } = await startAlipayPayment({
		outTradeNo,
		amountFen,
		subject: "球伴课程 · 60 分钟",
		channel,
		...links,
		expiresAt: inMinutes(15),
	});
	// The buyer's browser opens the cashier: only then does Alipay know the trade.
	const cashier = await fetch(payUrl ?? "");
	expect(cashier.status).toBe(200);
	return outTradeNo;
}

describe("configuration", () => {
	it("counts as configured only with the app id and both keys", () => {
		expect(alipayConfigured()).toBe(true);
		const saved = process.env.ALIPAY_PUBLIC_KEY;
		delete process.env.ALIPAY_PUBLIC_KEY;
		rereadSettings();
		try {
			expect(alipayConfigured()).toBe(false);
			expect(readAlipayNotification({ out_trade_no: "x", sign: "y", sign_type: "RSA2" })).toEqual({
				ok: false,
				reason: "not_configured",
			});
		} finally {
			process.env.ALIPAY_PUBLIC_KEY = saved;
			rereadSettings();
		}
	});
});

describe("starting a payment", () => {
	it("page pay: a cashier URL signed with the app key, for the exact amount and deadline", async () => {
		const expiresAt = new Date("2030-06-01T04:05:06.789Z");
		const outTradeNo = nextTradeNo();
		const { payUrl, qrCode } = await startAlipayPayment({
			outTradeNo,
			amountFen: 1250,
			subject: "球伴课程",
			channel: "page",
			...links,
			expiresAt,
		});
		expect(qrCode).toBeUndefined();
		expect(payUrl?.startsWith(`${alipay.gateway}?`)).toBe(true);
		expect((await fetch(payUrl ?? "")).status).toBe(200);
		const trade = alipay.trades.get(outTradeNo);
		expect(trade).toMatchObject({
			method: "alipay.trade.page.pay",
			totalAmount: "12.50",
			totalFen: 1250,
			status: "WAIT_BUYER_PAY",
			// Alipay's times are Beijing time.
			timeExpire: "2030-06-01 12:05:06",
			notifyUrl: links.notifyUrl,
			returnUrl: links.returnUrl,
		});
		expect(alipay.verifiedCalls).toContain("alipay.trade.page.pay");
	});

	it("the cashier refuses a pay URL whose amount was changed after signing", async () => {
		const { payUrl } = await startAlipayPayment({
			outTradeNo: nextTradeNo(),
			amountFen: 1250,
			subject: "球伴课程",
			channel: "page",
			...links,
			expiresAt: inMinutes(15),
		});
		const url = new URL(payUrl ?? "");
		url.searchParams.set("biz_content", (url.searchParams.get("biz_content") ?? "").replace('"12.50"', '"0.01"'));
		const cashier = await fetch(url);
		expect(cashier.status).toBe(400);
		expect(await cashier.text()).toContain("isv.invalid-signature");
	});

	it("wap pay: the phone cashier (QUICK_WAP_WAY)", async () => {
		const outTradeNo = await openedPagePay(19_900, "wap");
		expect(alipay.trades.get(outTradeNo)).toMatchObject({ method: "alipay.trade.wap.pay", totalAmount: "199.00" });
	});

	it("qr: precreate answers the QR code's text, and the trade exists at once", async () => {
		const outTradeNo = nextTradeNo();
		const { qrCode, payUrl } = await startAlipayPayment({
			outTradeNo,
			amountFen: 1,
			subject: "打赏",
			channel: "qr",
			...links,
			expiresAt: inMinutes(15),
		});
		expect(payUrl).toBeUndefined();
		expect(qrCode).toMatch(/^http/);
		expect(await queryAlipayTrade(outTradeNo)).toMatchObject({ status: "WAIT_BUYER_PAY", totalFen: 1 });
		expect(alipay.trades.get(outTradeNo)?.totalAmount).toBe("0.01");
	});

	it("refuses amounts that are not whole positive fen before anything is sent", async () => {
		const callsBefore = alipay.verifiedCalls.length;
		for (const amountFen of [0, -100, 12.5, Number.NaN]) {
			await expect(
				startAlipayPayment({
					outTradeNo: nextTradeNo(),
					amountFen,
					subject: "课",
					channel: "qr",
					...links,
					expiresAt: inMinutes(15),
				}),
			).rejects.toThrow();
		}
		await expect(
			startAlipayPayment({
				outTradeNo: nextTradeNo(),
				amountFen: 100,
				subject: "课",
				channel: "qr",
				...links,
				expiresAt: inMinutes(-1),
			}),
		).rejects.toThrow(/expiresAt is past/);
		expect(alipay.verifiedCalls.length).toBe(callsBefore);
	});
});

describe("the buyer in the cashier", () => {
	it("pays on the cashier page: the notification reaches notify_url and the browser returns to return_url", async () => {
		const notified: Array<ReturnType<typeof readAlipayNotification>> = [];
		const receiver = createServer((request, response) => {
			let body = "";
			request.on("data", (chunk) => {
				body += chunk;
			});
			request.on("end", () => {
				const notification = readAlipayNotification(Object.fromEntries(new URLSearchParams(body)));
				notified.push(notification);
				response.end(notification.ok ? "success" : "fail");
			});
		});
		await new Promise<void>((ready) => receiver.listen(0, "127.0.0.1", ready));
		try {
			const notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
			const outTradeNo = nextTradeNo();
			const { payUrl } = await startAlipayPayment({
				outTradeNo,
				amountFen: 6_600,
				subject: "球伴课程",
				channel: "page",
				notifyUrl,
				returnUrl: "http://127.0.0.1:9/pay/result?booking=b1",
				expiresAt: inMinutes(15),
			});
			const cashier = await (await fetch(payUrl ?? "")).text();
			expect(cashier).toContain("¥66.00");
			expect(cashier).toContain('action="/cashier/pay"');
			const paid = await fetch(`${alipay.url}/cashier/pay`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({ out_trade_no: outTradeNo }),
				redirect: "manual",
			});
			expect(paid.status).toBe(302);
			const back = new URL(paid.headers.get("location") ?? "");
			expect(back.origin + back.pathname).toBe("http://127.0.0.1:9/pay/result");
			expect(back.searchParams.get("booking")).toBe("b1");
			expect(back.searchParams.get("out_trade_no")).toBe(outTradeNo);
			expect(back.searchParams.get("method")).toBe("alipay.trade.page.pay.return");
			expect(back.searchParams.get("sign")).toBeTruthy();
			expect(alipay.deliveries).toContainEqual({ outTradeNo, status: 200, body: "success" });
			expect(notified).toEqual([expect.objectContaining({ ok: true, outTradeNo, totalFen: 6_600, status: "TRADE_SUCCESS" })]);
		} finally {
			await new Promise((done) => receiver.close(done));
		}
	});

	it("scanning the QR code opens the same cashier", async () => {
		const outTradeNo = nextTradeNo();
		const { qrCode } = await startAlipayPayment({
			outTradeNo,
			amountFen: 2_000,
			subject: "打赏",
			channel: "qr",
			...links,
			expiresAt: inMinutes(15),
		});
		const page = await fetch(qrCode ?? "");
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(outTradeNo);
	});
});

describe("amounts cross exactly", () => {
	it("sends and reads back every amount without a float's rounding", async () => {
		// 0.29 and 1.15 are where yuan × 100 in floating point lands a fen off.
		for (const amountFen of [1, 29, 115, 1_005, 123_456_789]) {
			const outTradeNo = nextTradeNo();
			await startAlipayPayment({ outTradeNo, amountFen, subject: "课", channel: "qr", ...links, expiresAt: inMinutes(15) });
			const form = alipay.pay(outTradeNo);
			const notification = readAlipayNotification(form);
			expect(notification.ok && notification.totalFen).toBe(amountFen);
			expect((await queryAlipayTrade(outTradeNo)).totalFen).toBe(amountFen);
		}
		expect(alipay.trades.get([...alipay.trades.keys()].at(-1) ?? "")?.totalAmount).toBe("1234567.89");
	});
});

describe("notifications", () => {
	it("reads a paid trade's notification signed by Alipay", async () => {
		const outTradeNo = await openedPagePay(1250);
		const paidAt = new Date("2026-11-30T08:30:15Z");
		const form = alipay.pay(outTradeNo, { at: paidAt });
		const notification = readAlipayNotification(form);
		expect(notification).toEqual({
			ok: true,
			notifyId: form.notify_id,
			outTradeNo,
			tradeNo: alipay.trades.get(outTradeNo)?.tradeNo,
			appId: alipay.appId,
			sellerId: alipay.sellerId,
			totalFen: 1250,
			status: "TRADE_SUCCESS",
			paidAt,
			raw: form,
		});
	});

	it("reads it the same after the trip through an HTTP form post", async () => {
		const outTradeNo = await openedPagePay(8_800);
		const received: Array<ReturnType<typeof readAlipayNotification>> = [];
		const receiver = createServer((request, response) => {
			let body = "";
			request.on("data", (chunk) => {
				body += chunk;
			});
			request.on("end", () => {
				const notification = readAlipayNotification(Object.fromEntries(new URLSearchParams(body)));
				received.push(notification);
				response.end(notification.ok ? "success" : "failure");
			});
		});
		await new Promise<void>((ready) => receiver.listen(0, "127.0.0.1", ready));
		try {
			const form = alipay.pay(outTradeNo);
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
			expect(await alipay.deliver(form, url)).toEqual({ status: 200, body: "success" });
			// Alipay resends the very same notification until it reads "success".
			expect(await alipay.deliver(form, url)).toEqual({ status: 200, body: "success" });
			expect(received).toHaveLength(2);
			expect(received[0]).toMatchObject({ ok: true, outTradeNo, totalFen: 8_800, notifyId: form.notify_id });
			expect(received[1]).toEqual(received[0]);
		} finally {
			await new Promise((done) => receiver.close(done));
		}
	});

	it("refuses a notification whose amount was changed", async () => {
		const form = alipay.pay(await openedPagePay(1250));
		expect(readAlipayNotification({ ...form, total_amount: "0.01" })).toEqual({ ok: false, reason: "bad_signature" });
		expect(readAlipayNotification({ ...form, trade_status: "TRADE_CLOSED" })).toEqual({ ok: false, reason: "bad_signature" });
	});

	it("refuses a notification signed with a key that is not Alipay's", async () => {
		const outTradeNo = await openedPagePay(1250);
		alipay.pay(outTradeNo);
		const impostor = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
		expect(readAlipayNotification(alipay.notificationFor(outTradeNo, { signingKey: impostor }))).toEqual({
			ok: false,
			reason: "bad_signature",
		});
		// Nor with the app's own key: only Alipay's public key verifies.
		expect(readAlipayNotification(alipay.notificationFor(outTradeNo, { signingKey: alipay.keys.app.privateKey }))).toEqual({
			ok: false,
			reason: "bad_signature",
		});
	});

	it("refuses a notification without a signature, or with another algorithm", async () => {
		const form = alipay.pay(await openedPagePay(1250));
		const { sign: _sign, ...unsigned } = form;
		expect(readAlipayNotification(unsigned)).toEqual({ ok: false, reason: "missing_signature" });
		expect(readAlipayNotification({ ...form, sign: "" })).toEqual({ ok: false, reason: "missing_signature" });
		expect(readAlipayNotification({ ...form, sign_type: "RSA" })).toEqual({ ok: false, reason: "unsupported_sign_type" });
		expect(readAlipayNotification({ ...form, sign: "bm90IGEgc2lnbmF0dXJl" })).toEqual({ ok: false, reason: "bad_signature" });
	});

	it("never throws on malformed input, even when Alipay's signature is good", () => {
		const signedBadAmount = alipay.signNotification({
			notify_id: "n1",
			out_trade_no: "T1",
			trade_no: "2026",
			app_id: alipay.appId,
			total_amount: "12.345",
			trade_status: "TRADE_SUCCESS",
		});
		expect(readAlipayNotification(signedBadAmount)).toEqual({ ok: false, reason: "malformed: total_amount" });
		const signedBadStatus = alipay.signNotification({ ...signedBadAmount, total_amount: "12.34", trade_status: "PAID" });
		expect(readAlipayNotification(signedBadStatus)).toEqual({ ok: false, reason: "malformed: trade_status" });
		const signedNoTrade = alipay.signNotification({ app_id: alipay.appId, total_amount: "1.00", trade_status: "TRADE_SUCCESS" });
		expect(readAlipayNotification(signedNoTrade)).toMatchObject({ ok: false });
		for (const junk of [{}, { sign: ["a", "b"] }, null, "sign=x"] as unknown as Array<Record<string, string>>) {
			expect(readAlipayNotification(junk)).toMatchObject({ ok: false });
		}
	});
});

describe("query and close", () => {
	it("a trade Alipay has never seen is NOT_FOUND, and cannot be closed", async () => {
		expect(await queryAlipayTrade("CP_never_opened")).toEqual({ status: "NOT_FOUND" });
		expect(await closeAlipayTrade("CP_never_opened")).toEqual({ closed: false, reason: "not_found" });
	});

	it("closes an unpaid trade, so the buyer can no longer pay it; closing again is still closed", async () => {
		const outTradeNo = await openedPagePay(1250);
		expect(await closeAlipayTrade(outTradeNo)).toEqual({ closed: true });
		expect(await queryAlipayTrade(outTradeNo)).toMatchObject({ status: "TRADE_CLOSED", totalFen: 1250 });
		expect(() => alipay.pay(outTradeNo)).toThrow(/TRADE_CLOSED/);
		expect(await closeAlipayTrade(outTradeNo)).toEqual({ closed: true });
	});

	it("does not close a paid trade, and says it was paid", async () => {
		const outTradeNo = await openedPagePay(1250);
		alipay.pay(outTradeNo);
		expect(await closeAlipayTrade(outTradeNo)).toEqual({ closed: false, reason: "paid" });
		expect(await queryAlipayTrade(outTradeNo)).toEqual({
			status: "TRADE_SUCCESS",
			tradeNo: alipay.trades.get(outTradeNo)?.tradeNo,
			totalFen: 1250,
		});
	});

	it("throws AlipayError when Alipay cannot be reached; a refund is then pending, to be asked again", async () => {
		const gateway = process.env.ALIPAY_GATEWAY;
		// Port 1 on the loopback: nothing listens there.
		process.env.ALIPAY_GATEWAY = "http://127.0.0.1:1/gateway.do";
		rereadSettings();
		try {
			await expect(queryAlipayTrade("CP_anything")).rejects.toMatchObject({ name: "AlipayError", reason: "unreachable" });
			expect(await refundAlipay({ outTradeNo: "CP_anything", outRequestNo: "R1", refundFen: 100 })).toEqual({
				status: "pending",
				message: "unreachable",
			});
		} finally {
			process.env.ALIPAY_GATEWAY = gateway;
			rereadSettings();
		}
	});

	it("throws AlipayError on an answer not signed by Alipay", async () => {
		const outTradeNo = await openedPagePay(1250);
		alipay.forgeNextSignature();
		const failure = await queryAlipayTrade(outTradeNo).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AlipayError);
		expect(failure).toMatchObject({ method: "alipay.trade.query", reason: "bad_answer" });
	});
});

describe("refunds", () => {
	it("refunds in parts, never more than was paid, and the same request number only once", async () => {
		const outTradeNo = await openedPagePay(1250);
		alipay.pay(outTradeNo);
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 500, reason: "教练拒单" })).toEqual({
			status: "success",
			refundedFen: 500,
		});
		// The retry job asks again with the same number: no second refund.
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 500 })).toEqual({
			status: "success",
			refundedFen: 500,
		});
		expect(alipay.trades.get(outTradeNo)?.refundedFen).toBe(500);
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R2", refundFen: 751 })).toEqual({
			status: "failed",
			message: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
		});
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 600 })).toEqual({
			status: "failed",
			message: "ACQ.DISCORDANT_REPEAT_REQUEST",
		});
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R2", refundFen: 750 })).toEqual({
			status: "success",
			refundedFen: 750,
		});
		expect(alipay.trades.get(outTradeNo)).toMatchObject({ refundedFen: 1250, status: "TRADE_CLOSED" });
		expect(await queryAlipayTrade(outTradeNo)).toMatchObject({ status: "TRADE_CLOSED" });
		// Alipay's notification after the full refund: closed, and says how much went back.
		expect(readAlipayNotification(alipay.notificationFor(outTradeNo))).toMatchObject({
			ok: true,
			status: "TRADE_CLOSED",
			totalFen: 1250,
			refundedFen: 1250,
		});
	});

	it("is pending when Alipay cannot decide now, and succeeds on the retry", async () => {
		const outTradeNo = await openedPagePay(3_000);
		alipay.pay(outTradeNo);
		alipay.failNext("alipay.trade.refund", "ACQ.SYSTEM_ERROR", "系统错误");
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 3_000 })).toEqual({
			status: "pending",
			message: "ACQ.SYSTEM_ERROR",
		});
		expect(alipay.trades.get(outTradeNo)?.refundedFen).toBe(0);
		alipay.forgeNextSignature();
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 3_000 })).toEqual({
			status: "pending",
			message: "bad_answer",
		});
		// The forged answer still refunded at Alipay: the retry learns so, without refunding twice.
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 3_000 })).toEqual({
			status: "success",
			refundedFen: 3_000,
		});
		expect(alipay.trades.get(outTradeNo)?.refundedFen).toBe(3_000);
	});

	it("fails for a trade that was never paid", async () => {
		const outTradeNo = await openedPagePay(1250);
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R1", refundFen: 100 })).toEqual({
			status: "failed",
			message: "ACQ.TRADE_STATUS_ERROR",
		});
		expect(await refundAlipay({ outTradeNo: "CP_never_opened", outRequestNo: "R1", refundFen: 100 })).toEqual({
			status: "failed",
			message: "ACQ.TRADE_NOT_EXIST",
		});
	});
});

describe("the daily bill", () => {
	it("answers a download URL for a past day, serving the zipped bill", async () => {
		const yesterday = new Date(Date.now() - 86_400_000);
		const day = new Date(yesterday.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
		const outTradeNo = await openedPagePay(4_321);
		alipay.pay(outTradeNo, { at: yesterday });
		const url = await alipayBillUrl(day);
		expect(url.startsWith(alipay.url)).toBe(true);
		const download = await fetch(url);
		expect(download.status).toBe(200);
		const zip = Buffer.from(await download.arrayBuffer());
		expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		expect(alipay.billCsv(day)).toContain(`${alipay.trades.get(outTradeNo)?.tradeNo}\t,${outTradeNo}\t,交易`);
	});

	it("reads the day's payments and refunds from the downloaded bill, to the fen", async () => {
		const yesterday = new Date(Math.floor((Date.now() - 86_400_000) / 1000) * 1000);
		const day = new Date(yesterday.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
		const outTradeNo = await openedPagePay(1_999_999);
		alipay.pay(outTradeNo, { at: yesterday });
		expect(await refundAlipay({ outTradeNo, outRequestNo: "R_bill", refundFen: 1_015 })).toMatchObject({ status: "success" });
		// The refund went through yesterday too, as far as the bill is concerned.
		const refund = alipay.trades.get(outTradeNo)?.refunds.get("R_bill");
		if (refund) refund.at = yesterday;
		const lines = (await downloadAlipayBill(day)).filter((line) => line.outTradeNo === outTradeNo);
		const tradeNo = alipay.trades.get(outTradeNo)?.tradeNo;
		expect(lines).toEqual([
			{ tradeNo, outTradeNo, kind: "payment", amountFen: 1_999_999, orderFen: 1_999_999, completedAt: yesterday },
			{
				tradeNo,
				outTradeNo,
				kind: "refund",
				amountFen: -1_015,
				orderFen: 1_999_999,
				refundRequestNo: "R_bill",
				completedAt: yesterday,
			},
		]);
	});

	it("is refused for a day not over yet, and for what is not a date", async () => {
		const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
		await expect(alipayBillUrl(today)).rejects.toMatchObject({ reason: "refused", subCode: "isp.bill_not_exist" });
		for (const date of ["2026-02-30", "2026-13-01", "yesterday", "2026-1-1"]) {
			await expect(alipayBillUrl(date)).rejects.toThrow();
		}
	});
});
