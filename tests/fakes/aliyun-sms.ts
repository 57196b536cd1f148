import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback Aliyun SMS (dysmsapi 2017-05-25) that checks requests the way Aliyun does.
 *
 * The dysmsapi SDK (through @alicloud/openapi-core) signs with the v3 scheme: an
 * `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b>,Signature=<hex>`
 * header over a canonical request (method, path, sorted and re-encoded query, the signed
 * `host`/`x-acs-*`/`content-type` headers, the SHA-256 of the body). RPC parameters travel in the
 * query string. This fake recomputes that signature with the known secret, rejects a wrong one
 * with Aliyun's error JSON (`{RequestId, HostId, Code, Message, Recommend}`), and records what it
 * accepted.
 */
export interface AliyunSentSms {
	accessKeyId: string;
	phoneNumbers: string;
	signName: string;
	templateCode: string;
	templateParam: Record<string, unknown>;
	bizId: string;
}

export interface FakeAliyunSms {
	/** http://127.0.0.1:PORT, for ALIYUN_SMS_ENDPOINT. */
	url: string;
	/** 127.0.0.1:PORT */
	host: string;
	port: number;
	sent: AliyunSentSms[];
	/** Codes of the requests this fake refused (signature, key, parameters, injected failures). */
	rejected: string[];
	/** The next well-signed SendSms is answered with this business code (HTTP 200), as Aliyun does. */
	failNextWith(code: string, message?: string): void;
	close(): Promise<void>;
}

const algorithm = "ACS3-HMAC-SHA256";
const maxClockSkewMs = 15 * 60 * 1000;

