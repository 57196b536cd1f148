import { execFileSync } from "node:child_process";
import { createHash, createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gatewayParams, requestSignedBy, rsa2Sign, timestampFresh } from "./alipay-gateway";

/**
 * A loopback Alipay for fund transfers, in public-key certificate mode as Alipay requires for
 * `alipay.fund.trans.uni.transfer`: at start it makes a root certificate and, signed by it, the
 * app's and "Alipay's" public-key certificates (with the openssl command line, as a merchant gets
 * them from the open platform). Every request must carry the app's certificate serial
 * (app_cert_sn) and the root's (alipay_root_cert_sn), computed as Alipay does (md5 of the issuer,
 * reversed, and the decimal serial), and an RSA2 signature by the app's key; every answer is signed
 * with the key inside Alipay's certificate and names that certificate's serial.
 * - `alipay.fund.trans.uni.transfer`: one transfer per out_biz_no (a repeat answers the first's
 *   outcome and moves no money again); a payee may be set to be refused (`refusePayee`).
 * - `alipay.fund.trans.common.query`: the transfer of an out_biz_no, or ORDER_NOT_EXIST.
 * `dropAnswersTo(method)` makes its calls do their work and then cut the connection without an
 * answer (until `answerAgain()`): the provider accepted, and the caller never heard — a crash
 * between the two. Every call is dropped, not only the next: the HTTP client resends once after
 * a socket error by itself.
 */
export interface FakeTransfer {
	outBizNo: string;
	orderId: string;
	amount: string;
	payeeLogin: string;
	payeeName: string;
	status: "SUCCESS" | "FAIL";
	failReason?: string;
}

export interface FakeAlipayTransfer {
	gateway: string;
	appId: string;
	/** ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY, the three certificates (PEM) and ALIPAY_GATEWAY. */
	settings: Record<
		"ALIPAY_APP_ID" | "ALIPAY_PRIVATE_KEY" | "ALIPAY_APP_CERT" | "ALIPAY_PUBLIC_CERT" | "ALIPAY_ROOT_CERT" | "ALIPAY_GATEWAY",
		string
	>;
	transfers: Map<string, FakeTransfer>;
	/** How many times money actually moved (a repeated out_biz_no does not count). */
	moneyMoved(): number;
	dropAnswersTo(method: string): void;
	answerAgain(): void;
	/** Transfers to this login are refused with the sub code (e.g. PAYEE_NOT_EXIST). */
	refusePayee(login: string, subCode: string): void;
	/** Calls whose certificate serials and signature checked out, by method. */
	verifiedCalls: string[];
	rejected: string[];
	close(): Promise<void>;
}

/** Alipay's certificate serial: md5 of the issuer's attributes in reverse order ("CN=…,O=…,C=…") and the serial in decimal. */
export function alipayCertSn(pem: string): string {
	const certificate = new X509Certificate(pem);
	const issuer = certificate.issuer.split("\n").reverse().join(",");
	const serial = BigInt(`0x${certificate.serialNumber}`).toString(10);
	return createHash("md5").update(`${issuer}${serial}`, "utf8").digest("hex");
}

