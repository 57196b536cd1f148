import { writeReadableStreamToWritable } from "@react-router/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from "react-router";
import { knownError } from "../lib/errors";
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
 * request translation, but the body is read here first, so that
 * - only form bodies reach an action (a JSON or compressed body gets 415, not a 500 deep in
 *   `request.formData()`);
 * - the size is counted while reading: a chunked body without Content-Length is cut off at the
 *   limit with 413, before any of it is parsed;
 * and a failure React Router rendered as a 500 whose cause is known (the database unreachable or
 * too slow, text the database cannot store) is answered with its real status and friendly page.
 */
export function pageRequestHandler(options: {
	build: ServerBuild | (() => Promise<ServerBuild>);
	mode: "development" | "production";
	getLoadContext: (req: Request, res: Response) => RouterContextProvider;
}) {
	const handle = createRequestHandler(options.build, options.mode);
	const readForm = express.raw({ type: () => true, limit: pageFormMaxBytes, inflate: false });
	const readMultipart = express.raw({ type: () => true, limit: pageMultipartMaxBytes, inflate: false });

	return async (req: Request, res: Response, next: NextFunction) => {
		try {
			const refusal = bodyRefusal(req);
			if (refusal) return sendErrorPage(req, res, refusal);
			const body = hasBody(req) ? await readBody(req, res, req.is("multipart/form-data") ? readMultipart : readForm) : null;
			const context = options.getLoadContext(req, res);
			const response = await handle(toFetchRequest(req, res, body), context);
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

/** Pages take what a browser's form sends: form encodings, never compressed (no browser does). */
function bodyRefusal(req: Request): ErrorPageStatus | null {
	if (!hasBody(req)) return null;
	const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
	if (encoding !== "identity") return 415;
	return req.is(formTypes) ? null : 415;
}

function readBody(req: Request, res: Response, parse: express.RequestHandler): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		parse(req, res, (error?: unknown) => {
			if (error) return reject(error);
			resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
		});
	});
}

/** As `@react-router/express` builds it, with the body already read. */
function toFetchRequest(req: Request, res: Response, body: Buffer | null): globalThis.Request {
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
	// The body is whole now: its length is known, however it was sent.
	headers.delete("transfer-encoding");
	if (body) headers.set("content-length", String(body.byteLength));
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
		// Buffer's type says ArrayBufferLike; the bytes are plain ArrayBuffer memory from the socket.
		body: withBody
			? (new Uint8Array(body?.buffer ?? new ArrayBuffer(0), body?.byteOffset, body?.byteLength) as Uint8Array<ArrayBuffer>)
			: undefined,
	});
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
