import { constants, privateDecrypt } from "node:crypto";
import { type FakeWechatPay, startFakeWechatPay } from "./wechatpay-pay";

/**
 * WeChat Pay transfer bills (商家转账) on the loopback WeChat Pay API v3 (tests/fakes/wechatpay-pay.ts:
 * the same merchant signature check and signed answers):
 * - `POST /v3/fund-app/mch-transfer/transfer-bills`: one bill per out_bill_no (a repeat answers the
 *   first bill and moves no money again; the same number with another amount or openid is refused);
 *   from ¥2,000 on `user_name` must be sealed with the platform public key (RSA-OAEP) and the request
 *   name that key in Wechatpay-Serial; an openid may be set to fail (`failOpenid`) or to wait for the
 *   payee's confirmation (`confirmFirst`: WAIT_USER_CONFIRM until `confirm`).
 * - `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}`: the bill, or 404 NOT_FOUND.
 * A bill waiting for the payee carries its `package_info` (`packageOf`) in both answers, as WeChat's do.
 * `dropAnswers()` makes transfer calls do their work and then cut the connection (the provider
 * accepted, the caller never heard) until `answerAgain()`.
 */
export interface FakeWechatBill {
	outBillNo: string;
	transferBillNo: string;
	appid: string;
	openid: string;
	amountFen: number;
	userName?: string;
	sceneId: string;
	state: "ACCEPTED" | "WAIT_USER_CONFIRM" | "SUCCESS" | "FAIL" | "CANCELLED";
	failReason?: string;
}

export interface FakeWechatTransfer extends FakeWechatPay {
	bills: Map<string, FakeWechatBill>;
	/** How many times money actually moved (a repeated out_bill_no does not count). */
	moneyMoved(): number;
	failOpenid(openid: string, reason: string): void;
	confirmFirst(openid: string): void;
	/** The payee confirms (or the merchant's bill is cancelled) in WeChat. */
	confirm(outBillNo: string, outcome?: "SUCCESS" | "CANCELLED"): void;
	/** The package_info WeChat gives for a bill waiting for the payee. */
	packageOf(bill: FakeWechatBill): string;
	dropAnswers(): void;
	answerAgain(): void;
}