class AliyunError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** Aliyun's percent-encoding for the canonical query (RFC 3986, `!'()*` escaped too). */
function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		throw new AliyunError(400, "InvalidParameter", "The query string is not correctly encoded.");
	}
}

/** Raw query → decoded pairs (no `+`-as-space: Aliyun's clients percent-encode spaces). */
function parseQuery(raw: string): Array<[string, string]> {
	if (!raw) return [];
	return raw.split("&").map((pair) => {
		const index = pair.indexOf("=");
		return index === -1
			? [decodeComponent(pair), ""]
			: [decodeComponent(pair.slice(0, index)), decodeComponent(pair.slice(index + 1))];
	});
}

function sha256Hex(data: Buffer | string): string {
	return createHash("sha256").update(data).digest("hex");
}

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks)));
		request.on("error", reject);
	});
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value.join(",") : value;
}

export async function startFakeAliyunSms(options: { accessKeyId: string; secret: string }): Promise<FakeAliyunSms> {
	const sent: AliyunSentSms[] = [];
	const rejected: string[] = [];
	const usedNonces = new Set<string>();
	let nextFailure: { code: string; message: string } | null = null;

	/** Verifies the ACS3-HMAC-SHA256 signature; returns the access key id it was made with. */
	function verifySignature(request: IncomingMessage, path: string, rawQuery: string, body: Buffer): string {
		const authorization = headerValue(request, "authorization") ?? "";
		const match = authorization.match(/^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/);
		if (!match) throw new AliyunError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
		const [, credential, signedHeaderList, signature] = match as unknown as [string, string, string, string];
		if (credential !== options.accessKeyId)
			throw new AliyunError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

		const signedHeaders = signedHeaderList.split(";");
		const sortedHeaders = [...signedHeaders].sort();
		const mustSign = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];
		if (sortedHeaders.join(";") !== signedHeaderList || mustSign.some((name) => !signedHeaders.includes(name))) {
			throw new AliyunError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
		}
		// Every x-acs-* header and content-type that was sent must be signed too.
		for (const name of Object.keys(request.headers)) {
			if ((name.startsWith("x-acs-") || name === "content-type") && !signedHeaders.includes(name)) {
				throw new AliyunError(400, "IncompleteSignature", `The header ${name} is not signed.`);
			}
		}

		const payloadHash = sha256Hex(body);
		if (headerValue(request, "x-acs-content-sha256") !== payloadHash) {
			throw new AliyunError(400, "SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the request body.");
		}

		const date = Date.parse(headerValue(request, "x-acs-date") ?? "");
		if (Number.isNaN(date) || Math.abs(Date.now() - date) > maxClockSkewMs) {
			throw new AliyunError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
		}

		const canonicalQuery = parseQuery(rawQuery)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, value]) => `${key}=${percentEncode(value)}`)
			.join("&");
		const canonicalHeaders = sortedHeaders.map((name) => `${name}:${(headerValue(request, name) ?? "").trim()}\n`).join("");
		const canonicalRequest = [request.method, path, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join("\n");
		const stringToSign = `${algorithm}\n${sha256Hex(canonicalRequest)}`;
		const expected = createHmac("sha256", options.secret).update(stringToSign).digest();
		if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
			throw new AliyunError(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");
		}

		// Checked after the signature, as a replayed nonce is only meaningful on a valid request.
		const nonce = headerValue(request, "x-acs-signature-nonce") ?? "";
		if (!nonce || usedNonces.has(nonce)) {
			throw new AliyunError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
		}
		usedNonces.add(nonce);
		return credential;
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID().toUpperCase();
		const reply = (status: number, payload: Record<string, unknown>) => {
			response.writeHead(status, { "content-type": "application/json;charset=utf-8", "x-acs-request-id": requestId });
			response.end(JSON.stringify({ RequestId: requestId, ...payload }));
		};
		try {
			const body = await readBody(request);
			const rawUrl = request.url ?? "/";
			const queryIndex = rawUrl.indexOf("?");
			const path = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
			const rawQuery = queryIndex === -1 ? "" : rawUrl.slice(queryIndex + 1);
			const accessKeyId = verifySignature(request, path, rawQuery, body);

			if (headerValue(request, "x-acs-action") !== "SendSms" || headerValue(request, "x-acs-version") !== "2017-05-25") {
				throw new AliyunError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
			}
			if (request.method !== "POST" && request.method !== "GET") {
				throw new AliyunError(400, "UnsupportedHTTPMethod", "This http method is not supported.");
			}
			// RPC parameters: query string, or a form body.
			const params = new Map(parseQuery(rawQuery));
			if ((headerValue(request, "content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
				for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params.set(key, value);
			}
			for (const name of ["PhoneNumbers", "SignName", "TemplateCode"]) {
				if (!params.get(name)) throw new AliyunError(400, `Missing${name}`, `${name} is mandatory for this action.`);
			}

			// Business outcomes come back as HTTP 200 with a Code other than OK.
			if (nextFailure) {
				const failure = nextFailure;
				nextFailure = null;
				rejected.push(failure.code);
				return reply(200, { Code: failure.code, Message: failure.message });
			}
			const phoneNumbers = params.get("PhoneNumbers")!;
			if (!/^(\+|00)?\d{7,15}$/.test(phoneNumbers)) {
				rejected.push("isv.MOBILE_NUMBER_ILLEGAL");
				return reply(200, { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "invalid mobile number" });
			}
			let templateParam: Record<string, unknown> = {};
			const rawTemplateParam = params.get("TemplateParam");
			if (rawTemplateParam) {
				try {
					templateParam = JSON.parse(rawTemplateParam);
				} catch {
					rejected.push("isv.INVALID_JSON_PARAM");
					return reply(200, { Code: "isv.INVALID_JSON_PARAM", Message: "JSON参数不合法，只接受字符串值" });
				}
			}
			const bizId = `${Date.now()}^${sent.length}`;
			sent.push({
				accessKeyId,
				phoneNumbers,
				signName: params.get("SignName")!,
				templateCode: params.get("TemplateCode")!,
				templateParam,
				bizId,
			});
			return reply(200, { Code: "OK", Message: "OK", BizId: bizId });
		} catch (error) {
			if (!(error instanceof AliyunError)) throw error;
			rejected.push(error.code);
			return reply(error.status, {
				HostId: "dysmsapi.aliyuncs.com",
				Code: error.code,
				Message: error.message,
				Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}&product=Dysmsapi&requestId=${requestId}`,
			});
		}
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			response.writeHead(500, { "content-type": "application/json;charset=utf-8" });
			response.end(JSON.stringify({ Code: "InternalError", Message: String(error) }));
		});
	});
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		port,
		sent,
		rejected,
		failNextWith(code, message = "the fake was told to fail this message") {
			nextFailure = { code, message };
		},
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
