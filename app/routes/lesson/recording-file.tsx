import { Readable } from "node:stream";
import { resolveLocale, translate } from "~/lib/i18n";
import { verifyRecordingLink } from "~/modules/booking/online-lesson/recording/recording-links.server";
import { readyRecordingKey } from "~/modules/booking/online-lesson/recording/recordings.server";
import { fileStorage } from "~/modules/files/storage.server";
import type { Route } from "./+types/recording-file";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A lesson recording, for whoever holds a valid unexpired signed link (handed only to the booking's
 * two people): streamed from the bucket with byte ranges so the player can seek; 403 once expired.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const url = new URL(request.url);
	const locale = resolveLocale(request.headers.get("cookie") ?? undefined, request.headers.get("accept-language") ?? undefined);
	const refuse = (status: 403 | 404) =>
		new Response(translate(locale, status === 403 ? "files.errors.linkExpired" : "files.errors.notFound"), {
			status,
			headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
		});
	const id = params.recordingId;
	if (!uuid.test(id) || !verifyRecordingLink(id, url.searchParams.get("exp"), url.searchParams.get("sig"))) return refuse(403);
	const key = await readyRecordingKey(id);
	if (!key) return refuse(404);
	const range = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(request.headers.get("range") ?? "");
	const object = await fileStorage().get(
		key,
		range ? { start: Number(range[1]), end: range[2] ? Number(range[2]) : undefined } : undefined,
	);
	if (!object) return refuse(404);
	const headers = new Headers({
		"content-type": "video/mp4",
		"content-length": String(object.contentLength),
		"accept-ranges": "bytes",
		"content-disposition": `inline; filename="lesson-${id.slice(0, 8)}.mp4"`,
		"x-content-type-options": "nosniff",
		// The link is what grants access: keep it out of shared caches and other sites' Referer.
		"cache-control": "private, max-age=600",
		"referrer-policy": "no-referrer",
	});
	if (range) {
		const start = Number(range[1]);
		headers.set("content-range", `bytes ${start}-${start + object.contentLength - 1}/${object.totalSize}`);
	}
	return new Response(Readable.toWeb(object.body) as ReadableStream, { status: range ? 206 : 200, headers });
}
