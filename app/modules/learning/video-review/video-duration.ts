/**
 * How long a video is, read from its container the way a player would (never from the client's
 * word): the movie header (`moov/mvhd`, or `moov/mvex/mehd` for a fragmented file) of MP4 and
 * QuickTime, and for WebM the segment's Duration or, when the recorder wrote none (a browser's
 * MediaRecorder never does), the last block's timestamp. Null when the container does not say.
 */
export function videoDurationMs(bytes: Uint8Array, type: "video/mp4" | "video/quicktime" | "video/webm"): number | null {
	try {
		return type === "video/webm" ? webmDurationMs(bytes) : isoDurationMs(bytes);
	} catch {
		// A truncated or malformed container reads past its end: its length is unknown.
		return null;
	}
}

function view(bytes: Uint8Array) {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface IsoBox {
	type: string;
	start: number;
	end: number;
}

function* isoBoxes(bytes: Uint8Array, from: number, to: number): Generator<IsoBox> {
	const data = view(bytes);
	let offset = from;
	while (offset + 8 <= to) {
		let size = data.getUint32(offset);
		const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
		let header = 8;
		if (size === 1) {
			size = Number(data.getBigUint64(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = to - offset;
		}
		if (size < header) return;
		yield { type, start: offset + header, end: Math.min(offset + size, to) };
		offset += size;
	}
}

const findBox = (bytes: Uint8Array, type: string, from: number, to: number) => {
	for (const box of isoBoxes(bytes, from, to)) if (box.type === type) return box;
	return undefined;
};

function isoDurationMs(bytes: Uint8Array): number | null {
	const moov = findBox(bytes, "moov", 0, bytes.byteLength);
	if (!moov) return null;
	const mvhd = findBox(bytes, "mvhd", moov.start, moov.end);
	if (!mvhd) return null;
	const data = view(bytes);
	const version = data.getUint8(mvhd.start);
	const timescale = data.getUint32(mvhd.start + (version === 1 ? 20 : 12));
	if (timescale === 0) return null;
	let duration = version === 1 ? Number(data.getBigUint64(mvhd.start + 24)) : data.getUint32(mvhd.start + 16);
	const unknown = duration === 0 || duration === 0xffffffff || duration >= Number.MAX_SAFE_INTEGER;
	if (unknown) {
		// A fragmented file states its whole length in the movie extends header, when it states it.
		const mvex = findBox(bytes, "mvex", moov.start, moov.end);
		const mehd = mvex && findBox(bytes, "mehd", mvex.start, mvex.end);
		if (!mehd) return null;
		const mehdVersion = data.getUint8(mehd.start);
		duration = mehdVersion === 1 ? Number(data.getBigUint64(mehd.start + 4)) : data.getUint32(mehd.start + 4);
		if (duration === 0) return null;
	}
	return Math.round((duration / timescale) * 1000);
}

// EBML element ids (with their length marker bits, as Matroska's specification writes them).
const ids = {
	segment: 0x18538067,
	info: 0x1549a966,
	timecodeScale: 0x2ad7b1,
	duration: 0x4489,
	cluster: 0x1f43b675,
	timecode: 0xe7,
	simpleBlock: 0xa3,
	blockGroup: 0xa0,
	block: 0xa1,
};
/** What a cluster may hold; any other id ends a cluster written with an unknown size. */
const clusterChildren = new Set([ids.timecode, ids.simpleBlock, ids.blockGroup, 0xa7, 0xab, 0x5854]);

interface Vint {
	value: number;
	length: number;
	unknown: boolean;
}

function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint {
	const first = bytes[offset];
	if (first === undefined || first === 0) throw new RangeError("bad EBML number");
	const length = Math.clz32(first) - 23;
	if (offset + length > bytes.byteLength) throw new RangeError("EBML number past the end");
	let value = keepMarker ? first : first & (0xff >> length);
	let allOnes = value === 0xff >> length;
	for (let index = 1; index < length; index++) {
		const byte = bytes[offset + index] as number;
		value = value * 256 + byte;
		allOnes &&= byte === 0xff;
	}
	return { value, length, unknown: !keepMarker && allOnes };
}

interface EbmlElement {
	id: number;
	dataStart: number;
	/** The end of its data; for an element of unknown size, the end of its parent. */
	dataEnd: number;
	unknownSize: boolean;
}

function readElement(bytes: Uint8Array, offset: number, parentEnd: number): EbmlElement {
	const id = readVint(bytes, offset, true);
	const size = readVint(bytes, offset + id.length, false);
	const dataStart = offset + id.length + size.length;
	return {
		id: id.value,
		dataStart,
		dataEnd: size.unknown ? parentEnd : Math.min(dataStart + size.value, parentEnd),
		unknownSize: size.unknown,
	};
}

const readUint = (bytes: Uint8Array, start: number, end: number) => {
	let value = 0;
	for (let index = start; index < end; index++) value = value * 256 + (bytes[index] as number);
	return value;
};

function webmDurationMs(bytes: Uint8Array): number | null {
	const end = bytes.byteLength;
	let offset = 0;
	let segment: EbmlElement | undefined;
	while (offset < end) {
		const element = readElement(bytes, offset, end);
		if (element.id === ids.segment) {
			segment = element;
			break;
		}
		offset = element.dataEnd;
	}
	if (!segment) return null;
	let scaleNs = 1_000_000;
	let stated: number | null = null;
	let lastTicks = -1;
	offset = segment.dataStart;
	while (offset < segment.dataEnd) {
		const element = readElement(bytes, offset, segment.dataEnd);
		if (element.id === ids.info) {
			for (let child = element.dataStart; child < element.dataEnd; ) {
				const field = readElement(bytes, child, element.dataEnd);
				if (field.id === ids.timecodeScale) scaleNs = readUint(bytes, field.dataStart, field.dataEnd);
				if (field.id === ids.duration) {
					const length = field.dataEnd - field.dataStart;
					const data = view(bytes);
					stated = length === 8 ? data.getFloat64(field.dataStart) : length === 4 ? data.getFloat32(field.dataStart) : null;
				}
				child = field.dataEnd;
			}
			offset = element.dataEnd;
		} else if (element.id === ids.cluster) {
			const cluster = readCluster(bytes, element);
			lastTicks = Math.max(lastTicks, cluster.lastTicks);
			offset = cluster.end;
		} else {
			offset = element.dataEnd;
		}
	}
	const ticks = stated !== null && stated > 0 ? stated : lastTicks >= 0 ? lastTicks : null;
	if (ticks === null || scaleNs <= 0) return null;
	return Math.round((ticks * scaleNs) / 1_000_000);
}

/** A cluster's last block time (in the segment's ticks) and where the cluster ends. */
function readCluster(bytes: Uint8Array, cluster: EbmlElement): { lastTicks: number; end: number } {
	let clusterTicks = 0;
	let lastTicks = -1;
	let offset = cluster.dataStart;
	while (offset < cluster.dataEnd) {
		const element = readElement(bytes, offset, cluster.dataEnd);
		if (cluster.unknownSize && !clusterChildren.has(element.id)) return { lastTicks, end: offset };
		if (element.id === ids.timecode) clusterTicks = readUint(bytes, element.dataStart, element.dataEnd);
		const blockStart =
			element.id === ids.simpleBlock
				? element.dataStart
				: element.id === ids.blockGroup
					? blockInGroup(bytes, element)
					: undefined;
		if (blockStart !== undefined) {
			const track = readVint(bytes, blockStart, false);
			const relative = view(bytes).getInt16(blockStart + track.length);
			lastTicks = Math.max(lastTicks, clusterTicks + relative);
		}
		offset = element.dataEnd;
	}
	return { lastTicks, end: cluster.dataEnd };
}

function blockInGroup(bytes: Uint8Array, group: EbmlElement): number | undefined {
	for (let offset = group.dataStart; offset < group.dataEnd; ) {
		const element = readElement(bytes, offset, group.dataEnd);
		if (element.id === ids.block) return element.dataStart;
		offset = element.dataEnd;
	}
	return undefined;
}
