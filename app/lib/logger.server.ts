import pino from "pino";
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
		level: process.env.LOG_LEVEL ?? (process.env.APP_ENV === "test" ? "silent" : "info"),
		base: { service: "cuepal" },
		redact: { paths: redactedPaths, censor: "[redacted]" },
		// Failed queries are logged without their parameters (see errorForLog).
		serializers: { err: errorForLog },
		timestamp: pino.stdTimeFunctions.isoTime,
	}),
);
