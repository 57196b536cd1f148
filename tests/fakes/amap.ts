import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback AMap Web Service (restapi.amap.com v3) answering as AMap does: HTTP 200 with JSON whose
 * `status` is "1" (with `info: "OK"`, `infocode: "10000"`) or "0" with the refusal's info and infocode.
 * It checks the key (INVALID_USER_KEY, 10001) and, when the fake has a secret, the signature `sig`:
 * MD5 of the other parameters sorted by name as `k=v&…` (values decoded, as sent) with the secret
 * appended (INVALID_USER_SIGNATURE, 10007). POIs carry `location` as "lng,lat" (GCJ-02), and an
 * absent text field as [] (AMap's habit, e.g. a POI without an address).
 */
export interface FakePoi {
	name: string;
	/** [] when the POI has no address, as AMap sends it. */
	address: string | [];
	cityname: string;
	adname: string;
	/** "lng,lat" */
	location: string;
}

export interface AmapRequest {
	path: string;
	params: Record<string, string>;
}

export interface FakeAmap {
	/** http://127.0.0.1:PORT, for AMAP_API_BASE. */
	url: string;
	requests: AmapRequest[];
	/** Requests refused, by info (INVALID_USER_KEY, INVALID_USER_SIGNATURE, …). */
	rejected: string[];
	/** The POIs a keyword search in a city (its Chinese name) finds: those whose name contains the keywords. */
	addPois(city: string, pois: FakePoi[]): void;
	/** The next request is refused with this info and code (e.g. DAILY_QUERY_OVER_LIMIT, 10003). */
	failNextWith(info: string, infocode: string): void;
	/** Requests get no answer until `answerAgain` (or close): for the caller's timeout. */
	stopAnswering(): void;
	answerAgain(): void;
	close(): Promise<void>;
}

export async function startFakeAmap(options: { key: string; secret?: string }): Promise<FakeAmap> {
	const pois = new Map<string, FakePoi[]>();
	const requests: AmapRequest[] = [];
	const rejected: string[] = [];
	let nextFailure: { info: string; infocode: string } | null = null;
	let silent = false;
	const held: ServerResponse[] = [];

	const send = (response: ServerResponse, body: unknown) => {
		response.writeHead(200, { "content-type": "application/json;charset=UTF-8" });
		response.end(JSON.stringify(body));
	};
	const refuse = (response: ServerResponse, info: string, infocode: string) => {
		rejected.push(info);
		send(response, { status: "0", info, infocode });
	};
	const ok = { status: "1", info: "OK", infocode: "10000" };

	function signatureValid(params: Record<string, string>): boolean {
		if (!options.secret) return true;
		const { sig, ...signed } = params;
		const joined = Object.keys(signed)
			.sort()
			.map((name) => `${name}=${signed[name]}`)
			.join("&");
		return (
			sig ===
			createHash("md5")
				.update(joined + options.secret, "utf8")
				.digest("hex")
		);
	}

	function answer(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? "/", "http://fake");
		const params = Object.fromEntries(url.searchParams);
		requests.push({ path: url.pathname, params });
		if (silent) {
			held.push(response);
			return;
		}
		if (params.key !== options.key) return refuse(response, "INVALID_USER_KEY", "10001");
		if (!signatureValid(params)) return refuse(response, "INVALID_USER_SIGNATURE", "10007");
		if (nextFailure) {
			const failure = nextFailure;
			nextFailure = null;
			return refuse(response, failure.info, failure.infocode);
		}
		switch (url.pathname) {
			case "/v3/place/text": {
				const keywords = params.keywords ?? "";
				if (keywords === "") return refuse(response, "INVALID_PARAMS", "20000");
				const found = (pois.get(params.city ?? "") ?? []).filter((poi) => poi.name.includes(keywords));
				const offset = Number(params.offset ?? 20);
				return send(response, {
					...ok,
					count: String(found.length),
					suggestion: { keywords: [], cities: [] },
					pois: found.slice(0, offset),
				});
			}
			case "/v3/geocode/geo": {
				const all = [...pois.values()].flat();
				const found = all.filter(
					(poi) => typeof poi.address === "string" && poi.address !== "" && params.address?.includes(poi.address),
				);
				return send(response, {
					...ok,
					count: String(found.length),
					geocodes: found.map((poi) => ({
						formatted_address: `${poi.cityname}${poi.adname}${poi.address}`,
						district: poi.adname,
						location: poi.location,
					})),
				});
			}
			case "/v3/geocode/regeo": {
				const [lng, lat] = (params.location ?? "").split(",").map(Number);
				const all = [...pois.values()].flat();
				const nearest = all
					.map((poi) => {
						const [plng, plat] = poi.location.split(",").map(Number);
						return { poi, distance: ((plng ?? 0) - (lng ?? 0)) ** 2 + ((plat ?? 0) - (lat ?? 0)) ** 2 };
					})
					.sort((a, b) => a.distance - b.distance)[0]?.poi;
				return send(response, {
					...ok,
					regeocode: nearest
						? {
								formatted_address: `${nearest.cityname}${nearest.adname}${typeof nearest.address === "string" ? nearest.address : ""}`,
								addressComponent: { district: nearest.adname, city: [], province: nearest.cityname },
							}
						: { formatted_address: [], addressComponent: {} },
				});
			}
			default:
				return refuse(response, "UNKNOWN_ERROR", "20003");
		}
	}

	const server = createServer(answer);
	await new Promise<void>((ready) => server.listen(0, "127.0.0.1", () => ready()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		rejected,
		addPois: (city, added) => pois.set(city, [...(pois.get(city) ?? []), ...added]),
		failNextWith: (info, infocode) => {
			nextFailure = { info, infocode };
		},
		stopAnswering: () => {
			silent = true;
		},
		answerAgain: () => {
			silent = false;
		},
		close: () =>
			new Promise((done) => {
				for (const response of held) response.destroy();
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
