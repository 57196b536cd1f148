import sharp from "sharp";
import { AppError } from "~/lib/errors";
import { type ImageVariant, imageVariants, maxInputPixels, type SniffedType, variantWidths } from "./kinds";

export interface ProcessedImage {
	width: number;
	height: number;
	variants: Record<ImageVariant, { bytes: Buffer; width: number; height: number }>;
}

/** What sharp reports for each sniffed image type; anything else in disguise is refused. */
const sharpFormats: Partial<Record<SniffedType, string[]>> = {
	"image/jpeg": ["jpeg"],
	"image/png": ["png"],
	"image/webp": ["webp"],
	"image/heic": ["heif"],
	"image/avif": ["heif"],
};

const notAnImage = () => new AppError(415, "unsupported_media_type", "files.errors.notAnImage");

/**
 * Decodes an upload and re-encodes it as WebP variants. `.rotate()` applies the EXIF orientation
 * to the pixels; since no `withMetadata`/`keepExif` is asked for, the output carries no EXIF, XMP,
 * IPTC or ICC data (GPS positions, camera serials, the photographer's comments all go).
 */
export async function processImage(bytes: Uint8Array, sniffed: SniffedType): Promise<ProcessedImage> {
	const input = { limitInputPixels: maxInputPixels, failOn: "error" as const, animated: false };
	let metadata: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
	try {
		// Only the header is read here, so no pixel limit yet: an image too large is told so below.
		metadata = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
	} catch {
		throw notAnImage();
	}
	if (!metadata.format || !sharpFormats[sniffed]?.includes(metadata.format)) throw notAnImage();
	if ((metadata.width ?? 0) * (metadata.height ?? 0) > maxInputPixels) {
		throw new AppError(413, "payload_too_large", "files.errors.tooManyPixels", {
			params: { maxMegapixels: Math.round(maxInputPixels / 1_000_000) },
		});
	}
	try {
		const oriented = sharp(bytes, input).rotate();
		const rendered = await Promise.all(
			imageVariants.map(async (name) => {
				const width = variantWidths[name];
				const { data, info } = await oriented
					.clone()
					.resize({ width, height: width * 2, fit: "inside", withoutEnlargement: true })
					.webp({ quality: name === "thumb" ? 75 : 82 })
					.toBuffer({ resolveWithObject: true });
				return [name, { bytes: data, width: info.width, height: info.height }] as const;
			}),
		);
		const variants = Object.fromEntries(rendered) as ProcessedImage["variants"];
		// Upright dimensions of the original (after orientation).
		const turned = (metadata.orientation ?? 1) >= 5;
		const width = (turned ? metadata.height : metadata.width) ?? variants.full.width;
		const height = (turned ? metadata.width : metadata.height) ?? variants.full.height;
		return { width, height, variants };
	} catch (error) {
		if (error instanceof AppError) throw error;
		// The header was fine but the pixels are not (truncated, corrupt, or a codec this build lacks
		// such as HEVC-coded HEIC).
		throw new AppError(
			415,
			"unsupported_media_type",
			sniffed === "image/heic" ? "files.errors.notAllowedType" : "files.errors.notAnImage",
		);
	}
}
