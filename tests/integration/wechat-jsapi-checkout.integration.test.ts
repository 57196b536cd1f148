import { createVerify } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rereadSettings } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { verifyLedger } from "~/modules/payments/ledger/verify-ledger.server";
import { payments } from "../../db/schema";
import { type FakeWechatOAuth, startFakeWechatOAuth } from "../fakes/wechat-oauth";
import { type FakeWechatPay, startFakeWechatPay } from "../fakes/wechatpay-pay";
import { bookThroughApi } from "../support/api-client";
import { bookableCoach, signedInUser } from "../support/bookings";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * WeChat Pay JSAPI on the checkout page inside WeChat's browser: the silent snsapi_base
 * authorisation against the WeChat OAuth fake gives the payer's openid, the prepay request carries
 * it (the WeChat Pay fake refuses a JSAPI order without one), and the page hands WeixinJSBridge
 * parameters whose paySign the merchant key made.
 */
let wechat: FakeWechatPay;
let oauth: FakeWechatOAuth;
let app: TestApp;
const mpSecret = "mp-secret-for-tests-0123456789";
const added = ["WECHAT_MP_APP_SECRET", "WECHAT_OAUTH_BASE", "WECHAT_OAUTH_API_BASE"];

beforeAll(async () => {
	wechat = await startFakeWechatPay();
	oauth = await startFakeWechatOAuth({ appid: wechat.appid, secret: mpSecret });
	oauth.scanner = { openid: "oJsapiPayer_0123456789abcdef", nickname: "付款人" };
	// Settings are read once per process: set before the app starts.
	Object.assign(process.env, wechat.settings, {
		WECHAT_MP_APP_SECRET: mpSecret,
		WECHAT_OAUTH_BASE: oauth.url,
		WECHAT_OAUTH_API_BASE: oauth.url,
	});
	rereadSettings();
	app = await startTestApp();
});
afterAll(async () => {
	await app?.close();
	for (const name of [...Object.keys(wechat.settings), ...added]) delete process.env[name];
	rereadSettings();
	await Promise.all([wechat?.close(), oauth?.close()]);
});
afterEach(async () => {
	expect((await verifyLedger(db())).breaks).toEqual([]);
});

const inWeChat =
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.54(0x18003630) NetType/WIFI Language/zh_CN";
const desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

/** A browser's cookie jar for one signed-in player, with its User-Agent. */
function browser(token: string, userAgent: string) {
	const jar = new Map<string, string>([["cp_session", token]]);
	const send = async (path: string, init: RequestInit = {}) => {
		const response = await fetch(`${app.url}${path}`, {
			...init,
			redirect: "manual",
			headers: {
				"user-agent": userAgent,
				cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
				...(init.method === "POST" ? { origin: app.url, "content-type": "application/x-www-form-urlencoded" } : {}),
			},
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair = ""] = line.split(";");
			const at = pair.indexOf("=");
			const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
			if (value && !/max-age=0/i.test(line)) jar.set(name, value);
			else jar.delete(name);
		}
		return { status: response.status, location: response.headers.get("location"), html: await response.text() };
	};
	return {
		jar,
		get: (path: string) => send(path),
		post: (path: string, fields: Record<string, string>) => send(path, { method: "POST", body: new URLSearchParams(fields) }),
	};
}

/** Follows WeChat's authorisation at the fake, which returns the browser to our page with a code. */
async function throughWeChat(location: string): Promise<string> {
	const [url = "", fragment] = location.split("#");
	expect(fragment).toBe("wechat_redirect");
	const answer = await fetch(url, { redirect: "manual" });
	expect(answer.status).toBe(302);
	const back = new URL(answer.headers.get("location") ?? "");
	return `${back.pathname}${back.search}`;
}

const paramsOf = (html: string) => {
	const attribute = html.match(/data-testid="jsapi-payment"[^>]*data-params="([^"]+)"/)?.[1];
	if (!attribute) throw new Error("no JSAPI payment on the page");
	return JSON.parse(attribute.replaceAll("&quot;", '"').replaceAll("&amp;", "&")) as Record<string, string>;
};

