import type { Translation } from "../types";
import type zh from "../zh-CN/files";

export default {
	errors: {
		notAnImage: "Upload a JPEG, PNG, WebP or AVIF image",
		notAllowedType: "This file type is not supported: images as JPEG, PNG, WebP or AVIF, certificates also as PDF, videos as MP4",
		tooLarge: "Files can be at most {{maxMb}} MB",
		tooManyPixels: "The image's resolution is too high (at most {{maxMegapixels}} megapixels)",
		empty: "The file is empty. Choose it again",
		notFound: "We couldn't find that file",
		linkExpired: "This link is invalid or has expired. Refresh the page and try again",
	},
} satisfies Translation<typeof zh>;
