import { localeOfRequest } from "~/lib/i18n";
import { calendarFeedFile } from "~/modules/booking/calendar-feed.server";
import type { Route } from "./+types/calendar-feed";

/** /calendar/<secret>.ics: a person's private feed, read by calendar apps without a session. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const token = /^(.+)\.ics$/.exec(params.file ?? "")?.[1] ?? "";
	const text = await calendarFeedFile(token, localeOfRequest(request));
	if (text === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
	return new Response(text, {
		headers: {
			"Content-Type": "text/calendar; charset=utf-8",
			// The link is a secret: never kept by a shared cache.
			"Cache-Control": "private, no-store",
			"Referrer-Policy": "no-referrer",
		},
	});
}
