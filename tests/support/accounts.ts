import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { termsVersion } from "~/modules/legal/documents";

/** Helpers for tests that go through the sign-in flows over real HTTP. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: "POST",
		headers: { "content-type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function requestJson(method: string, url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method,
		headers: { "content-type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/**
 * A fresh proof by SMS for a signed-in account (the `smsCode` of DELETE /me, POST /me/password):
 * sends the code to the account's phone and reads it from the outbox.
 */
export async function proofCode(appUrl: string, token: string, phone: string): Promise<string> {
	const sent = await postJson(`${appUrl}/api/v1/me/proof-codes`, {}, { authorization: `Bearer ${token}` });
	if (sent.status !== 202) throw new Error(`proof code request failed: ${sent.status} ${JSON.stringify(sent.body)}`);
	return latestCode(appUrl, phone.startsWith("+") ? phone : `+86${phone}`);
}

/** The newest code sent to a recipient, read from the development outbox as a user would. */
export async function latestCode(appUrl: string, recipient: string): Promise<string> {
	const { messages } = (await (await fetch(`${appUrl}/dev/outbox.json`)).json()) as {
		messages: Array<{ recipient: string; text: string }>;
	};
	const message = messages.find((entry) => entry.recipient === recipient);
	const code = message?.text.match(/\d{6}/)?.[0];
	if (!code) throw new Error(`no code in the outbox for ${recipient}`);
	return code;
}

/** Solves a human check from GET /api/v1/auth/challenge, as an app would: the `challenge` field of a send. */
export async function solvedChallenge(appUrl: string): Promise<string> {
	const challenge = (await (await fetch(`${appUrl}/api/v1/auth/challenge`)).json()) as Challenge;
	const solution = await solveChallenge({ challenge, deriveKey });
	if (!solution) throw new Error("the challenge could not be solved");
	return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

/**
 * Asks for an SMS code (`path` is /auth/sms-codes or /auth/password-reset-codes) like a client
 * that implements the human check: only when the answer asks for one, it solves and sends again.
 */
export async function sendSmsCode(appUrl: string, body: Record<string, unknown>, path = "/auth/sms-codes") {
	const first = await postJson(`${appUrl}/api/v1${path}`, body);
	if (first.status !== 403 || first.body?.error?.code !== "challenge_required") return first;
	return postJson(`${appUrl}/api/v1${path}`, { ...body, challenge: await solvedChallenge(appUrl) });
}

export async function signInBySms(appUrl: string, phone: string): Promise<{ token: string; user: { id: string } }> {
	const sent = await sendSmsCode(appUrl, { phone, purpose: "login" });
	if (sent.status !== 202) throw new Error(`code request failed: ${sent.status} ${JSON.stringify(sent.body)}`);
	const code = await latestCode(appUrl, phone.startsWith("+") ? phone : `+86${phone}`);
	const login = await postJson(`${appUrl}/api/v1/auth/sms-login`, { phone, code, termsVersion });
	if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
	return login.body;
}
