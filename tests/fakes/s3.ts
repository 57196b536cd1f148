import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback S3 (path style: `/<bucket>/<key>`) with PutObject, GetObject (with `Range`),
 * HeadObject and DeleteObject. Every request must carry an AWS Signature Version 4
 * `Authorization` header, which this fake recomputes from the request and the known secret
 * (canonical request, credential scope, signing key) exactly as S3 does; a signed payload hash
 * must match the body. Failures answer S3's XML errors (`SignatureDoesNotMatch`,
 * `InvalidAccessKeyId`, `NoSuchKey`, `NoSuchBucket`…).
 */
export interface FakeS3Object {
	bytes: Buffer;
	contentType: string | null;
	cacheControl: string | null;
	/** `x-amz-server-side-encryption` as sent (AES256 asks the bucket to encrypt at rest). */
	serverSideEncryption: string | null;
}

export interface FakeS3Request {
	method: string;
	key: string;
	status: number;
	/** The S3 error code when the request was refused. */
	error?: string;
}

export interface FakeS3 {
	/** http://127.0.0.1:PORT, the S3_ENDPOINT. */
	url: string;
	objects: Map<string, FakeS3Object>;
	requests: FakeS3Request[];
	close(): Promise<void>;
}

const maxClockSkewMs = 15 * 60_000;

const rfc3986 = (value: string) =>
	encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

function canonicalQuery(raw: string): string {
	if (!raw) return "";
	return raw
		.split("&")
		.filter(Boolean)
		.map((pair) => {
			const [name = "", value = ""] = pair.split("=");
			return [rfc3986(decodeURIComponent(name.replace(/\+/g, "%20"))), rfc3986(decodeURIComponent(value.replace(/\+/g, "%20")))];
		})
		.sort(([a = "", av = ""], [b = "", bv = ""]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
		.map(([name, value]) => `${name}=${value}`)
		.join("&");
}

/** Checks the request's SigV4 signature; returns an S3 error code, or null when it is genuine. */
function verifySignature(
	req: IncomingMessage,
	body: Buffer,
	credentials: { accessKeyId: string; secretAccessKey: string; region: string },
): string | null {
	const authorization = req.headers.authorization ?? "";
	const match = authorization.match(
		/^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/,
	);
	if (!match) return "AccessDenied";
	const [, accessKeyId, date, region, signedHeaderList = "", signature = ""] = match;
	if (accessKeyId !== credentials.accessKeyId) return "InvalidAccessKeyId";
	if (region !== credentials.region) return "AuthorizationHeaderMalformed";
	const amzDate = String(req.headers["x-amz-date"] ?? "");
	const when = amzDate.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
	if (!when || amzDate.slice(0, 8) !== date) return "AccessDenied";
	const timestamp = Date.UTC(
		Number(when[1]),
		Number(when[2]) - 1,
		Number(when[3]),
		Number(when[4]),
		Number(when[5]),
		Number(when[6]),
	);
	if (Math.abs(Date.now() - timestamp) > maxClockSkewMs) return "RequestTimeTooSkewed";

	const signedHeaders = signedHeaderList.split(";");
	if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date")) return "AccessDenied";
	const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
	if (!signedHeaders.includes("x-amz-content-sha256") || !payloadHash) return "AccessDenied";
	if (payloadHash !== "UNSIGNED-PAYLOAD") {
		if (!/^[0-9a-f]{64}$/.test(payloadHash)) return "NotImplemented"; // aws-chunked streaming uploads
		if (payloadHash !== sha256Hex(body)) return "XAmzContentSHA256Mismatch";
	}

	const [rawPath = "/", rawQuery = ""] = (req.url ?? "/").split("?");
	const canonicalHeaders = signedHeaders
		.map((name) => {
			const value = req.headers[name];
			const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
			return `${name}:${joined.trim().replace(/\s+/g, " ")}\n`;
		})
		.join("");
	const canonicalRequest = [req.method, rawPath, canonicalQuery(rawQuery), canonicalHeaders, signedHeaderList, payloadHash].join(
		"\n",
	);
	const scope = `${date}/${region}/s3/aws4_request`;
	const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
	const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date ?? ""), region ?? ""), "s3"), "aws4_request");
	const expected = Buffer.from(hmac(signingKey, stringToSign).toString("hex"));
	const given = Buffer.from(signature);
	return expected.length === given.length && timingSafeEqual(expected, given) ? null : "SignatureDoesNotMatch";
}

