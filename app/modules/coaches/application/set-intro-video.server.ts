import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches } from "../../../../db/schema";
import { assertEditable, lockOrCreateCoach } from "./coach-record.server";
import { fileIdFrom, type UploadSource } from "./upload-source.server";

/** Sets (or, with null, removes) the optional short introduction video: MP4, up to the files module's limit. */
export async function setIntroVideo(input: { userId: string; source: UploadSource | null }): Promise<{ fileId: string | null }> {
	return db().transaction(async (tx) => {
		const coach = await lockOrCreateCoach(tx, input.userId);
		assertEditable(coach);
		const fileId = input.source ? await fileIdFrom(input.source, input.userId, "intro_video", tx) : null;
		await tx.update(coaches).set({ introVideoFileId: fileId, updatedAt: new Date() }).where(eq(coaches.id, coach.id));
		return { fileId };
	});
}
