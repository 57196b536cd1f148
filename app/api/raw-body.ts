import express, { type Request, type Response } from "express";
import type { AppError } from "~/lib/errors";

/**
 * Reads a request body as raw bytes (uploads), up to `maxBytes`. Called by a handler once it has
 * checked who is calling, so nobody unknown gets to send megabytes first. A longer body (by its
 * Content-Length, before reading) is the `tooLarge` error.
 */
export function readRawBody(req: Request, res: Response, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
	const parse = express.raw({ type: () => true, limit: maxBytes });
	return new Promise((resolve, reject) => {
		parse(req, res, (error?: unknown) => {
			if ((error as { type?: string } | undefined)?.type === "entity.too.large") return reject(tooLarge());
			if (error) return reject(error);
			resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
		});
	});
}
