import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeS3Object } from "./s3";

/**
 * A loopback LiveKit server's HTTP side: the Twirp API the server SDK calls (RoomService
 * CreateRoom / ListRooms, Egress StartRoomCompositeEgress / StopEgress / ListEgress) and the webhooks LiveKit
 * sends. Each call must carry `Authorization: Bearer <JWT>` signed HS256 with the API secret,
 * issued by the API key, unexpired, with the video grant the method needs (roomCreate, roomList,
 * roomRecord), as LiveKit checks; otherwise it answers Twirp's `unauthenticated` / `permission_denied`.
 * Webhooks are signed as LiveKit signs them: a JWT (iss = API key) whose `sha256` claim is the
 * base64 SHA-256 of the body, in the Authorization header, with `Content-Type: application/webhook+json`.
 * (The media side, WebRTC, is beyond a fake: these machines cannot run a LiveKit server.)
 */
export interface LivekitCall {
	method: string;
	body: Record<string, unknown>;
	video: Record<string, unknown>;
}

export interface FakeLivekit {
	/** ws://127.0.0.1:PORT, for LIVEKIT_URL (the SDK calls its Twirp API over http on the same port). */
	url: string;
	apiKey: string;
	apiSecret: string;
	settings: { LIVEKIT_URL: string; LIVEKIT_API_KEY: string; LIVEKIT_API_SECRET: string };
	/** Rooms created, by name, with the options they were created with. */
	rooms: Map<string, { name: string; emptyTimeout: number; maxParticipants: number; sid: string }>;
	/** Every call that passed the authorisation check. */
	calls: LivekitCall[];
	/** Why refused calls were refused. */
	rejected: string[];
	/** Egresses started, by id: the room, the file they were told to write and where, and their status now. */
	egresses: Map<string, FakeEgress>;
	/**
	 * Ends an egress as LiveKit's Egress service would, and posts the signed `egress_ended` webhook to
	 * `to`: `complete` first writes `bytes` under the egress's file path into `bucket` (the fake S3's
	 * objects, standing in for Egress's own upload); `failed` / `aborted` end it without a file.
	 */
	finishEgress(
		to: string,
		egressId: string,
		outcome:
			| { status: "complete"; bucket: Map<string, FakeS3Object>; bytes: Buffer; durationSeconds: number }
			| { status: "failed" | "aborted"; error?: string },
		options?: { eventId?: string },
	): Promise<Response>;
	/** Signs a webhook body as LiveKit does (or with another secret, or already expired). */
	signWebhook(body: string, options?: { secret?: string; expiredSecondsAgo?: number }): string;
	/** Posts an event (a WebhookEvent as JSON) to the app's webhook URL, signed; answers the response. */
	sendWebhook(
		to: string,
		event: Record<string, unknown>,
		options?: { secret?: string; expiredSecondsAgo?: number; tamper?: boolean },
	): Promise<Response>;
	close(): Promise<void>;
}

export interface FakeEgress {
	egressId: string;
	roomName: string;
	layout: string;
	filepath: string;
	/** The S3Upload the app sent (bucket, endpoint, credentials): where Egress would write. */
	s3: Record<string, unknown>;
	status: "EGRESS_STARTING" | "EGRESS_ACTIVE" | "EGRESS_ENDING" | "EGRESS_COMPLETE" | "EGRESS_FAILED" | "EGRESS_ABORTED";
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function signJwt(claims: Record<string, unknown>, secret: string): string {
	const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
	const payload = b64url(JSON.stringify(claims));
	const signature = createHmac("sha256", secret).update(`${head}.${payload}`).digest("base64url");
	return `${head}.${payload}.${signature}`;
}

/** The claims of an HS256 JWT signed with `secret`, or why it is refused. */
export function verifyJwt(token: string, secret: string, apiKey: string): Record<string, unknown> | string {
	const [head, payload, signature] = token.split(".");
	if (!head || !payload || !signature) return "malformed token";
	const expected = createHmac("sha256", secret).update(`${head}.${payload}`).digest();
	const given = Buffer.from(signature, "base64url");
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad signature";
	const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
	const now = Math.floor(Date.now() / 1000);
	if (claims.iss !== apiKey) return "wrong issuer";
	if (typeof claims.exp !== "number" || claims.exp < now) return "expired";
	if (typeof claims.nbf === "number" && claims.nbf > now + 10) return "not yet valid";
	return claims;
}

const grantNeeded: Record<string, string> = {
	"livekit.RoomService/CreateRoom": "roomCreate",
	"livekit.RoomService/ListRooms": "roomList",
	"livekit.Egress/StartRoomCompositeEgress": "roomRecord",
	"livekit.Egress/StopEgress": "roomRecord",
	"livekit.Egress/ListEgress": "roomRecord",
};

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		request.on("error", reject);
	});
}

