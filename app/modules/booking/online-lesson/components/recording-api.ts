/** The lesson recording API as the browser calls it (the session cookie signs it in). */
export interface RecordingState {
	party: "player" | "coach";
	consents: { player: { agreed: boolean; decidedAt: string } | null; coach: { agreed: boolean; decidedAt: string } | null };
	bothAgreed: boolean;
	recording: { id: string; startedAt: string; stopping: boolean } | null;
	canStart: boolean;
}

export interface LessonRecordingItem {
	id: string;
	status: "recording" | "ready" | "failed";
	startedAt: string;
	endedAt: string | null;
	durationSeconds: number | null;
	deleteAfter: string | null;
	watch: { url: string; expiresAt: string } | null;
}

/** The body of a JSON API answer, or the server's message (already in the user's language) on failure. */
export async function recordingApi<T>(
	method: "GET" | "POST" | "DELETE",
	path: string,
	body?: unknown,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
	try {
		const response = await fetch(`/api/v1${path}`, {
			method,
			credentials: "same-origin",
			headers: body === undefined ? {} : { "content-type": "application/json" },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (response.status === 204) return { ok: true, value: undefined as T };
		const parsed = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
		if (response.ok && parsed) return { ok: true, value: parsed };
		return { ok: false, message: parsed?.error?.message ?? "" };
	} catch {
		return { ok: false, message: "" };
	}
}
