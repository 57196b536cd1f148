import { describe, expect, it } from "vitest";
import { videoDurationMs } from "~/modules/learning/video-review/video-duration";
import { mp4Header, strokeWebm } from "../support/stroke-video";

describe("video length read from the container", () => {
	it("reads an MP4's movie header, wherever the moov box is", () => {
		expect(videoDurationMs(mp4Header(12.5), "video/mp4")).toBe(12_500);
		expect(videoDurationMs(mp4Header(61), "video/mp4")).toBe(61_000);
	});

	it("reads a QuickTime movie the same way", () => {
		expect(videoDurationMs(mp4Header(3, "qt  "), "video/quicktime")).toBe(3000);
	});

	it("reads a browser's WebM recording, which has no Duration, from its last block", () => {
		const ms = videoDurationMs(strokeWebm(), "video/webm");
		expect(ms).toBeGreaterThan(1700);
		expect(ms).toBeLessThan(2100);
	});

	it("says it does not know for a file cut short or with no movie header", () => {
		expect(videoDurationMs(mp4Header(5).subarray(0, 40), "video/mp4")).toBeNull();
		expect(videoDurationMs(strokeWebm().subarray(0, 30), "video/webm")).toBeNull();
		expect(videoDurationMs(new Uint8Array(16), "video/mp4")).toBeNull();
	});
});
