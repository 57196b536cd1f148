import { randomUUID } from "node:crypto";
import { EncodedFileOutput, EncodedFileType, S3Upload } from "livekit-server-sdk";
import { settings } from "~/lib/config.server";
import { AppError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { egressService, type LivekitSettings, livekitSettings } from "../livekit.server";
import { roomNameOf } from "../room";

/** Recording needs LiveKit (with its Egress service) and the project's bucket, which Egress writes into itself. */
export function recordingTarget(): { lk: LivekitSettings; upload: S3Upload; prefix: string } | null {
	const lk = livekitSettings();
	const config = settings();
	if (!lk || !config.S3_BUCKET || !config.S3_ACCESS_KEY_ID || !config.S3_SECRET_ACCESS_KEY) return null;
	return {
		lk,
		prefix: config.RECORDING_S3_PREFIX,
		upload: new S3Upload({
			bucket: config.S3_BUCKET,
			accessKey: config.S3_ACCESS_KEY_ID,
			secret: config.S3_SECRET_ACCESS_KEY,
			region: config.S3_REGION ?? "",
			endpoint: config.S3_ENDPOINT ?? "",
			forcePathStyle: config.S3_FORCE_PATH_STYLE === "1",
		}),
	};
}

export const recordingNotConfigured = () =>
	new AppError(503, "service_unavailable", "booking.online.recording.errors.notConfigured");

/**
 * Asks LiveKit Egress to record the lesson's room as one composite (everyone's audio and video in
 * the grid layout) into one MP4 in the bucket; answers the egress id and where the file will be.
 */
export async function startLessonEgress(
	bookingId: string,
): Promise<{ recordingId: string; egressId: string; storageKey: string }> {
	const target = recordingTarget();
	if (!target) throw recordingNotConfigured();
	const recordingId = randomUUID();
	const storageKey = `${target.prefix}/${bookingId}/${recordingId}.mp4`;
	const output = new EncodedFileOutput({
		fileType: EncodedFileType.MP4,
		filepath: storageKey,
		output: { case: "s3", value: target.upload },
	});
	try {
		const info = await egressService(target.lk).startRoomCompositeEgress(
			roomNameOf(bookingId),
			{ file: output },
			{ layout: "grid" },
		);
		return { recordingId, egressId: info.egressId, storageKey };
	} catch (error) {
		logger.warn({ err: error, bookingId }, "livekit: StartRoomCompositeEgress failed");
		throw new AppError(503, "service_unavailable", "booking.online.recording.errors.unreachable");
	}
}

export async function stopLessonEgress(egressId: string): Promise<void> {
	const target = recordingTarget();
	if (!target) throw recordingNotConfigured();
	try {
		await egressService(target.lk).stopEgress(egressId);
	} catch (error) {
		logger.warn({ err: error, egressId }, "livekit: StopEgress failed");
		throw new AppError(503, "service_unavailable", "booking.online.recording.errors.unreachable");
	}
}
