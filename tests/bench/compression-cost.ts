import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * What compressing a page costs, beside what rendering it costs (issue 12.1, decision 024):
 *   npx tsx tests/bench/compression-cost.ts page1.html page2.html…
 * (save pages with curl first). CPU time per page (process.cpuUsage, so other load on the machine
 * lengthens the run but not the figure) and the size, for the encodings the app could use.
 */
const encodings: Array<[string, (input: Buffer) => Buffer]> = [
	["brotli q1", (input) => brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })],
	[
		"brotli q4 (compression's default)",
		(input) => brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
	],
	["brotli q11 (zlib's default)", (input) => brotliCompressSync(input)],
	["gzip 1", (input) => gzipSync(input, { level: 1 })],
	["gzip 6 (default)", (input) => gzipSync(input, { level: 6 })],
];

for (const file of process.argv.slice(2)) {
	const html = readFileSync(file);
	process.stdout.write(`${basename(file)}: ${(html.byteLength / 1024).toFixed(1)} KB\n`);
	for (const [name, compress] of encodings) {
		const runs = name.includes("q11") ? 20 : 300;
		for (let i = 0; i < 5; i++) compress(html);
		const before = process.cpuUsage();
		let size = 0;
		for (let i = 0; i < runs; i++) size = compress(html).byteLength;
		const used = process.cpuUsage(before);
		const msPerPage = (used.user + used.system) / 1000 / runs;
		process.stdout.write(`  ${name.padEnd(36)} ${msPerPage.toFixed(2)} ms CPU  ${(size / 1024).toFixed(1)} KB\n`);
	}
}
