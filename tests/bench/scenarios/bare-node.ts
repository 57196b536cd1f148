import { Worker } from "node:worker_threads";
import { defineScenario } from "../harness";

/**
 * The ceiling on this machine: a bare node:http server with a small fixed body, in a worker
 * thread of the bench process (so it does not share an event loop with autocannon, which runs on
 * the main thread). Every other HTTP target is reported as a fraction of this one.
 */
const serverCode = `
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const body = Buffer.from('{"status":"ok"}');
const server = http.createServer((req, res) => {
	res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
	res.end(body);
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

export default defineScenario({
	name: "bare",
	description: "bare node:http server in the bench process (worker thread), fixed 15-byte JSON",
	baseline: true,
	order: 90,
	async setup(_baseUrl, ctx) {
		const worker = new Worker(serverCode, { eval: true });
		ctx.onCleanup(() => worker.terminate());
		const port = await new Promise<number>((resolve, reject) => {
			worker.once("message", resolve);
			worker.once("error", reject);
		});
		return { baseUrl: `http://127.0.0.1:${port}`, path: "/livez" };
	},
});
