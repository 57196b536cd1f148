import { publicFileUrl } from "~/modules/files/urls.server";

/** A coach photo's public URL (photos are public once approved). */
export function photoUrlOf(fileId: string, variant: "thumb" | "card" | "full"): string {
	return publicFileUrl(fileId, variant);
}

/** A coach's intro video's public URL (public once approved). */
export function videoUrlOf(fileId: string): string {
	return publicFileUrl(fileId);
}
