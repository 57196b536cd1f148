import { constants, publicEncrypt } from "node:crypto";
import { z } from "zod";
import { settings } from "~/lib/config.server";
import { logger } from "~/lib/logger.server";
import {
	requireWechatPay,
	type WechatAnswer,
	WechatPayError,
	wechatpayConfig,
	wechatRequest,
} from "~/lib/wechatpay-client.server";
import type { TransferOutcome } from "./alipay-transfer.server";

/**
 * WeChat Pay transfer bills (商家转账): `POST /v3/fund-app/mch-transfer/transfer-bills` pays an
 * openid, `GET …/transfer-bills/out-bill-no/{out_bill_no}` asks what became of one. Requests are
 * signed with the merchant key and answers checked with the platform key (wechatpay-client).
 * `out_bill_no` is the idempotency key at WeChat Pay: the same number never pays twice.
 */
export const wechatTransfersConfigured = () => wechatpayConfig() !== null;

/** WeChat asks for the payee's real name from ¥2,000 on (and checks it against the WeChat account). */
const nameRequiredFromFen = 200_000;

/** Refusals the same out_bill_no may overcome later; anything else WeChat Pay says no to is final. */
const retryableCodes = new Set(["SYSTEM_ERROR", "FREQUENCY_LIMITED", "NOT_ENOUGH", "ACCOUNT_ERROR", "MCH_NOT_EXISTS"]);

const billSchema = z.object({
	out_bill_no: z.string(),
	transfer_bill_no: z.string().optional(),
	state: z.enum(["ACCEPTED", "PROCESSING", "WAIT_USER_CONFIRM", "TRANSFERING", "SUCCESS", "FAIL", "CANCELING", "CANCELLED"]),
	fail_reason: z.string().optional(),
	/** With WAIT_USER_CONFIRM: what the payee's WeChat confirms the bill with (requestMerchantTransfer). */
	package_info: z.string().min(1).optional(),
});

/**
 * SUCCESS is paid, FAIL and CANCELLED a definite no (the money stays with the merchant); every other
 * state, WAIT_USER_CONFIRM included (the payee confirms in WeChat), is still on its way: asked again.
 */
function outcomeOf(answer: WechatAnswer): TransferOutcome {
	const bill = billSchema.safeParse(answer.json);
	if (!bill.success) return { state: "unknown", reason: "bad_answer" };
	const { state, transfer_bill_no: billNo, fail_reason: failReason } = bill.data;
	if (state === "SUCCESS") return { state: "success", orderId: billNo ?? bill.data.out_bill_no };
	if (state === "FAIL") return { state: "failed", reason: failReason ?? "FAIL" };
	if (state === "CANCELLED") return { state: "failed", reason: "CANCELLED" };
	const waiting = state === "WAIT_USER_CONFIRM" && bill.data.package_info ? { confirmPackage: bill.data.package_info } : {};
	return billNo ? { state: "dealing", orderId: billNo, ...waiting } : { state: "dealing", ...waiting };
}

/** Sensitive fields are sealed with WeChat Pay's platform public key (RSA-OAEP, SHA-1 as WeChat specifies). */
function sealForWechat(text: string): string {
	const config = requireWechatPay("transfer");
	return publicEncrypt(
		{ key: config.platformKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
		Buffer.from(text, "utf8"),
	).toString("base64");
}

const transferSchema = z.object({
	outBillNo: z.string().regex(/^[A-Za-z0-9]{5,32}$/),
	amountFen: z.number().int().min(10).max(2_147_483_647),
	appid: z.string().min(1),
	openid: z.string().min(1).max(128),
	payeeName: z.string().min(1),
	remark: z.string().trim().min(1).max(32),
});

async function ask(operation: string, call: () => Promise<WechatAnswer>): Promise<WechatAnswer | TransferOutcome> {
	try {
		return await call();
	} catch (error) {
		// No signed answer: it may or may not have been paid; only a query can tell.
		if (error instanceof WechatPayError && error.reason !== "not_configured") return { state: "unknown", reason: error.reason };
		logger.warn({ provider: "wechatpay", operation }, "wechatpay transfer call failed");
		throw error;
	}
}
const isOutcome = (value: WechatAnswer | TransferOutcome): value is TransferOutcome => "state" in value;

export async function transferToWechat(input: z.input<typeof transferSchema>): Promise<TransferOutcome> {
	const transfer = transferSchema.parse(input);
	const operation = "transfer";
	const config = requireWechatPay(operation);
	const withName = transfer.amountFen >= nameRequiredFromFen;
	const body = {
		appid: transfer.appid,
		out_bill_no: transfer.outBillNo,
		transfer_scene_id: settings().WECHATPAY_TRANSFER_SCENE_ID,
		openid: transfer.openid,
		...(withName ? { user_name: sealForWechat(transfer.payeeName) } : {}),
		transfer_amount: transfer.amountFen,
		transfer_remark: transfer.remark,
		user_recv_perception: "劳务报酬",
		transfer_scene_report_infos: [
			{ info_type: "岗位类型", info_content: "台球教练" },
			{ info_type: "报酬说明", info_content: "课程收入提现" },
		],
	};
	const answer = await ask(operation, () =>
		wechatRequest(operation, "POST", "/v3/fund-app/mch-transfer/transfer-bills", body, {
			// Names the key user_name was sealed with, as WeChat Pay requires for encrypted fields.
			...(withName ? { headers: { "wechatpay-serial": config.platformKeyId } } : {}),
		}),
	);
	if (isOutcome(answer)) return answer;
	if (answer.status === 200) return outcomeOf(answer);
	const code = String(answer.json?.code ?? answer.status);
	logger.warn({ provider: "wechatpay", operation, status: answer.status, code }, "wechatpay transfer refused");
	if (answer.status === 429 || retryableCodes.has(code)) return { state: "unknown", reason: code };
	return { state: "failed", reason: code };
}

export async function queryWechatTransfer(outBillNo: string): Promise<TransferOutcome> {
	const operation = "transfer query";
	const number = transferSchema.shape.outBillNo.parse(outBillNo);
	const answer = await ask(operation, () =>
		wechatRequest(operation, "GET", `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${number}`),
	);
	if (isOutcome(answer)) return answer;
	if (answer.status === 200) return outcomeOf(answer);
	if (answer.status === 404 || answer.json?.code === "NOT_FOUND") return { state: "not_found" };
	return { state: "unknown", reason: String(answer.json?.code ?? answer.status) };
}
