import { createSign, createVerify, type KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The wire format of Alipay's openapi gateway (`/gateway.do`), shared by the loopback fakes:
 * common parameters in the query string, the others in a form body; requests signed RSA2
 * (SHA256withRSA) over the sorted `key=value` pairs of every non-empty parameter but `sign`;
 * answers `{"<method_with_underscores>_response": {...}, "sign": "<RSA2 over that JSON text>"}`.
 */
export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		request.on("error", reject);
	});
}

/** Query string and, for a form POST, its body: the parameters of one gateway request. */
export async function gatewayParams(request: IncomingMessage, url: URL): Promise<Map<string, string>> {
	const params = new Map(url.searchParams);
	if ((request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
		for (const [key, value] of new URLSearchParams(await readBody(request))) params.set(key, value);
	}
	return params;
}

/** "yyyy-MM-dd HH:mm:ss" in the caller's clock (the SDK sends local time), within 15 minutes. */
export function timestampFresh(value: string | undefined): boolean {
	const match = value?.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/);
	if (!match) return false;
	const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
	return Math.abs(new Date(y, mo - 1, d, h, mi, s).getTime() - Date.now()) < 15 * 60_000;
}

/** The sorted `k=v&…` text Alipay signs: every non-empty value, without the names left out. */
export function signContent(params: Iterable<[string, string]>, leaveOut: string[]): string {
	return [...params]
		.filter(([name, value]) => !leaveOut.includes(name) && value !== "")
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => `${name}=${value}`)
		.join("&");
}

export function rsa2Sign(content: string, key: KeyObject | string): string {
	return createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");
}

/** The gateway's check of a request: its RSA2 signature against the app's public key. */
export function requestSignedBy(params: Map<string, string>, appPublicKey: KeyObject | string): boolean {
	const signature = params.get("sign") ?? "";
	if (!signature) return false;
	return createVerify("RSA-SHA256")
		.update(signContent(params.entries(), ["sign"]), "utf8")
		.verify(appPublicKey, signature, "base64");
}

/** A signed answer; the signature covers exactly the JSON text of the inner object. */
export function writeSignedAnswer(
	response: ServerResponse,
	key: string,
	body: Record<string, unknown>,
	signingKey: KeyObject | string,
): void {
	const inner = JSON.stringify(body);
	response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
	response.end(`{"${key}":${inner},"sign":"${rsa2Sign(inner, signingKey)}"}`);
}
