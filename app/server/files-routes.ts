import { pipeline } from "node:stream/promises";
import { type NextFunction, type Request, type Response, Router } from "express";
import { resolveLocale, translate } from "../lib/i18n";
import { type ImageVariant, imageVariants } from "../modules/files/kinds";
import { type FileLocation, locateFile, openFile } from "../modules/files/read-file.server";
import { immutableCacheControl } from "../modules/files/save-upload.server";
import type { ByteRange } from "../modules/files/storage.server";
import { verifyFileSignature } from "../modules/files/urls.server";

/**
 * Serves stored files:
 * - `/files/<id>/<variant>.webp` and `/files/<id>`: public files, cached for good (an id never
 *   changes content), 304 on a matching ETag. Private and unknown ids are both 404.
 * - `/files/private/<id>[/<variant>.webp]?exp=…&sig=…`: any file, with a valid unexpired
 *   signature only (403 otherwise).
 * Responses are `nosniff`, sandboxed, inline for images and videos, attachments for anything else.
 */
export function filesRouter(): Router {
	const router = Router();
	router.get("/files/private/:id", (req, res, next) => servePrivate(req, res, next, undefined));
	router.get("/files/private/:id/:variant.webp", (req, res, next) => servePrivate(req, res, next, variantOf(req)));
	router.get("/files/:id/:variant.webp", (req, res, next) => servePublic(req, res, next, variantOf(req)));
	router.get("/files/:id", (req, res, next) => servePublic(req, res, next, undefined));
	return router;
}

const variantOf = (req: Request): ImageVariant | null => {
	const name = String(req.params.variant);
	return (imageVariants as readonly string[]).includes(name) ? (name as ImageVariant) : null;
};

function refuse(req: Request, res: Response, status: 403 | 404) {
	const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
	res.setHeader("Cache-Control", "no-store");
	res
		.status(status)
		.type("text/plain")
		.send(translate(locale, status === 404 ? "files.errors.notFound" : "files.errors.linkExpired"));
}

async function servePublic(req: Request, res: Response, next: NextFunction, variant: ImageVariant | null | undefined) {
	try {
		const location = variant === null ? null : await locateFile(String(req.params.id), variant, "public");
		if (!location) return refuse(req, res, 404);
		await send(req, res, location, immutableCacheControl);
	} catch (error) {
		next(error);
	}
}

async function servePrivate(req: Request, res: Response, next: NextFunction, variant: ImageVariant | null | undefined) {
	try {
		const id = String(req.params.id);
		if (variant === null || !verifyFileSignature(id, variant, req.query.exp, req.query.sig)) return refuse(req, res, 403);
		const location = await locateFile(id, variant, "signed");
		if (!location) return refuse(req, res, 404);
		const remaining = Math.max(0, Number(req.query.exp) - Math.floor(Date.now() / 1000));
		// The URL is what grants access: keep it out of shared caches and out of Referer headers.
		res.setHeader("Referrer-Policy", "no-referrer");
		await send(req, res, location, `private, max-age=${Math.min(remaining, 3600)}`);
	} catch (error) {
		next(error);
	}
}

/** `bytes=start-end` or `bytes=start-` (one range; anything else is answered in full). */
function parseRange(header: string | undefined): ByteRange | undefined {
	const match = header?.match(/^bytes=(\d{1,15})-(\d{0,15})$/);
	if (!match) return undefined;
	const start = Number(match[1]);
	const end = match[2] ? Number(match[2]) : undefined;
	return end !== undefined && end < start ? undefined : { start, end };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	return header
		.split(",")
		.map((value) => value.trim().replace(/^W\//, ""))
		.some((value) => value === etag || value === "*");
}

async function send(req: Request, res: Response, location: FileLocation, cacheControl: string) {
	res.setHeader("Cache-Control", cacheControl);
	res.setHeader("ETag", location.etag);
	res.setHeader("X-Content-Type-Options", "nosniff");
	// A stored file is never a page: no scripts, no plugins, even if someone opens it directly.
	res.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
	res.setHeader("Content-Disposition", `${location.disposition}; filename="${location.filename}"`);
	res.setHeader("Accept-Ranges", "bytes");
	if (matchesEtag(req.headers["if-none-match"], location.etag)) {
		res.status(304).end();
		return;
	}
	const range = parseRange(req.headers.range);
	const object = await openFile(location, range);
	if (!object) return refuse(req, res, 404);
	if (range && range.start >= object.totalSize) {
		object.body.destroy();
		res.setHeader("Content-Range", `bytes */${object.totalSize}`);
		res.status(416).end();
		return;
	}
	res.type(location.contentType);
	res.setHeader("Content-Length", String(object.contentLength));
	if (range) {
		res.setHeader("Content-Range", `bytes ${range.start}-${range.start + object.contentLength - 1}/${object.totalSize}`);
		res.status(206);
	} else {
		res.status(200);
	}
	if (req.method === "HEAD") {
		object.body.destroy();
		res.end();
		return;
	}
	try {
		await pipeline(object.body, res);
	} catch (error) {
		// The client went away mid-download: nothing to report.
		if ((error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE") return;
		throw error;
	}
}
