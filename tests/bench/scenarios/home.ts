import { defineScenario } from "../harness";

/** The home page as a browser in mainland China first asks for it: zh-CN, brotli. */
export default defineScenario({
	name: "home",
	description: "GET / as a browser (accept-encoding br, accept-language zh-CN)",
	order: 10,
	budget: { minRps: 1000, p99UnderMs: 100 },
	setup: () => ({
		path: "/",
		headers: {
			accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
			"accept-encoding": "gzip, deflate, br",
			"accept-language": "zh-CN",
			"user-agent":
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
		},
	}),
});
