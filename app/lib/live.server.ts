import pg from "pg";
import { settings } from "./config.server";
import { logger } from "./logger.server";
import { singleton } from "./singleton.server";

/**
 * Live updates across app instances: PostgreSQL NOTIFY → one LISTEN connection per process →
 * Server-Sent Events. A module sends `NOTIFY <channel>` in the transaction of its change (so the
 * event exists exactly when the change commits, on whichever instance made it); every process
 * hears it on its one dedicated connection and hands it to the SSE streams subscribed to the
 * topics the payload belongs to. Subscribers never hold a database connection of their own, so a
 * thousand open pages cost one connection, not a thousand pool slots.
 */

/** Sent as an SSE comment: keeps proxies (and the Ingress's 60 s read timeout) from closing a quiet stream. */
export const heartbeatMs = 25_000;
const reconnectMs = 2_000;

type Listener = (payload: unknown) => void;

interface Channel {
	/** The topics a notification belongs to, e.g. the coach's and the player's. */
	topicsOf: (payload: unknown) => string[];
	subscribers: Map<string, Set<Listener>>;
}

class LiveHub {
	private readonly channels = new Map<string, Channel>();
	private client: pg.Client | null = null;
	private connecting: Promise<void> | null = null;
	private retry: NodeJS.Timeout | null = null;
	private readonly streams = new Set<() => void>();
	private closed = false;

	define(name: string, topicsOf: (payload: unknown) => string[]): void {
		if (!/^[a-z_]+$/.test(name)) throw new Error(`bad live channel name ${name}`);
		if (this.channels.has(name)) return;
		this.channels.set(name, { topicsOf, subscribers: new Map() });
		this.client?.query(`listen ${name}`).catch((error: Error) => logger.warn({ err: error.message }, "live listen failed"));
	}

	/** Resolves once the process listens, so an event committed after it is never missed. */
	async subscribe(channelName: string, topic: string, listener: Listener): Promise<() => void> {
		const channel = this.channels.get(channelName);
		if (!channel) throw new Error(`live channel ${channelName} is not defined`);
		const set = channel.subscribers.get(topic) ?? new Set();
		set.add(listener);
		channel.subscribers.set(topic, set);
		await this.connect();
		return () => {
			set.delete(listener);
			if (set.size === 0) channel.subscribers.delete(topic);
		};
	}

	/** Ends every open stream (shutdown: a draining server must not wait for pages left open). */
	async close(): Promise<void> {
		this.closed = true;
		for (const end of [...this.streams]) end();
		if (this.retry) clearTimeout(this.retry);
		await this.client?.end().catch(() => {});
		this.client = null;
	}

	track(end: () => void): () => void {
		this.streams.add(end);
		return () => this.streams.delete(end);
	}

	private connect(): Promise<void> {
		if (this.client) return Promise.resolve();
		this.connecting ??= this.open().finally(() => {
			this.connecting = null;
		});
		return this.connecting;
	}

	private async open(): Promise<void> {
		if (this.closed) return;
		const client = new pg.Client({ connectionString: settings().DATABASE_URL, application_name: "cuepal-live" });
		client.on("notification", (message) => this.deliver(message.channel, message.payload));
		client.on("error", (error) => {
			logger.warn({ err: error.message }, "live listener connection lost; reconnecting");
			this.dropped(client);
		});
		client.on("end", () => this.dropped(client));
		try {
			await client.connect();
			for (const name of this.channels.keys()) await client.query(`listen ${name}`);
			this.client = client;
		} catch (error) {
			logger.warn({ err: error instanceof Error ? error.message : String(error) }, "live listener not connected; retrying");
			await client.end().catch(() => {});
			this.scheduleReconnect();
		}
	}

	private dropped(client: pg.Client): void {
		if (this.client !== client) return;
		this.client = null;
		client.end().catch(() => {});
		this.scheduleReconnect();
	}

	/** Reconnects while anyone is subscribed; events committed while disconnected are lost, so pages refresh on reconnect. */
	private scheduleReconnect(): void {
		if (this.closed || this.retry || !this.hasSubscribers()) return;
		this.retry = setTimeout(() => {
			this.retry = null;
			void this.connect();
		}, reconnectMs);
		this.retry.unref();
	}

	private hasSubscribers(): boolean {
		return [...this.channels.values()].some((channel) => channel.subscribers.size > 0);
	}

	private deliver(channelName: string, raw: string | undefined): void {
		const channel = this.channels.get(channelName);
		if (!channel || !raw) return;
		let payload: unknown;
		try {
			payload = JSON.parse(raw);
		} catch {
			return;
		}
		for (const topic of channel.topicsOf(payload)) {
			for (const listener of channel.subscribers.get(topic) ?? []) listener(payload);
		}
	}
}

const hub = () => singleton("live-hub", () => new LiveHub());

/** Declares a channel and how its payloads map to topics; call at module load, before subscribing. */
export const defineLiveChannel = (name: string, topicsOf: (payload: unknown) => string[]) => hub().define(name, topicsOf);

export const closeLiveStreams = () => hub().close();

/**
 * An SSE response carrying the notifications of one topic: each as an `event: <channel>` with the
 * payload as data, a comment every 25 s, and the subscription dropped when the client goes away
 * (the request's signal) or the server shuts down. `no-transform` keeps compression from buffering
 * it, `X-Accel-Buffering: no` does the same for the nginx Ingress.
 */
export async function liveResponse(request: Request, channel: string, topic: string): Promise<Response> {
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const body = new ReadableStream<Uint8Array>({
		start: async (controller) => {
			let open = true;
			const send = (text: string) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					end();
				}
			};
			const end = () => {
				if (!open) return;
				open = false;
				cleanup();
				try {
					controller.close();
				} catch {}
			};
			const unsubscribe = await hub().subscribe(channel, topic, (payload) => {
				send(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
			});
			const heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
			heartbeat.unref();
			const untrack = hub().track(end);
			cleanup = () => {
				clearInterval(heartbeat);
				unsubscribe();
				untrack();
			};
			request.signal.addEventListener("abort", end, { once: true });
			if (request.signal.aborted) return end();
			// A client reconnecting waits this long; the first line tells it the stream is live.
			send("retry: 3000\n: connected\n\n");
		},
		cancel: () => cleanup(),
	});
	return new Response(body, {
		headers: {
			"Content-Type": "text/event-stream; charset=utf-8",
			"Cache-Control": "no-cache, no-transform",
			"X-Accel-Buffering": "no",
		},
	});
}
