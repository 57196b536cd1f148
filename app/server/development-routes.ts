import { Router } from "express";
import { listOutbox } from "~/modules/accounts/messaging/list-outbox.server";
import { resolveLocale } from "../lib/i18n";
import { outboxPage } from "./outbox-page";

/** Pages that exist only outside production: the development outbox of SMS and email. */
export function developmentRouter(): Router {
	const router = Router();
	router.get("/dev/outbox.json", async (_req, res) => {
		res.setHeader("Cache-Control", "no-store");
		res.json({ messages: await listOutbox(100) });
	});
	router.get("/dev/outbox", async (req, res) => {
		const locale = resolveLocale(req.headers.cookie, req.headers["accept-language"]);
		res.setHeader("Cache-Control", "no-store");
		res.type("html").send(outboxPage(await listOutbox(100), locale));
	});
	return router;
}
