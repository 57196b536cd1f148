import { createHash } from "node:crypto";
import { AlipaySdk } from "alipay-sdk";
import { z } from "zod";
import { alipayProductionGateway, readAlipayKey } from "~/lib/alipay-client.server";
import { settings } from "~/lib/config.server";
import { logger } from "~/lib/logger.server";
import { fenToYuan } from "~/lib/money";
import { singleton } from "~/lib/singleton.server";

/**
 * Alipay transfers to a coach's Alipay account (`alipay.fund.trans.uni.transfer`, product
 * TRANS_ACCOUNT_NO_PWD, scene DIRECT_TRANSFER) and their query (`alipay.fund.trans.common.query`).
 * Alipay only accepts fund transfers from apps in public-key certificate mode, so this client is
 * built from the app's key and the three certificates (ALIPAY_APP_CERT, ALIPAY_PUBLIC_CERT,
 * ALIPAY_ROOT_CERT); the SDK sends app_cert_sn and alipay_root_cert_sn and verifies answers with
 * the key inside Alipay's certificate. `out_biz_no` is the transfer's idempotency key at Alipay.
 */
function transferConfig() {
	const s = settings();
	if (!s.ALIPAY_APP_ID || !s.ALIPAY_PRIVATE_KEY || !s.ALIPAY_APP_CERT || !s.ALIPAY_PUBLIC_CERT || !s.ALIPAY_ROOT_CERT)
		return null;
	const pem = (text: string) => text.replace(/\\n/g, "\n");
	return {
		appId: s.ALIPAY_APP_ID,
		privateKey: s.ALIPAY_PRIVATE_KEY,
		appCert: pem(s.ALIPAY_APP_CERT),
		alipayPublicCert: pem(s.ALIPAY_PUBLIC_CERT),
		alipayRootCert: pem(s.ALIPAY_ROOT_CERT),
		gateway: s.ALIPAY_GATEWAY ?? alipayProductionGateway,
	};
}

export const alipayTransferConfigured = () => transferConfig() !== null;

function client(): AlipaySdk {
	const config = transferConfig();
	if (!config) throw new Error("Alipay transfers are not configured (ALIPAY_APP_CERT, ALIPAY_PUBLIC_CERT, ALIPAY_ROOT_CERT)");
	const key = createHash("sha256")
		.update([config.privateKey, config.appCert, config.alipayPublicCert, config.alipayRootCert].join("\n"))
		.digest("hex")
		.slice(0, 16);
	return singleton(`alipay-transfer:${config.appId}:${config.gateway}:${key}`, () => {
		return new AlipaySdk({
			appId: config.appId,
			privateKey: readAlipayKey(config.privateKey, "private").export({ type: "pkcs1", format: "pem" }).toString(),
			keyType: "PKCS1",
			appCertContent: config.appCert,
			alipayPublicCertContent: config.alipayPublicCert,
			alipayRootCertContent: config.alipayRootCert,
			gateway: config.gateway,
			signType: "RSA2",
			timeout: 8000,
		});
	});
}

type Answer = Record<string, unknown> & { code?: string; subCode?: string };

/**
 * What a transfer call or query told us. `unknown`: no signed answer (unreachable, timed out, a
 * system error) — the transfer may or may not have happened, so only a query can tell; the job
 * retries and asks first.
 */
export type TransferOutcome =
	| { state: "success"; orderId: string }
	| {
			state: "dealing";
			orderId?: string /** WeChat: the bill waits for the payee to confirm with this. */;
			confirmPackage?: string;
	  }
	| { state: "failed"; reason: string }
	| { state: "not_found" }
	| { state: "unknown"; reason: string };

async function call(method: string, bizContent: Record<string, unknown>): Promise<Answer | null> {
	try {
		return (await client().exec(method, { bizContent }, { validateSign: true })) as Answer;
	} catch (error) {
		// The SDK's messages quote the whole answer (payee data): log only what failed.
		const unreachable = error instanceof Error && /HttpClient Request error|HTTP 请求错误/.test(error.message);
		logger.warn(
			{ provider: "alipay", method, reason: unreachable ? "unreachable" : "bad_answer" },
			"alipay transfer call failed",
		);
		return null;
	}
}

/** Refusals that may pass on a retry with the same out_biz_no; anything else from Alipay is a definite no. */
const retryableCodes = new Set(["SYSTEM_ERROR", "ACQ.SYSTEM_ERROR", "PAYCARD_UNABLE_PAYMENT", "BALANCE_IS_NOT_ENOUGH"]);

function outcomeOf(answer: Answer): TransferOutcome {
	const status = String(answer.status ?? "");
	const orderId = typeof answer.orderId === "string" ? answer.orderId : undefined;
	if (status === "SUCCESS" && orderId) return { state: "success", orderId };
	if (status === "FAIL" || status === "CLOSED" || status === "REFUND") {
		return { state: "failed", reason: String(answer.failReason ?? answer.errorCode ?? status) };
	}
	return orderId ? { state: "dealing", orderId } : { state: "dealing" };
}

const transferSchema = z.object({
	outBizNo: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
	amountFen: z.number().int().min(10).max(10_000_000_000),
	payeeLogin: z.string().min(1),
	payeeName: z.string().min(1),
	title: z.string().trim().min(1).max(40),
});

export async function transferToAlipay(input: z.input<typeof transferSchema>): Promise<TransferOutcome> {
	const transfer = transferSchema.parse(input);
	const method = "alipay.fund.trans.uni.transfer";
	const answer = await call(method, {
		outBizNo: transfer.outBizNo,
		transAmount: fenToYuan(transfer.amountFen),
		productCode: "TRANS_ACCOUNT_NO_PWD",
		bizScene: "DIRECT_TRANSFER",
		orderTitle: transfer.title,
		payeeInfo: { identity: transfer.payeeLogin, identityType: "ALIPAY_LOGON_ID", name: transfer.payeeName },
	});
	if (!answer) return { state: "unknown", reason: "unreachable" };
	if (answer.code === "10000") return outcomeOf(answer);
	const subCode = String(answer.subCode ?? answer.code ?? "");
	logger.warn({ provider: "alipay", method, alipayCode: answer.code, subCode }, "alipay transfer refused");
	if (answer.code === "20000" || retryableCodes.has(subCode)) return { state: "unknown", reason: subCode };
	return { state: "failed", reason: subCode };
}

export async function queryAlipayTransfer(outBizNo: string): Promise<TransferOutcome> {
	const method = "alipay.fund.trans.common.query";
	const answer = await call(method, { outBizNo, productCode: "TRANS_ACCOUNT_NO_PWD", bizScene: "DIRECT_TRANSFER" });
	if (!answer) return { state: "unknown", reason: "unreachable" };
	if (answer.code === "10000") return outcomeOf(answer);
	if (answer.subCode === "ORDER_NOT_EXIST") return { state: "not_found" };
	return { state: "unknown", reason: String(answer.subCode ?? answer.code ?? "") };
}
