import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback Tencent Cloud SMS (API 3.0, sms 2021-01-11) that checks requests the way Tencent
 * does: the `Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request,
 * SignedHeaders=<a;b>, Signature=<hex>` header is recomputed from the canonical request, the string
 * to sign and the derived key chain (TC3+secret → date → service → "tc3_request"). Errors come back
 * as Tencent sends them: HTTP 200 with `{Response:{Error:{Code,Message},RequestId}}`.
 *
 * Two things follow from the SDK rather than from Tencent's servers, because the fake listens on
 * 127.0.0.1:PORT: the SDK signs the URL's host name without the port, and it takes the credential
 * scope's service from the endpoint's first DNS label ("sms" for sms.tencentcloudapi.com, "127"
 * here). The fake expects exactly that: the service must equal the first label of the Host header.
 */
export interface TencentSentSms {
	secretId: string;
	region: string | undefined;
	phoneNumber: string;
	smsSdkAppId: string;
	signName: string | undefined;
	templateId: string;
	templateParamSet: string[];
	serialNo: string;
}

export interface FakeTencentSms {
	/** http://127.0.0.1:PORT, for TENCENT_SMS_ENDPOINT. */
	url: string;
	/** 127.0.0.1:PORT */
	host: string;
	port: number;
	sent: TencentSentSms[];
	/** Codes of the requests (or send statuses) this fake refused. */
	rejected: string[];
	/** The next well-signed SendSms gets a send status with this code instead of "Ok". */
	failNextWith(code: string, message?: string): void;
	close(): Promise<void>;
}

const maxClockSkewSeconds = 300;

class TencentError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

function sha256Hex(data: Buffer | string): string {
	return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
	return createHmac("sha256", key).update(data).digest();
}

