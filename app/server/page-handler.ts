import { Transform, type TransformCallback } from "node:stream";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { AppError, knownError } from "../lib/errors";
import { resolveLocale } from "../lib/i18n";
import { logger } from "../lib/logger.server";
import { type RequestInfo, requestInfoContext } from "../lib/request-context.server";
import { type ErrorPageStatus, unavailablePage } from "./unavailable-page";

/** A form without files; generous for any form the site has. */
export const pageFormMaxBytes = 1024 * 1024;
/** A form with files: the largest upload (an intro video, 50 MB) and room for the other fields. */
export const pageMultipartMaxBytes = 52 * 1024 * 1024;

const formTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/**
 * React Router's request handler for pages, in place of `@react-router/express`: the same
 * request translation, with the body checked on the way in, so that
 * - only form bodies reach an action (a JSON or compressed body gets 415, not a 500 deep in
 *   `request.formData()`);
 * - the body is counted while it is read: past the limit the stream fails and the answer is 413,
 *   so a chunked body without Content-Length cannot make an action buffer without end. (The body
 *   stays a stream: an action may still refuse a declared Content-Length before reading, in the
 *   form that sent it, as the coach application's uploads do.)
 * and a failure React Router rendered as a 500 whose cause is known (the database unreachable or
 * too slow, text the database cannot store) is answered with its real status and friendly page.
 */
export function pageRequestHandler(options: {
	build: ServerBuild | (() => Promise<ServerBuild>);
	mode: "development" | "production";
	getLoadContext: (req: Request, res: Response) => RouterContextProvider;
}) {
	const handle = createRequestHandler(options.build, options.mode);

	return async (req: Request, res: Response, next: NextFunction) => {
		try {
			const refusal = bodyRefusal(req);
			if (refusal) return sendErrorPage(req, res, refusal);
			const maxBytes = req.is("multipart/form-data") ? pageMultipartMaxBytes : pageFormMaxBytes;
			const body = hasBody(req) ? limitedBody(req, maxBytes) : null;
			const context = options.getLoadContext(req, res);
			const response = await handle(toFetchRequest(req, res, body), context);
			if (body?.exceeded) {
				await response.body?.cancel();
				// The rest of the body is still on the wire: this connection cannot carry another request.
				res.setHeader("Connection", "close");
				return sendErrorPage(req, res, 413);
			}
			const failure = failureStatus(context.get(requestInfoContext));
			if (failure && response.status === 500 && !isDataRequest(req)) {
				await response.body?.cancel();
				return sendErrorPage(req, res, failure);
			}
			await sendResponse(res, response);
		} catch (error) {
			const known = knownError(error);
			if (known && !res.headersSent && isPageStatus(known.status)) return sendErrorPage(req, res, known.status);
			next(error);
		}
	};
}

function hasBody(req: Request): boolean {
	if (req.method === "GET" || req.method === "HEAD") return false;
	return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}

/**
 * Pages take what a browser's form sends: form encodings, never compressed (no browser does). A
 * declared type is checked even without a body: `request.formData()` fails on an empty JSON body too.
 */
function bodyRefusal(req: Request): ErrorPageStatus | null {
	if (req.method === "GET" || req.method === "HEAD") return null;
	// The header itself, not req.is(): that answers null for every type when the body is empty.
	const mediaType = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
	const declaresType = mediaType !== undefined;
	if (declaresType && !formTypes.includes(mediaType)) return 415;
	if (!hasBody(req)) return null;
	const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
	return encoding !== "identity" || !declaresType ? 415 : null;
}

/** Passes the body on until `maxBytes`, then fails the stream (and so whoever reads it). */
class ByteLimit extends Transform {
	exceeded = false;
	private seen = 0;

	constructor(private readonly maxBytes: number) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.seen += chunk.byteLength;
		if (this.seen > this.maxBytes) {
			this.exceeded = true;
			callback(new AppError(413, "payload_too_large", "errors.payloadTooLarge"));
			return;
		}
		callback(null, chunk);
	}
}

function limitedBody(req: Request, maxBytes: number): ByteLimit {
	const limit = new ByteLimit(maxBytes);
	// pipe() stops feeding a failed limit; the rest of the body stays unread, and Node discards it
	// (or closes the connection) once the 413 has been sent.
	req.on("error", (error) => limit.destroy(error));
	req.pipe(limit);
	return limit;
}

/** As `@react-router/express` builds it, the body read through the limit. */
function toFetchRequest(req: Request, res: Response, body: ByteLimit | null): globalThis.Request {
	const [, forwardedPort] = req.app?.enabled("trust proxy") ? (req.get("X-Forwarded-Host")?.split(":") ?? []) : [];
	const [, hostPort] = req.get("host")?.split(":") ?? [];
	const port = [forwardedPort, hostPort].map((value) => Number.parseInt(value ?? "", 10)).find(Number.isSafeInteger) ?? "";
	const host = `${req.hostname.split(/[\\/?#@]/)[0] || "localhost"}${port ? `:${port}` : ""}`;
	const url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
	const headers = new Headers();
	for (const [name, values] of Object.entries(req.headers)) {
		if (values === undefined) continue;
		for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
	}
	let controller: AbortController | null = new AbortController();
	res.on("finish", () => {
		controller = null;
	});
	res.on("close", () => controller?.abort());
	const withBody = req.method !== "GET" && req.method !== "HEAD";
	return new Request(url.href, {
		method: req.method,
		headers,
		signal: controller.signal,
		...(withBody ? { body: body ? createReadableStreamFromReadable(body) : null, duplex: "half" } : {}),
	} as RequestInit);
}

async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
	if (res.destroyed || res.writableEnded) {
		await response.body?.cancel();
		return;
	}
	res.statusMessage = response.statusText;
	res.status(response.status);
	for (const [name, value] of response.headers.entries()) res.append(name, value);
	if (!response.body) {
		res.end();
		return;
	}
	try {
		await writeReadableStreamToWritable(response.body, res);
	} catch (error) {
		if (res.destroyed || res.writableEnded) return;
		throw error;
	}
}

/** Set by `handleError` (app/entry.server.tsx) when a loader or action failed. */
function failureStatus(info: RequestInfo): ErrorPageStatus | null {
	if (info.failure === undefined) return null;
	const status = knownError(info.failure)?.status;
	return status !== undefined && isPageStatus(status) ? status : null;
}

const pageStatuses = new Set<number>([400, 405, 413, 415, 503]);
const isPageStatus = (status: number): status is ErrorPageStatus => pageStatuses.has(status);
const isDataRequest = (req: Request) => req.path.endsWith(".data");

function sendErrorPage(req: Request, res: Response, status: ErrorPageStatus): void {
	if (status >= 500) logger.warn({ requestId: res.locals.requestId, status }, "page answered unavailable");
	if (status === 503) res.setHeader("Retry-After", "5");
	const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
	res.status(status).type("html").setHeader("Cache-Control", "no-store");
	res.send(unavailablePage(locale, status));
}