export async function startFakeWechatTransfer(): Promise<FakeWechatTransfer> {
	const bills = new Map<string, FakeWechatBill>();
	const failing = new Map<string, string>();
	const waiting = new Set<string>();
	let dropping = false;
	let moved = 0;
	let numbers = 0;
	// The platform's private key opens user_name; it exists once the fake has started.
	let platform: FakeWechatPay | undefined;

	/** One package per bill, so a test can tell which bill a page or an answer carries. */
	const packageOf = (bill: FakeWechatBill) => `ABBQO+oYAAABAAAAAAAk+yPZAAAAWKF${bill.transferBillNo}==`;
	const view = (bill: FakeWechatBill) => ({
		mch_id: platform?.mchid,
		out_bill_no: bill.outBillNo,
		transfer_bill_no: bill.transferBillNo,
		appid: bill.appid,
		state: bill.state,
		transfer_amount: bill.amountFen,
		openid: bill.openid,
		...(bill.failReason ? { fail_reason: bill.failReason } : {}),
		...(bill.state === "WAIT_USER_CONFIRM" ? { package_info: packageOf(bill) } : {}),
		create_time: "2026-12-01T12:00:00+08:00",
		update_time: "2026-12-01T12:00:01+08:00",
	});

	const wechat = await startFakeWechatPay({
		routes: ({ method, url, input, request, response, answer, refuse }) => {
			const no = (status: number, code: string, message: string) => {
				refuse(status, code, message);
				return true;
			};
			if (url.pathname === "/v3/fund-app/mch-transfer/transfer-bills" && method === "POST") {
				const outBillNo = typeof input.out_bill_no === "string" ? input.out_bill_no : "";
				const amount = input.transfer_amount;
				if (!/^[A-Za-z0-9]{5,32}$/.test(outBillNo)) return no(400, "PARAM_ERROR", "out_bill_no 格式错误");
				if (!Number.isInteger(amount) || amount < 10) return no(400, "PARAM_ERROR", "transfer_amount 须为整数（分）");
				if (typeof input.openid !== "string" || !input.openid) return no(400, "PARAM_ERROR", "缺少 openid");
				if (typeof input.transfer_scene_id !== "string" || !Array.isArray(input.transfer_scene_report_infos))
					return no(400, "PARAM_ERROR", "缺少转账场景或场景报备信息");
				let userName: string | undefined;
				if (typeof input.user_name === "string") {
					if (!platform || request.headers["wechatpay-serial"] !== platform.publicKeyId)
						return no(400, "PARAM_ERROR", "Wechatpay-Serial 与加密公钥不符");
					try {
						userName = privateDecrypt(
							{ key: platform.keys.platform.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
							Buffer.from(input.user_name, "base64"),
						).toString("utf8");
					} catch {
						return no(400, "PARAM_ERROR", "user_name 解密失败");
					}
				} else if (amount >= 200_000) return no(400, "PARAM_ERROR", "转账金额 >= 2000 元时须填写 user_name");
				const existing = bills.get(outBillNo);
				if (existing) {
					if (existing.amountFen !== amount || existing.openid !== input.openid)
						return no(400, "INVALID_REQUEST", "商户单号重复，参数不一致");
				} else {
					numbers += 1;
					const failReason = failing.get(input.openid);
					const bill: FakeWechatBill = {
						outBillNo,
						transferBillNo: `1330000071100999991182020050700${String(numbers).padStart(3, "0")}`,
						appid: String(input.appid),
						openid: input.openid,
						amountFen: amount,
						...(userName ? { userName } : {}),
						sceneId: input.transfer_scene_id,
						state: failReason ? "FAIL" : waiting.has(input.openid) ? "WAIT_USER_CONFIRM" : "SUCCESS",
						...(failReason ? { failReason } : {}),
					};
					bills.set(outBillNo, bill);
					if (bill.state === "SUCCESS") moved += 1;
				}
				if (dropping) {
					response.socket?.destroy();
					return true;
				}
				const bill = bills.get(outBillNo) as FakeWechatBill;
				answer(200, {
					out_bill_no: bill.outBillNo,
					transfer_bill_no: bill.transferBillNo,
					create_time: "2026-12-01T12:00:00+08:00",
					state: bill.state,
					...(bill.failReason ? { fail_reason: bill.failReason } : {}),
					...(bill.state === "WAIT_USER_CONFIRM" ? { package_info: packageOf(bill) } : {}),
				});
				return true;
			}
			const byNo = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(url.pathname);
			if (byNo && method === "GET") {
				const bill = bills.get(decodeURIComponent(byNo[1] as string));
				if (!bill) refuse(404, "NOT_FOUND", "记录不存在");
				else answer(200, view(bill));
				return true;
			}
			return false;
		},
	});
	platform = wechat;
	return Object.assign(wechat, {
		bills,
		moneyMoved: () => moved,
		failOpenid: (openid: string, reason: string) => void failing.set(openid, reason),
		confirmFirst: (openid: string) => void waiting.add(openid),
		packageOf,
		confirm(outBillNo: string, outcome: "SUCCESS" | "CANCELLED" = "SUCCESS") {
			const bill = bills.get(outBillNo);
			if (!bill || bill.state !== "WAIT_USER_CONFIRM") throw new Error(`fake WeChat transfer: no bill waiting ${outBillNo}`);
			bill.state = outcome;
			if (outcome === "SUCCESS") moved += 1;
		},
		dropAnswers: () => {
			dropping = true;
		},
		answerAgain: () => {
			dropping = false;
		},
	});
}