function utcDate(timestamp: number): string {
	return new Date(timestamp * 1000).toISOString().slice(0, 10);
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

/** The host name the client signed: the Host header without a port. */
function hostName(request: IncomingMessage): string {
	const host = headerValue(request, "host") ?? "";
	return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
}

export async function startFakeTencentSms(options: { secretId: string; secret: string }): Promise<FakeTencentSms> {
	const sent: TencentSentSms[] = [];
	const rejected: string[] = [];
	let nextFailure: { code: string; message: string } | null = null;

	function verifySignature(request: IncomingMessage, path: string, rawQuery: string, body: Buffer): void {
		const authorization = headerValue(request, "authorization") ?? "";
		const match = authorization.match(
			/^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/,
		);
		if (!match) throw new TencentError("AuthFailure.InvalidAuthorization", "Authorization header format is invalid.");
		const [, secretId, date, service, signedHeaderList, signature] = match as unknown as [
			string,
			string,
			string,
			string,
			string,
			string,
		];
		if (secretId !== options.secretId) {
			throw new TencentError(
				"AuthFailure.SecretIdNotFound",
				"The SecretId is not found, please ensure that your SecretId is correct.",
			);
		}

		const timestamp = Number(headerValue(request, "x-tc-timestamp"));
		if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > maxClockSkewSeconds) {
			throw new TencentError(
				"AuthFailure.SignatureExpire",
				"Signature expired. Timestamp and server time cannot differ by more than 5 minutes.",
			);
		}
		if (date !== utcDate(timestamp)) {
			throw new TencentError("AuthFailure.InvalidAuthorization", "The date in Credential does not match X-TC-Timestamp.");
		}
		if (service !== hostName(request).split(".")[0]) {
			throw new TencentError(
				"AuthFailure.InvalidAuthorization",
				"The service in Credential does not match the requested service.",
			);
		}

		const signedHeaders = signedHeaderList.split(";");
		if (!signedHeaders.includes("content-type") || !signedHeaders.includes("host")) {
			throw new TencentError("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
		}
		// Tencent lower-cases signed header values (the SDK's are lower-case already).
		const canonicalHeaders = signedHeaders
			.map(
				(name) => `${name}:${(name === "host" ? hostName(request) : (headerValue(request, name) ?? "").trim()).toLowerCase()}\n`,
			)
			.join("");
		const canonicalRequest = [request.method, path, rawQuery, canonicalHeaders, signedHeaderList, sha256Hex(body)].join("\n");
		const credentialScope = `${date}/${service}/tc3_request`;
		const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
		const signingKey = hmac(hmac(hmac(`TC3${options.secret}`, date), service), "tc3_request");
		const expected = hmac(signingKey, stringToSign);
		if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
			throw new TencentError(
				"AuthFailure.SignatureFailure",
				"The provided credentials could not be validated. Please check your signature is correct.",
			);
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID();
		const reply = (payload: Record<string, unknown>) => {
			response.writeHead(200, { "content-type": "application/json", "x-tc-requestid": requestId });
			response.end(JSON.stringify({ Response: { ...payload, RequestId: requestId } }));
		};
		try {
			const body = await readBody(request);
			const rawUrl = request.url ?? "/";
			const queryIndex = rawUrl.indexOf("?");
			const path = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
			const rawQuery = queryIndex === -1 ? "" : rawUrl.slice(queryIndex + 1);
			verifySignature(request, path, rawQuery, body);

			if (request.method !== "POST" || !(headerValue(request, "content-type") ?? "").startsWith("application/json")) {
				throw new TencentError("InvalidParameter", "This fake only speaks POST with a JSON body.");
			}
			if (headerValue(request, "x-tc-action") !== "SendSms") {
				throw new TencentError("InvalidAction", `The action ${headerValue(request, "x-tc-action")} is not found.`);
			}
			if (headerValue(request, "x-tc-version") !== "2021-01-11") {
				throw new TencentError("NoSuchVersion", "The requested version does not exist or is not supported.");
			}
			let params: Record<string, unknown>;
			try {
				params = JSON.parse(body.toString("utf8"));
			} catch {
				throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
			}
			const phoneNumbers = params.PhoneNumberSet;
			if (!Array.isArray(phoneNumbers) || phoneNumbers.length === 0 || !phoneNumbers.every((p) => typeof p === "string")) {
				throw new TencentError("MissingParameter", "The request is missing a required parameter `PhoneNumberSet`.");
			}
			for (const name of ["SmsSdkAppId", "TemplateId"]) {
				if (typeof params[name] !== "string" || params[name] === "") {
					throw new TencentError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
				}
			}
			const templateParamSet = params.TemplateParamSet ?? [];
			if (!Array.isArray(templateParamSet) || !templateParamSet.every((p) => typeof p === "string")) {
				throw new TencentError("InvalidParameterValue.TemplateParameterFormatError", "TemplateParamSet must be strings.");
			}

			const statuses = (phoneNumbers as string[]).map((phoneNumber) => {
				const serialNo = randomUUID();
				if (nextFailure) {
					const failure = nextFailure;
					nextFailure = null;
					rejected.push(failure.code);
					return {
						SerialNo: "",
						PhoneNumber: phoneNumber,
						Fee: 0,
						SessionContext: "",
						Code: failure.code,
						Message: failure.message,
						IsoCode: "",
					};
				}
				if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
					rejected.push("InvalidParameterValue.IncorrectPhoneNumber");
					return {
						SerialNo: "",
						PhoneNumber: phoneNumber,
						Fee: 0,
						SessionContext: "",
						Code: "InvalidParameterValue.IncorrectPhoneNumber",
						Message: "The mobile number format is incorrect.",
						IsoCode: "",
					};
				}
				sent.push({
					secretId: options.secretId,
					region: headerValue(request, "x-tc-region"),
					phoneNumber,
					smsSdkAppId: params.SmsSdkAppId as string,
					signName: typeof params.SignName === "string" ? params.SignName : undefined,
					templateId: params.TemplateId as string,
					templateParamSet: templateParamSet as string[],
					serialNo,
				});
				const isoCode = phoneNumber.startsWith("+86") ? "CN" : "";
				return {
					SerialNo: serialNo,
					PhoneNumber: phoneNumber,
					Fee: 1,
					SessionContext: "",
					Code: "Ok",
					Message: "send success",
					IsoCode: isoCode,
				};
			});
			return reply({ SendStatusSet: statuses });
		} catch (error) {
			if (!(error instanceof TencentError)) throw error;
			rejected.push(error.code);
			return reply({ Error: { Code: error.code, Message: error.message } });
		}
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			response.writeHead(200, { "content-type": "application/json" });
			response.end(
				JSON.stringify({ Response: { Error: { Code: "InternalError", Message: String(error) }, RequestId: randomUUID() } }),
			);
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