const statusOf: Record<string, number> = {
	AccessDenied: 403,
	InvalidAccessKeyId: 403,
	SignatureDoesNotMatch: 403,
	RequestTimeTooSkewed: 403,
	AuthorizationHeaderMalformed: 400,
	XAmzContentSHA256Mismatch: 400,
	NotImplemented: 501,
	NoSuchBucket: 404,
	NoSuchKey: 404,
	InvalidRange: 416,
	MethodNotAllowed: 405,
};

export async function startFakeS3(options: {
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
	region?: string;
}): Promise<FakeS3> {
	const credentials = { ...options, region: options.region ?? "us-east-1" };
	const objects = new Map<string, FakeS3Object>();
	const requests: FakeS3Request[] = [];

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => handle(req, res, Buffer.concat(chunks)));
	});

	function fail(res: ServerResponse, record: FakeS3Request, code: string, extraHeaders: Record<string, string> = {}) {
		record.status = statusOf[code] ?? 400;
		record.error = code;
		res.writeHead(record.status, { "content-type": "application/xml", ...extraHeaders });
		res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
	}

	function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
		const path = (req.url ?? "/").split("?")[0] ?? "/";
		const [, bucket = "", ...keyParts] = path.split("/");
		const key = keyParts.map((part) => decodeURIComponent(part)).join("/");
		const record: FakeS3Request = { method: req.method ?? "", key, status: 200 };
		requests.push(record);

		const problem = verifySignature(req, body, credentials);
		if (problem) return fail(res, record, problem);
		if (bucket !== options.bucket) return fail(res, record, "NoSuchBucket");

		switch (req.method) {
			case "PUT": {
				objects.set(key, {
					bytes: body,
					contentType: req.headers["content-type"] ?? null,
					cacheControl: (req.headers["cache-control"] as string | undefined) ?? null,
					serverSideEncryption: (req.headers["x-amz-server-side-encryption"] as string | undefined) ?? null,
				});
				res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
				return res.end();
			}
			case "GET":
			case "HEAD": {
				const object = objects.get(key);
				if (!object) return fail(res, record, "NoSuchKey");
				const headers: Record<string, string> = {
					"content-type": object.contentType ?? "application/octet-stream",
					etag: `"${createHash("md5").update(object.bytes).digest("hex")}"`,
					"accept-ranges": "bytes",
				};
				if (object.cacheControl) headers["cache-control"] = object.cacheControl;
				const range = String(req.headers.range ?? "").match(/^bytes=(\d+)-(\d*)$/);
				let bytes = object.bytes;
				let status = 200;
				if (range) {
					const start = Number(range[1]);
					const end = Math.min(range[2] ? Number(range[2]) : object.bytes.length - 1, object.bytes.length - 1);
					if (start >= object.bytes.length) {
						return fail(res, record, "InvalidRange", { "content-range": `bytes */${object.bytes.length}` });
					}
					bytes = object.bytes.subarray(start, end + 1);
					headers["content-range"] = `bytes ${start}-${end}/${object.bytes.length}`;
					status = 206;
				}
				headers["content-length"] = String(bytes.length);
				record.status = status;
				res.writeHead(status, headers);
				return res.end(req.method === "HEAD" ? undefined : bytes);
			}
			case "DELETE":
				objects.delete(key);
				record.status = 204;
				res.writeHead(204);
				return res.end();
			default:
				return fail(res, record, "MethodNotAllowed");
		}
	}

	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", () => ready()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		objects,
		requests,
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
