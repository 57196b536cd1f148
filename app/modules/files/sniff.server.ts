import type { SniffedType } from "./kinds";

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

const avifBrands = new Set(["avif", "avis"]);
const heicBrands = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);
const mp4Brands = new Set([
	"isom",
	"iso2",
	"iso3",
	"iso4",
	"iso5",
	"iso6",
	"mp41",
	"mp42",
	"avc1",
	"M4V ",
	"dash",
	"mmp4",
	"MSNV",
]);

/** The brands of an ISO base media file (`ftyp` box): the major brand first, then the compatible ones. */
function isoBrands(bytes: Uint8Array): string[] | null {
	if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return null;
	const boxSize = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
	const end = Math.min(Math.max(boxSize, 16), bytes.length, 256);
	const brands = [ascii(bytes, 8, 12)];
	for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
	return brands;
}

/**
 * The real type of an upload, read from its first bytes (never from its name or the declared
 * Content-Type), or null for anything this app does not take.
 */
export function sniffType(bytes: Uint8Array): SniffedType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
	if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
	const brands = isoBrands(bytes);
	if (brands) {
		const [major = ""] = brands;
		if (avifBrands.has(major)) return "image/avif";
		if (heicBrands.has(major)) return "image/heic";
		if (mp4Brands.has(major)) return "video/mp4";
		if (brands.some((brand) => avifBrands.has(brand))) return "image/avif";
		if (brands.some((brand) => heicBrands.has(brand))) return "image/heic";
		if (brands.some((brand) => mp4Brands.has(brand))) return "video/mp4";
		// An iPhone's own recordings: QuickTime, the same box structure as MP4.
		if (major === "qt  ") return "video/quicktime";
	}
	// Matroska's EBML header, with the DocType "webm" among its first bytes (what browsers record).
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(bytes, 4, Math.min(bytes.length, 64)).includes("webm"))
		return "video/webm";
	return null;
}
