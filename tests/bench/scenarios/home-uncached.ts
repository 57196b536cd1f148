import { defineScenario } from "../harness";

/**
 * The signed-out home page rendered for every request: another query string each time, so the
 * few-second page cache (keyed by the whole URL) never answers. The render goal compares this one.
 */
export default defineScenario({
	name: "home-uncached",
	description: "GET /?visit=N signed out (br, zh-CN), a new URL each request so the page cache never answers",
	order: 11,
	setup: () => {
		let visit = 0;
		const path = () => `/?visit=${visit++}`;
		return {
			path: path(),
			headers: { accept: "text/html", "accept-encoding": "gzip, deflate, br", "accept-language": "zh-CN" },
			setupRequest: (request) => ({ ...request, path: path() }),
		};
	},
});