describe("paying with WeChat Pay inside WeChat's browser (JSAPI)", () => {
	it("asks WeChat for the payer's openid silently, then opens a JSAPI payment for that openid with a verifiable paySign", async () => {
		const coach = await bookableCoach("公众号页面教练");
		const player = await signedInUser("公众号页面学员");
		const booking = await bookThroughApi(app, coach, player);
		const checkoutPath = `/me/bookings/${booking.id}/pay`;

		// Outside WeChat the checkout shows at once.
		expect((await browser(player.token, desktop).get(checkoutPath)).status).toBe(200);

		const phone = browser(player.token, inWeChat);
		const first = await phone.get(checkoutPath);
		expect(first.status).toBe(302);
		const authorize = new URL((first.location ?? "").split("#")[0] ?? "");
		expect(`${authorize.origin}${authorize.pathname}`).toBe(`${oauth.url}/connect/oauth2/authorize`);
		expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
			appid: wechat.appid,
			response_type: "code",
			scope: "snsapi_base",
			state: expect.stringMatching(/^.{16,}$/),
		});
		expect(new URL(authorize.searchParams.get("redirect_uri") ?? "").pathname).toBe(checkoutPath);
		expect(phone.jar.has("cp_wxpay_state")).toBe(true);

		const back = await phone.get(await throughWeChat(first.location ?? ""));
		expect(back.status).toBe(302);
		expect(back.location).toBe(checkoutPath);
		expect(phone.jar.has("cp_wxpay_openid")).toBe(true);
		// The openid travels sealed: the browser cannot read it.
		expect(phone.jar.get("cp_wxpay_openid")).not.toContain(oauth.scanner.openid);

		const page = await phone.get(checkoutPath);
		expect(page.status).toBe(200);
		expect(page.html).toContain("微信支付");

		const paying = await phone.post(checkoutPath, { kind: "deposit", method: "wechatpay" });
		expect(paying.status).toBe(200);
		const params = paramsOf(paying.html);
		expect(params).toMatchObject({ appId: wechat.appid, signType: "RSA", package: expect.stringMatching(/^prepay_id=wx/) });
		const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
		expect(
			createVerify("RSA-SHA256")
				.update(message)
				.verify(wechat.keys.merchant.publicKey, params.paySign ?? "", "base64"),
		).toBe(true);
		const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
		expect(payment).toMatchObject({ method: "wechatpay", channel: "jsapi", amountFen: booking.depositFen });
		expect(wechat.trades.get(payment?.outTradeNo ?? "")).toMatchObject({ channel: "jsapi", openid: oauth.scanner.openid });
	});

	it("refuses a code that comes back with a forged state: no openid is kept and WeChat Pay falls back to a QR code", async () => {
		const coach = await bookableCoach("伪造授权教练");
		const player = await signedInUser("伪造授权学员");
		const booking = await bookThroughApi(app, coach, player);
		const checkoutPath = `/me/bookings/${booking.id}/pay`;
		const phone = browser(player.token, inWeChat);
		expect((await phone.get(checkoutPath)).status).toBe(302);

		const planted = await phone.get(`${checkoutPath}?code=${oauth.issueCode()}&state=not-the-state-we-sent`);
		expect(planted.status).toBe(200);
		expect(planted.html).toContain("没能取得微信授权");
		expect(phone.jar.has("cp_wxpay_openid")).toBe(false);

		const paying = await phone.post(checkoutPath, { kind: "deposit", method: "wechatpay" });
		expect(paying.status).toBe(200);
		expect(paying.html).toContain('data-testid="qr-payment"');
		expect(paying.html).not.toContain('data-testid="jsapi-payment"');
		const [payment] = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
		expect(payment?.channel).toBe("native");
	});

	it("keeps the page's query through WeChat, and when WeChat refuses the code shows why and does not bounce the payer again", async () => {
		const coach = await bookableCoach("授权失败教练");
		const player = await signedInUser("授权失败学员");
		const booking = await bookThroughApi(app, coach, player);
		const tipPath = `/me/bookings/${booking.id}/pay?tip=1`;
		const phone = browser(player.token, inWeChat);
		const first = await phone.get(tipPath);
		expect(first.status).toBe(302);
		const redirectUri = new URL(new URL((first.location ?? "").split("#")[0] ?? "").searchParams.get("redirect_uri") ?? "");
		expect(`${redirectUri.pathname}${redirectUri.search}`).toBe(tipPath);

		oauth.failNextTokenWith(40029, "invalid code");
		const refused = await phone.get(await throughWeChat(first.location ?? ""));
		expect(refused.status).toBe(200);
		expect(refused.html).toContain("没能取得微信授权");
		expect(oauth.errors).toContain(40029);
		expect(phone.jar.has("cp_wxpay_openid")).toBe(false);
		// For a while the page no longer sends the payer to WeChat: it pays by QR code instead.
		expect((await phone.get(tipPath)).status).toBe(200);
	});

	it("an openid obtained in one session is not used by another", async () => {
		const coach = await bookableCoach("会话绑定教练");
		const player = await signedInUser("会话绑定学员");
		const booking = await bookThroughApi(app, coach, player);
		const checkoutPath = `/me/bookings/${booking.id}/pay`;
		const phone = browser(player.token, inWeChat);
		const first = await phone.get(checkoutPath);
		expect((await phone.get(await throughWeChat(first.location ?? ""))).location).toBe(checkoutPath);

		const other = await signedInUser("会话绑定学员二");
		const otherPhone = browser(other.token, inWeChat);
		otherPhone.jar.set("cp_wxpay_openid", phone.jar.get("cp_wxpay_openid") ?? "");
		const otherBooking = await bookThroughApi(app, coach, other, { offset: 1 });
		const again = await otherPhone.get(`/me/bookings/${otherBooking.id}/pay`);
		expect(again.status).toBe(302);
		expect(again.location).toContain("/connect/oauth2/authorize?");
	});
});
