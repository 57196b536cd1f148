import { crc32, deflateRawSync } from "node:zlib";

/**
 * What Alipay's trade bill download is made of: CSV files in GBK inside a zip. Node can decode
 * GBK (TextDecoder) but not encode it, so the encoder is built once from the decoder's own table.
 */
let gbkTable: Map<string, number> | undefined;

function gbkCodes(): Map<string, number> {
	if (gbkTable) return gbkTable;
	const table = new Map<string, number>();
	const decoder = new TextDecoder("gbk", { fatal: true });
	for (let lead = 0x81; lead <= 0xfe; lead += 1) {
		for (let trail = 0x40; trail <= 0xfe; trail += 1) {
			if (trail === 0x7f) continue;
			try {
				const char = decoder.decode(Uint8Array.of(lead, trail));
				if (char.length === 1 && !table.has(char)) table.set(char, (lead << 8) | trail);
			} catch {
				// not a GBK pair
			}
		}
	}
	gbkTable = table;
	return table;
}

export function encodeGbk(text: string): Buffer {
	const table = gbkCodes();
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0x3f;
		if (code < 0x80) {
			bytes.push(code);
			continue;
		}
		const pair = table.get(char);
		if (pair === undefined) bytes.push(0x3f);
		else bytes.push(pair >> 8, pair & 0xff);
	}
	return Buffer.from(bytes);
}

/** A zip (deflate) of the given files, as a bill download answers; names flagged UTF-8. */
export function zipFiles(files: Array<{ name: string; data: Buffer }>, at = new Date()): Buffer {
	const time = (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2);
	const date = ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate();
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const file of files) {
		const name = Buffer.from(file.name, "utf8");
		const packed = deflateRawSync(file.data);
		const crc = crc32(file.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt16LE(time, 10);
		local.writeUInt16LE(date, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(file.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, packed);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt16LE(time, 12);
		central.writeUInt16LE(date, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(file.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
