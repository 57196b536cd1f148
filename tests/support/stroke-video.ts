import { readFileSync } from "node:fs";

/**
 * Test videos. `strokeWebm` is a real 2-second VP8 recording (320×180, a ball rolling across a
 * green table), made once with Chromium's MediaRecorder from a canvas, so it plays in the browser
 * and has no Duration element, as every browser recording has none. `mp4Header` writes only the
 * boxes a reader of the length needs (ftyp, moov/mvhd): enough for the server's checks.
 */
export const strokeWebm = (): Uint8Array =>
	new Uint8Array(readFileSync(new URL("../fixtures/video/stroke-2s.webm", import.meta.url)));

const box = (type: string, ...parts: Uint8Array[]): Uint8Array => {
	const size = 8 + parts.reduce((sum, part) => sum + part.byteLength, 0);
	const out = new Uint8Array(size);
	new DataView(out.buffer).setUint32(0, size);
	out.set(new TextEncoder().encode(type), 4);
	let offset = 8;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.byteLength;
	}
	return out;
};

/** An MP4 (or QuickTime, brand `qt  `) whose movie header says it lasts `seconds`. */
export function mp4Header(seconds: number, brand = "isom"): Uint8Array {
	const ftyp = box("ftyp", new TextEncoder().encode(`${brand}\0\0\x02\0${brand}mp41`));
	const mvhdBody = new Uint8Array(100);
	const data = new DataView(mvhdBody.buffer);
	const timescale = 1000;
	data.setUint32(12, timescale);
	data.setUint32(16, Math.round(seconds * timescale));
	const mdat = box("mdat", new Uint8Array(64));
	return new Uint8Array([...ftyp, ...mdat, ...box("moov", box("mvhd", mvhdBody))]);
}