function twirpError(response: ServerResponse, status: number, code: string, msg: string) {
	response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code, msg }));
}

export async function startFakeLivekit(
	options: { apiKey?: string; apiSecret?: string; port?: number } = {},
): Promise<FakeLivekit> {
	const apiKey = options.apiKey ?? "APIfake";
	const apiSecret = options.apiSecret ?? randomBytes(24).toString("hex");
	const rooms: FakeLivekit["rooms"] = new Map();
	const calls: LivekitCall[] = [];
	const rejected: string[] = [];
	const egresses = new Map<string, FakeEgress>();
	const egressJson = (egress: FakeEgress) => ({ egressId: egress.egressId, roomName: egress.roomName, status: egress.status });

	const server = createServer(async (request, response) => {
		const method = (request.url ?? "").replace(/^\/twirp\//, "");
		const body = await readBody(request);
		const needed = grantNeeded[method];
		if (request.method !== "POST" || !needed) return twirpError(response, 404, "bad_route", `no handler for ${request.url}`);
		const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
		const claims = bearer ? verifyJwt(bearer, apiSecret, apiKey) : "no bearer token";
		if (typeof claims === "string") {
			rejected.push(`${method}: ${claims}`);
			return twirpError(response, 401, "unauthenticated", claims);
		}
		const video = (claims.video ?? {}) as Record<string, unknown>;
		if (video[needed] !== true) {
			rejected.push(`${method}: missing grant ${needed}`);
			return twirpError(response, 403, "permission_denied", `${needed} grant required`);
		}
		const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
		calls.push({ method, body: input, video });
		const reply = (value: unknown) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
		if (method === "livekit.RoomService/CreateRoom") {
			const name = String(input.name ?? "");
			const room = rooms.get(name) ?? {
				name,
				sid: `RM_${randomBytes(6).toString("hex")}`,
				emptyTimeout: Number(input.emptyTimeout ?? 0),
				maxParticipants: Number(input.maxParticipants ?? 0),
			};
			rooms.set(name, room);
			return reply({ ...room, creationTime: String(Math.floor(Date.now() / 1000)) });
		}
		if (method === "livekit.RoomService/ListRooms") {
			const names = (input.names as string[] | undefined) ?? [];
			return reply({ rooms: [...rooms.values()].filter((room) => names.length === 0 || names.includes(room.name)) });
		}
		if (method === "livekit.Egress/StartRoomCompositeEgress") {
			// The SDK sends an encoded file output in `fileOutputs` (or the older `file`), with its upload target.
			const file = ((input.fileOutputs as Record<string, unknown>[] | undefined)?.[0] ?? input.file ?? {}) as Record<
				string,
				unknown
			>;
			if (!file.filepath || !file.s3) return twirpError(response, 400, "invalid_argument", "a file output with s3 is required");
			const egress: FakeEgress = {
				// Random like LiveKit's own: several fakes over a run write to one database.
				egressId: `EG_${randomBytes(6).toString("hex")}`,
				roomName: String(input.roomName ?? ""),
				layout: String(input.layout ?? ""),
				filepath: String(file.filepath),
				s3: file.s3 as Record<string, unknown>,
				status: "EGRESS_STARTING",
			};
			egresses.set(egress.egressId, egress);
			return reply(egressJson(egress));
		}
		if (method === "livekit.Egress/ListEgress") {
			const roomName = input.roomName as string | undefined;
			const found = [...egresses.values()].filter(
				(egress) => (!roomName || egress.roomName === roomName) && (!input.egressId || egress.egressId === input.egressId),
			);
			return reply({ items: found.map(egressJson) });
		}
		const egress = egresses.get(String(input.egressId ?? ""));
		if (!egress) return twirpError(response, 404, "not_found", "egress not found");
		egress.status = "EGRESS_ENDING";
		return reply(egressJson(egress));
	});
	// The media signalling (a WebSocket on /rtc) is held open unanswered: a browser pointed here stays
	// in its connecting state, which is as far as a test without a real LiveKit server can go.
	const held = new Set<import("node:stream").Duplex>();
	server.on("upgrade", (_request, socket) => {
		held.add(socket);
		socket.on("close", () => held.delete(socket));
	});
	await new Promise<void>((ready) => server.listen(options.port ?? 0, "127.0.0.1", ready));
	const { port } = server.address() as AddressInfo;
	const url = `ws://127.0.0.1:${port}`;

	const signWebhook: FakeLivekit["signWebhook"] = (body, signing = {}) => {
		const now = Math.floor(Date.now() / 1000);
		const sha256 = createHash("sha256").update(body).digest("base64");
		const exp = signing.expiredSecondsAgo ? now - signing.expiredSecondsAgo : now + 300;
		return signJwt({ iss: apiKey, nbf: exp - 600, exp, sha256 }, signing.secret ?? apiSecret);
	};

	let eventCount = 0;
	const sendWebhook: FakeLivekit["sendWebhook"] = async (to, event, sending = {}) => {
		const body = JSON.stringify(event);
		const authorization = signWebhook(body, sending);
		return fetch(to, {
			method: "POST",
			headers: { "content-type": "application/webhook+json", authorization },
			// A body other than the one signed: what a man in the middle would send.
			body: sending.tamper ? body.replace(/"participant_joined"/, '"participant_left"') : body,
		});
	};

	const finishEgress: FakeLivekit["finishEgress"] = async (to, egressId, outcome, finishing = {}) => {
		const egress = egresses.get(egressId);
		if (!egress) throw new Error(`no egress ${egressId}`);
		const now = Math.floor(Date.now() / 1000);
		let fileResults: Record<string, unknown>[] = [];
		if (outcome.status === "complete") {
			outcome.bucket.set(egress.filepath, {
				bytes: outcome.bytes,
				contentType: "video/mp4",
				cacheControl: null,
				serverSideEncryption: null,
			});
			fileResults = [
				{
					filename: egress.filepath,
					size: String(outcome.bytes.length),
					// LiveKit counts in nanoseconds, as int64 strings in JSON.
					duration: String(BigInt(outcome.durationSeconds) * 1_000_000_000n),
					location: `s3://${String(egress.s3.bucket)}/${egress.filepath}`,
				},
			];
		}
		egress.status =
			outcome.status === "complete" ? "EGRESS_COMPLETE" : outcome.status === "failed" ? "EGRESS_FAILED" : "EGRESS_ABORTED";
		eventCount += 1;
		return sendWebhook(to, {
			id: finishing.eventId ?? `EV_egress_${egressId}_${eventCount}`,
			event: "egress_ended",
			createdAt: String(now),
			egressInfo: {
				...egressJson(egress),
				fileResults,
				error: outcome.status === "complete" ? "" : (outcome.error ?? "pipeline stopped"),
			},
		});
	};

	return {
		url,
		apiKey,
		apiSecret,
		settings: { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret },
		rooms,
		calls,
		rejected,
		egresses,
		finishEgress,
		signWebhook,
		sendWebhook,
		close: () =>
			new Promise((done) => {
				for (const socket of held) socket.destroy();
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
