import pino from "pino";
import { logLevel, readSettings } from "./config.server";
import { errorForLog } from "./log-errors";
import { singleton } from "./singleton.server";

/** Personal data never reaches the logs, even when a caller logs a whole object by mistake. */
export const redactedPaths = [
	"phone",
	"email",
	"password",
	"code",
	"token",
	"*.phone",
	"*.email",
	"*.password",
	"*.code",
	"*.token",
	"req.headers.authorization",
	"req.headers.cookie",
	'res.headers["set-cookie"]',
];

export const logger = singleton("logger", () =>
	pino({
		// Read without caching: tests and the start may still be completing the environment.
		level: logLevel(readSettings()),
		base: { service: "cuepal" },
		redact: { paths: redactedPaths, censor: "[redacted]" },
		// Failed queries are logged without their parameters (see errorForLog).
		serializers: { err: errorForLog },
		timestamp: pino.stdTimeFunctions.isoTime,
	}),
);