function makeCertificates() {
	const dir = mkdtempSync(join(tmpdir(), "fake-alipay-certs-"));
	const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
	try {
		openssl(
			"req",
			"-x509",
			"-newkey",
			"rsa:2048",
			"-nodes",
			"-sha256",
			"-days",
			"2",
			"-keyout",
			"root.key",
			"-out",
			"root.crt",
			"-subj",
			"/C=CN/O=Fake Ant Financial/CN=Fake Alipay Root CA",
		);
		for (const [name, subject, serial] of [
			["app", "/C=CN/O=CuePal Test/CN=2021000000000188", "0x1a2b3c4d01"],
			["alipay", "/C=CN/O=Fake Alipay/CN=Fake Alipay Public Key", "0x1a2b3c4d02"],
		] as const) {
			openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject);
			openssl(
				"x509",
				"-req",
				"-sha256",
				"-days",
				"2",
				"-in",
				`${name}.csr`,
				"-CA",
				"root.crt",
				"-CAkey",
				"root.key",
				"-set_serial",
				serial,
				"-out",
				`${name}.crt`,
			);
		}
		const read = (file: string) => readFileSync(join(dir, file), "utf8");
		return {
			root: read("root.crt"),
			app: { cert: read("app.crt"), privateKey: createPrivateKey(read("app.key")) },
			alipay: { cert: read("alipay.crt"), privateKey: createPrivateKey(read("alipay.key")) },
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const yuanPattern = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

export async function startFakeAlipayTransfer(options: { appId?: string } = {}): Promise<FakeAlipayTransfer> {
	const appId = options.appId ?? "2021000000000188";
	const certs = makeCertificates();
	const appPublicKey: KeyObject = createPublicKey(certs.app.cert);
	const appSn = alipayCertSn(certs.app.cert);
	const alipaySn = alipayCertSn(certs.alipay.cert);
	const rootSn = alipayCertSn(certs.root);
	const transfers = new Map<string, FakeTransfer>();
	const refusedPayees = new Map<string, string>();
	const drops = new Set<string>();
	let moved = 0;
	let orders = 0;

	const fake: FakeAlipayTransfer = {
		gateway: "",
		appId,
		settings: {
			ALIPAY_APP_ID: appId,
			ALIPAY_PRIVATE_KEY: certs.app.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
			ALIPAY_APP_CERT: certs.app.cert,
			ALIPAY_PUBLIC_CERT: certs.alipay.cert,
			ALIPAY_ROOT_CERT: certs.root,
			ALIPAY_GATEWAY: "",
		},
		transfers,
		moneyMoved: () => moved,
		dropAnswersTo: (method) => void drops.add(method),
		answerAgain: () => drops.clear(),
		refusePayee: (login, subCode) => void refusedPayees.set(login, subCode),
		verifiedCalls: [],
		rejected: [],
		close: () => new Promise((done) => server.close(() => done())),
	};

	const answerKey = (method: string) => `${method.replaceAll(".", "_")}_response`;
	function answer(response: ServerResponse, method: string, body: Record<string, unknown>) {
		if (drops.has(method)) {
			// The work is done; the answer never arrives.
			response.socket?.destroy();
			return;
		}
		// Signed with the key of Alipay's certificate, naming that certificate, as Alipay answers in certificate mode.
		const inner = JSON.stringify(body);
		response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
		response.end(
			`{"${answerKey(method)}":${inner},"alipay_cert_sn":"${alipaySn}","sign":"${rsa2Sign(inner, certs.alipay.privateKey)}"}`,
		);
	}
	function refuse(response: ServerResponse, method: string, code: string, subCode: string, subMsg: string) {
		fake.rejected.push(subCode);
		answer(response, method, {
			code,
			msg: code === "40002" ? "Invalid Arguments" : "Business Failed",
			sub_code: subCode,
			sub_msg: subMsg,
		});
	}

	function transfer(biz: Record<string, unknown>): FakeTransfer | { subCode: string; subMsg: string } {
		const outBizNo = typeof biz.out_biz_no === "string" ? biz.out_biz_no : "";
		const amount = typeof biz.trans_amount === "string" ? biz.trans_amount : "";
		const payee = (biz.payee_info ?? {}) as Record<string, unknown>;
		if (!/^[A-Za-z0-9_]{1,64}$/.test(outBizNo)) return { subCode: "INVALID_PARAMETER", subMsg: "out_biz_no 格式错误" };
		if (!yuanPattern.test(amount) || amount === "0" || amount === "0.00")
			return { subCode: "INVALID_PARAMETER", subMsg: "trans_amount 格式错误" };
		if (biz.product_code !== "TRANS_ACCOUNT_NO_PWD" || biz.biz_scene !== "DIRECT_TRANSFER")
			return { subCode: "INVALID_PARAMETER", subMsg: "product_code / biz_scene 不正确" };
		if (payee.identity_type !== "ALIPAY_LOGON_ID" || typeof payee.identity !== "string" || typeof payee.name !== "string")
			return { subCode: "PAYEE_USER_INFO_ERROR", subMsg: "收款方信息不完整" };
		const existing = transfers.get(outBizNo);
		if (existing) {
			// Alipay's idempotency: the same business number with other contents is a conflict, the same one the first outcome.
			if (existing.amount !== amount || existing.payeeLogin !== payee.identity)
				return { subCode: "REQUEST_PARAM_ILLEGAL", subMsg: "同一单号参数不一致" };
			return existing;
		}
		orders += 1;
		const refusal = refusedPayees.get(payee.identity);
		const created: FakeTransfer = {
			outBizNo,
			orderId: `20261201110070000006${String(orders).padStart(8, "0")}`,
			amount,
			payeeLogin: payee.identity,
			payeeName: payee.name,
			status: refusal ? "FAIL" : "SUCCESS",
			...(refusal ? { failReason: refusal } : {}),
		};
		transfers.set(outBizNo, created);
		if (!refusal) moved += 1;
		return created;
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? "/", "http://127.0.0.1");
		if (url.pathname !== "/gateway.do" || request.method !== "POST") {
			response.writeHead(404).end();
			return;
		}
		const params = await gatewayParams(request, url);
		const method = params.get("method") ?? "";
		if (params.get("app_id") !== appId) return refuse(response, method, "40002", "isv.invalid-app-id", "无效的AppID参数");
		if (params.get("app_cert_sn") !== appSn)
			return refuse(response, method, "40002", "isv.app-cert-sn-error", "应用公钥证书序列号不匹配");
		if (params.get("alipay_root_cert_sn") !== rootSn)
			return refuse(response, method, "40002", "isv.alipay-root-cert-sn-error", "支付宝根证书序列号不匹配");
		if (!timestampFresh(params.get("timestamp")))
			return refuse(response, method, "40002", "isv.invalid-timestamp", "非法的时间戳参数");
		if (!requestSignedBy(params, appPublicKey)) return refuse(response, method, "40002", "isv.invalid-signature", "验签出错");
		fake.verifiedCalls.push(method);
		let biz: Record<string, unknown> = {};
		try {
			biz = JSON.parse(params.get("biz_content") ?? "{}");
		} catch {
			return refuse(response, method, "40002", "isv.invalid-parameter", "biz_content 格式错误");
		}
		if (method === "alipay.fund.trans.uni.transfer") {
			const done = transfer(biz);
			if ("subCode" in done) return refuse(response, method, "40004", done.subCode, done.subMsg);
			if (done.status === "FAIL")
				return refuse(response, method, "40004", done.failReason ?? "PAYEE_NOT_EXIST", "收款账号不存在");
			return answer(response, method, {
				code: "10000",
				msg: "Success",
				out_biz_no: done.outBizNo,
				order_id: done.orderId,
				pay_fund_order_id: `${done.orderId}01`,
				status: "SUCCESS",
				trans_date: "2026-12-01 12:00:00",
			});
		}
		if (method === "alipay.fund.trans.common.query") {
			const found = transfers.get(typeof biz.out_biz_no === "string" ? biz.out_biz_no : "");
			if (!found) return refuse(response, method, "40004", "ORDER_NOT_EXIST", "转账订单不存在");
			return answer(response, method, {
				code: "10000",
				msg: "Success",
				out_biz_no: found.outBizNo,
				order_id: found.orderId,
				status: found.status,
				trans_amount: found.amount,
				...(found.failReason ? { fail_reason: found.failReason, error_code: found.failReason } : {}),
			});
		}
		return refuse(response, method, "40002", "isv.invalid-method", "不存在的方法名");
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			if (!response.headersSent) response.writeHead(500);
			response.end();
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", () => ready()));
	const { port } = server.address() as AddressInfo;
	fake.gateway = `http://127.0.0.1:${port}/gateway.do`;
	fake.settings.ALIPAY_GATEWAY = fake.gateway;
	return fake;
}
