/**
 * What each kind of upload may be and how large. Pure data, shared by the services, the file
 * routes and the API documentation. Every upload is private: only a reviewer's approval makes a
 * file public (`setFileVisibility`), so no user can publish anything by uploading it.
 */
export const fileKinds = ["coach_photo", "certificate", "intro_video", "review_video", "review_photo"] as const;
export type FileKind = (typeof fileKinds)[number];
export type FileVisibility = "public" | "private";

/** Kinds a client may upload through `POST /api/v1/files` (videos are too large for that route). */
export const apiUploadKinds = ["coach_photo", "certificate", "review_photo"] as const;
export type ApiUploadKind = (typeof apiUploadKinds)[number];

export const imageVariants = ["thumb", "card", "full"] as const;
export type ImageVariant = (typeof imageVariants)[number];

/** The box each variant fits inside (width; height at most twice that), never enlarged. */
export const variantWidths: Record<ImageVariant, number> = { thumb: 200, card: 600, full: 1600 };

export type SniffedType =
	| "image/jpeg"
	| "image/png"
	| "image/webp"
	| "image/heic"
	| "image/avif"
	| "application/pdf"
	| "video/mp4"
	| "video/quicktime"
	| "video/webm";
export const imageTypes = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/avif"] as const satisfies SniffedType[];

const MB = 1024 * 1024;

export interface KindPolicy {
	maxBytes: number;
	/** What the bytes may really be (sniffed, never taken from the client's Content-Type). */
	accepts: readonly SniffedType[];
}

export const kindPolicies: Record<FileKind, KindPolicy> = {
	coach_photo: { maxBytes: 10 * MB, accepts: imageTypes },
	certificate: { maxBytes: 10 * MB, accepts: [...imageTypes, "application/pdf"] },
	intro_video: { maxBytes: 50 * MB, accepts: ["video/mp4"] },
	// A stroke video of at most a minute (its length is checked by the video review itself).
	review_video: { maxBytes: 40 * MB, accepts: ["video/mp4", "video/quicktime", "video/webm"] },
	// A photo a player adds to their lesson review (up to 6 per review), public only once a moderator approves it.
	review_photo: { maxBytes: 10 * MB, accepts: imageTypes },
};

/** The largest body `POST /api/v1/files` reads. */
export const apiUploadMaxBytes = Math.max(...apiUploadKinds.map((kind) => kindPolicies[kind].maxBytes));

export const maxMegabytes = (bytes: number) => Math.round(bytes / MB);

/** Larger decoded images are refused before they are decoded (decompression bombs). */
export const maxInputPixels = 100_000_000;

export const isImageType = (type: string): boolean => (imageTypes as readonly string[]).includes(type);

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
