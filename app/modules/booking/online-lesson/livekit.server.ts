import { EgressClient, RoomServiceClient, TokenVerifier, WebhookReceiver } from "livekit-server-sdk";
import { settings } from "~/lib/config.server";

export interface LivekitSettings {
	url: string;
	apiKey: string;
	apiSecret: string;
}

/** The LiveKit server (or LiveKit Cloud project) this app uses, or null: video is off without all three settings. */
export function livekitSettings(): LivekitSettings | null {
	const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = settings();
	return url && apiKey && apiSecret ? { url, apiKey, apiSecret } : null;
}

export const videoConfigured = () => livekitSettings() !== null;

// The SDK turns ws(s):// into http(s):// for its Twirp calls itself.
export const roomService = (lk: LivekitSettings) => new RoomServiceClient(lk.url, lk.apiKey, lk.apiSecret);
export const egressService = (lk: LivekitSettings) => new EgressClient(lk.url, lk.apiKey, lk.apiSecret);
export const webhookReceiver = (lk: LivekitSettings) => new WebhookReceiver(lk.apiKey, lk.apiSecret);
export const tokenVerifier = (lk: LivekitSettings) => new TokenVerifier(lk.apiKey, lk.apiSecret);

/**
 * Where the lesson page's browser connects for video: LiveKit's signalling WebSocket and its
 * HTTP twin (the client checks a refused connection over HTTP), for the page's Content-Security-Policy.
 * LiveKit Cloud moves a client to a regional host of the same project domain.
 */
export function videoConnectSources(): string[] {
	const lk = livekitSettings();
	if (!lk) return [];
	const url = new URL(lk.url);
	const secure = url.protocol === "wss:" || url.protocol === "https:";
	const sources = [`${secure ? "wss" : "ws"}://${url.host}`, `${secure ? "https" : "http"}://${url.host}`];
	if (url.hostname.endsWith(".livekit.cloud")) sources.push("wss://*.livekit.cloud", "https://*.livekit.cloud");
	return sources;
}
