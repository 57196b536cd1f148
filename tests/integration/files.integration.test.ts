import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemoAccounts } from "~/modules/accounts/demo/seed-demo-accounts.server";
import { deleteStoredFile } from "~/modules/files/delete-file.server";
import { getStoredFile } from "~/modules/files/get-file.server";
import { saveUpload } from "~/modules/files/save-upload.server";
import { setFileVisibility } from "~/modules/files/set-visibility.server";
import {
	assertSafeKey,
	type FileStorage,
	fileStorage,
	localFolderStorage,
	readAll,
	s3Storage,
	setFileStorage,
	storageFromSettings,
} from "~/modules/files/storage.server";
import { signFileUrl } from "~/modules/files/urls.server";
import { storedFiles } from "../../db/schema";
import { startFakeS3 } from "../fakes/s3";
import { signInBySms } from "../support/accounts";
import { signInStaff } from "../support/staff";
import { startTestApp, type TestApp } from "../support/test-app";

// This file's uploads go to a folder of its own (the storage is created on first use).
const dataDir = mkdtempSync(join(tmpdir(), "cuepal-files-"));
const previousDataDir = process.env.DATA_DIR;
process.env.DATA_DIR = dataDir;
const uploadsDir = join(dataDir, "uploads");

let app: TestApp;
let alice: { token: string; user: { id: string } };
let bob: { token: string; user: { id: string } };
let adminToken: string;
let supportToken: string;

beforeAll(async () => {
	await db().transaction((tx) => seedDemoAccounts(tx));
	app = await startTestApp();
	alice = await signInBySms(app.url, "13900007001");
	await db().execute("delete from rate_limits");
	bob = await signInBySms(app.url, "13900007002");
	// Staff sign in with their second factor, as the back office requires of them.
	adminToken = (await signInStaff(app.url, "admin@demo.cuepal.cn")).token;
	supportToken = (await signInStaff(app.url, "support@demo.cuepal.cn")).token;
});

afterAll(async () => {
	await app?.close();
	// Leave the worker as it was, for the next test file it may run.
	if (previousDataDir === undefined) delete process.env.DATA_DIR;
	else process.env.DATA_DIR = previousDataDir;
	setFileStorage(storageFromSettings());
	rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string) => `${app.url}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function upload(kind: string, bytes: Uint8Array, contentType: string, token = alice.token) {
	const response = await fetch(api(`/files?kind=${kind}`), {
		method: "POST",
		headers: { "content-type": contentType, ...bearer(token) },
		body: new Uint8Array(bytes),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every file under the uploads folder, relative to it. */
function storedPaths(): string[] {
	const walk = (dir: string): string[] => {
		try {
			return readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				return statSync(path).isDirectory() ? walk(path) : [path.slice(uploadsDir.length + 1)];
			});
		} catch {
			return [];
		}
	};
	return walk(uploadsDir).sort();
}

const rowCount = async () => (await db().select({ id: storedFiles.id }).from(storedFiles)).length;

const jpegWithExif = (width: number, height: number, orientation?: number) =>
	sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 60 } } })
		.jpeg()
		.withMetadata({ ...(orientation ? { orientation } : {}), exif: { IFD0: { Copyright: "secret-gps", Artist: "Coach Li" } } })
		.toBuffer();

const minimalPdf = Buffer.from(
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

describe("uploading an image", () => {
	it("re-encodes a JPEG into WebP variants without EXIF; once approved, served with long caching and ETags", async () => {
		const original = await jpegWithExif(2000, 1000);
		expect((await sharp(original).metadata()).exif, "the test image carries EXIF").toBeDefined();
		expect(original.includes("secret-gps")).toBe(true);

		const uploaded = await upload("coach_photo", original, "image/jpeg");
		expect(uploaded.status).toBe(201);
		expect(uploaded.body).toMatchObject({
			kind: "coach_photo",
			visibility: "private",
			mimeType: "image/webp",
			width: 2000,
			height: 1000,
			url: expect.stringMatching(new RegExp(`^/files/private/${uploaded.body.id}/card\\.webp\\?exp=`)),
		});
		// What a reviewer's approval does.
		await setFileVisibility(uploaded.body.id, "public");

		for (const [variant, width] of [
			["thumb", 200],
			["card", 600],
			["full", 1600],
		] as const) {
			const response = await fetch(`${app.url}/files/${uploaded.body.id}/${variant}.webp`);
			expect(response.status).toBe(200);
			expect(response.headers.get("content-type")).toBe("image/webp");
			expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
			expect(response.headers.get("x-content-type-options")).toBe("nosniff");
			expect(response.headers.get("content-disposition")).toMatch(/^inline/);
			const bytes = Buffer.from(await response.arrayBuffer());
			const metadata = await sharp(bytes).metadata();
			expect(metadata.format).toBe("webp");
			expect(metadata.width).toBe(width);
			expect(metadata.height).toBe(width / 2);
			expect(metadata.exif).toBeUndefined();
			expect(metadata.xmp).toBeUndefined();
			expect(metadata.icc).toBeUndefined();
			expect(bytes.includes("secret-gps")).toBe(false);

			const etag = response.headers.get("etag") as string;
			expect(etag).toBeTruthy();
			const again = await fetch(`${app.url}/files/${uploaded.body.id}/${variant}.webp`, { headers: { "if-none-match": etag } });
			expect(again.status).toBe(304);
			expect((await again.arrayBuffer()).byteLength).toBe(0);
		}

		// Nothing stored anywhere still carries the EXIF text.
		for (const path of storedPaths()) expect(readFileSync(join(uploadsDir, path)).includes("secret-gps")).toBe(false);
		const [row] = await db().select().from(storedFiles).where(eq(storedFiles.id, uploaded.body.id));
		expect(row).toMatchObject({ ownerId: alice.user.id, kind: "coach_photo", visibility: "public", width: 2000, height: 1000 });
		expect(Object.keys(row?.variants ?? {}).sort()).toEqual(["card", "full", "thumb"]);
	});

	it("turns the pixels upright by the EXIF orientation before dropping it", async () => {
		// Stored 2000×1000 with orientation 6 (rotate 90° clockwise): an upright 1000×2000 photo.
		const uploaded = await upload("coach_photo", await jpegWithExif(2000, 1000, 6), "image/jpeg");
		expect(uploaded.status).toBe(201);
		expect([uploaded.body.width, uploaded.body.height]).toEqual([1000, 2000]);
		const card = await sharp(Buffer.from(await (await fetch(`${app.url}${uploaded.body.url}`)).arrayBuffer())).metadata();
		expect([card.width, card.height, card.orientation]).toEqual([600, 1200, undefined]);
		const full = await sharp(
			Buffer.from(await (await fetch(`${app.url}${signFileUrl(uploaded.body.id, 60, "full").url}`)).arrayBuffer()),
		).metadata();
		expect([full.width, full.height], "never enlarged").toEqual([1000, 2000]);
	});

	it("takes PNG and WebP by their bytes whatever the declared type", async () => {
		const png = await sharp({ create: { width: 300, height: 300, channels: 4, background: "#00000000" } })
			.png()
			.toBuffer();
		const uploaded = await upload("coach_photo", png, "application/octet-stream");
		expect(uploaded.status).toBe(201);
		expect(uploaded.body).toMatchObject({ width: 300, height: 300, mimeType: "image/webp" });
		const webp = await sharp({ create: { width: 50, height: 40, channels: 3, background: "#123456" } })
			.webp()
			.toBuffer();
		expect((await upload("coach_photo", webp, "image/jpeg")).status).toBe(201);
		const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#654321" } })
			.avif()
			.toBuffer();
		const fromAvif = await upload("certificate", avif, "image/avif");
		expect(fromAvif.status).toBe(201);
		expect(fromAvif.body).toMatchObject({ visibility: "private", mimeType: "image/webp", width: 64, height: 48 });
	});

	it("refuses images with more pixels than it will decode (decompression bombs) before decoding them", async () => {
		// A 30000×30000 PNG header: tiny on the wire, 2.7 GB once decoded.
		const chunk = (type: string, data: Buffer) => {
			const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
			const length = Buffer.alloc(4);
			length.writeUInt32BE(data.length);
			const crc = Buffer.alloc(4);
			crc.writeUInt32BE(crc32(body));
			return Buffer.concat([length, body, crc]);
		};
		const header = Buffer.alloc(13);
		header.writeUInt32BE(30_000, 0);
		header.writeUInt32BE(30_000, 4);
		header.set([8, 2, 0, 0, 0], 8);
		const bomb = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk("IHDR", header),
			chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
			chunk("IEND", Buffer.alloc(0)),
		]);
		const rowsBefore = await rowCount();
		const refused = await upload("coach_photo", bomb, "image/png");
		expect(refused.status).toBe(413);
		expect(refused.body.error.message).toBe("图片分辨率过高（不超过 100 百万像素）");
		expect(await rowCount()).toBe(rowsBefore);
	});
});

describe("refused uploads", () => {
	it("refuses a text file dressed up as a JPEG with 415, and writes nothing", async () => {
		const rowsBefore = await rowCount();
		const filesBefore = storedPaths();

		const text = await upload("coach_photo", Buffer.from("just some text, renamed to photo.jpg\n"), "image/jpeg");
		expect(text.status).toBe(415);
		expect(text.body.error.code).toBe("unsupported_media_type");
		expect(text.body.error.message).toBe("请上传 JPEG、PNG、WebP 或 AVIF 格式的图片");

		// The JPEG signature followed by garbage: sniffed as JPEG, refused by the decoder.
		const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
		expect((await upload("coach_photo", garbage, "image/jpeg")).status).toBe(415);

		// SVG (scripts), GIF and HTML are not taken, whatever they claim to be.
		const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
		expect((await upload("coach_photo", svg, "image/png")).status).toBe(415);
		const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
			.gif()
			.toBuffer();
		expect((await upload("coach_photo", gif, "image/gif")).status).toBe(415);

		// PDFs only as certificates.
		const pdfAsPhoto = await upload("coach_photo", minimalPdf, "application/pdf", bob.token);
		expect(pdfAsPhoto.status).toBe(415);
		const english = await fetch(api("/files?kind=coach_photo"), {
			method: "POST",
			headers: { "content-type": "application/pdf", "accept-language": "en", ...bearer(bob.token) },
			body: minimalPdf,
		});
		expect(english.status).toBe(415);
		expect(((await english.json()) as { error: { message: string } }).error.message).toBe(
			"Upload a JPEG, PNG, WebP or AVIF image",
		);

		expect(await rowCount()).toBe(rowsBefore);
		expect(storedPaths()).toEqual(filesBefore);
	});

	it("refuses more than 10 MB with 413, empty bodies with 400, strangers with 401, unknown kinds with 400", async () => {
		const rowsBefore = await rowCount();
		const filesBefore = storedPaths();
		const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
		huge.set([0xff, 0xd8, 0xff, 0xe0]);
		const tooLarge = await upload("coach_photo", huge, "image/jpeg");
		expect(tooLarge.status).toBe(413);
		expect(tooLarge.body.error.code).toBe("payload_too_large");
		expect(tooLarge.body.error.message).toBe("文件不能超过 10 MB");

		const empty = await upload("coach_photo", new Uint8Array(0), "image/jpeg");
		expect(empty.status).toBe(400);
		expect(empty.body.error.message).toBe("文件是空的，请重新选择");

		const anonymous = await fetch(api("/files?kind=coach_photo"), {
			method: "POST",
			headers: { "content-type": "image/jpeg" },
			body: await jpegWithExif(20, 20),
		});
		expect(anonymous.status).toBe(401);

		expect((await upload("intro_video", await jpegWithExif(20, 20), "image/jpeg")).status).toBe(400);
		expect((await upload("../../etc", await jpegWithExif(20, 20), "image/jpeg")).status).toBe(400);

		expect(await rowCount()).toBe(rowsBefore);
		expect(storedPaths()).toEqual(filesBefore);
	});

	it("caps each kind in the service too (videos at 50 MB)", async () => {
		const video = Buffer.alloc(50 * 1024 * 1024 + 1, 0);
		await expect(saveUpload({ ownerId: alice.user.id, kind: "intro_video", bytes: video })).rejects.toMatchObject({
			status: 413,
			messageKey: "files.errors.tooLarge",
			options: { params: { maxMb: 50 } },
		});
	});
});

describe("private files", () => {
	it("keeps a certificate PDF private: no public URL, signed URLs for its owner only", async () => {
		const uploaded = await upload("certificate", minimalPdf, "application/pdf");
		expect(uploaded.status).toBe(201);
		expect(uploaded.body).toMatchObject({ kind: "certificate", visibility: "private", mimeType: "application/pdf", width: null });
		const id = uploaded.body.id as string;
		expect(uploaded.body.url).toMatch(new RegExp(`^/files/private/${id}\\?exp=\\d+&sig=[\\w-]{43}$`));

		// No public way in.
		for (const path of [`/files/${id}`, `/files/${id}/full.webp`, `/files/${id}/thumb.webp`]) {
			expect((await fetch(`${app.url}${path}`)).status, path).toBe(404);
		}

		// The URL from the upload works without a session.
		const fromUpload = await fetch(`${app.url}${uploaded.body.url}`);
		expect(fromUpload.status).toBe(200);
		expect(fromUpload.headers.get("content-type")).toBe("application/pdf");
		expect(fromUpload.headers.get("content-disposition")).toMatch(/^attachment; filename="certificate-/);
		expect(fromUpload.headers.get("x-content-type-options")).toBe("nosniff");
		expect(fromUpload.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
		expect(fromUpload.headers.get("referrer-policy")).toBe("no-referrer");
		expect(Buffer.from(await fromUpload.arrayBuffer()).equals(minimalPdf)).toBe(true);

		// The owner asks for a fresh one.
		const owner = await fetch(api(`/files/${id}/signed-url`), { headers: bearer(alice.token) });
		expect(owner.status).toBe(200);
		const signed = (await owner.json()) as { url: string; expiresAt: string };
		const lifetime = new Date(signed.expiresAt).getTime() - Date.now();
		expect(lifetime).toBeGreaterThan(250_000);
		expect(lifetime).toBeLessThanOrEqual(300_000);
		expect((await fetch(`${app.url}${signed.url}`)).status).toBe(200);

		// Another user learns nothing: the same 404 as for an id that does not exist.
		const stranger = await fetch(api(`/files/${id}/signed-url`), { headers: bearer(bob.token) });
		const unknown = await fetch(api("/files/00000000-0000-4000-8000-000000000000/signed-url"), { headers: bearer(bob.token) });
		const notAnId = await fetch(api("/files/not-an-id/signed-url"), { headers: bearer(bob.token) });
		expect([stranger.status, unknown.status, notAnId.status]).toEqual([404, 404, 404]);
		expect(await stranger.json()).toEqual(await unknown.json());
		expect((await fetch(api(`/files/${id}/signed-url`))).status).toBe(401);

		// Staff too: they read a private file only through the review it belongs to (audited there).
		for (const token of [adminToken, supportToken]) {
			const staff = await fetch(api(`/files/${id}/signed-url`), { headers: bearer(token) });
			expect(staff.status).toBe(404);
			expect(((await staff.json()) as { error: { code: string } }).error.code).toBe("not_found");
		}
	});

	it("refuses tampered, expired, borrowed and missing signatures with 403", async () => {
		const uploaded = await upload("certificate", minimalPdf, "application/pdf");
		const other = await upload("certificate", minimalPdf, "application/pdf", bob.token);
		const id = uploaded.body.id as string;
		const url = new URL(uploaded.body.url, app.url);
		const sig = url.searchParams.get("sig") as string;
		const exp = url.searchParams.get("exp") as string;

		const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
		const cases = {
			tampered: `/files/private/${id}?exp=${exp}&sig=${flipped}`,
			laterExpiry: `/files/private/${id}?exp=${Number(exp) + 3600}&sig=${sig}`,
			otherFile: `/files/private/${other.body.id}?exp=${exp}&sig=${sig}`,
			asVariant: `/files/private/${id}/full.webp?exp=${exp}&sig=${sig}`,
			noSignature: `/files/private/${id}`,
			noExpiry: `/files/private/${id}?sig=${sig}`,
			expired: signFileUrl(id, 60, undefined, Date.now() - 120_000).url,
		};
		for (const [name, path] of Object.entries(cases)) {
			const response = await fetch(`${app.url}${path}`);
			expect(response.status, name).toBe(403);
			expect(response.headers.get("cache-control"), name).toBe("no-store");
		}
		expect((await fetch(`${app.url}${uploaded.body.url}`)).status).toBe(200);
	});

	it("serves the variants of a private image only through URLs signed for that variant", async () => {
		const uploaded = await upload("coach_photo", await jpegWithExif(1200, 800), "image/jpeg");
		expect(uploaded.status).toBe(201);
		expect(uploaded.body.visibility).toBe("private");
		const id = uploaded.body.id as string;
		expect((await fetch(`${app.url}/files/${id}/thumb.webp`)).status).toBe(404);
		const full = await fetch(`${app.url}${uploaded.body.url}`);
		expect(full.status).toBe(200);
		expect(full.headers.get("content-type")).toBe("image/webp");
		expect(full.headers.get("content-disposition")).toMatch(/^inline/);
		expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).exif).toBeUndefined();
		const thumb = await fetch(`${app.url}${signFileUrl(id, 60, "thumb").url}`);
		expect(thumb.status).toBe(200);
		expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(200);
		const [row] = await db().select().from(storedFiles).where(eq(storedFiles.id, id));
		expect(row?.storageKey.startsWith(`private/${id}/`)).toBe(true);
	});
});

describe("managing stored files", () => {
	it("tells other modules a file's kind, moves it between public and private, and deletes it", async () => {
		const uploaded = await upload("coach_photo", await jpegWithExif(640, 480), "image/jpeg");
		const id = uploaded.body.id as string;
		await setFileVisibility(id, "public");
		expect(await getStoredFile(id)).toMatchObject({
			id,
			ownerId: alice.user.id,
			kind: "coach_photo",
			visibility: "public",
			isImage: true,
			width: 640,
			height: 480,
		});
		expect((await getStoredFile(id))?.variants.sort()).toEqual(["card", "full", "thumb"]);
		expect(await getStoredFile("00000000-0000-4000-8000-000000000000")).toBeNull();
		expect(await getStoredFile("../nope")).toBeNull();

		// Moderation hides it: the public URL stops working, a signed one works, the objects moved.
		await setFileVisibility(id, "private");
		expect((await fetch(`${app.url}/files/${id}/card.webp`)).status).toBe(404);
		expect((await fetch(`${app.url}${signFileUrl(id, 60, "card").url}`)).status).toBe(200);
		expect(storedPaths().filter((path) => path.includes(id))).toEqual([
			`private/${id}/card.webp`,
			`private/${id}/full.webp`,
			`private/${id}/thumb.webp`,
		]);
		await setFileVisibility(id, "public");
		expect((await fetch(`${app.url}/files/${id}/card.webp`)).status).toBe(200);

		expect(await deleteStoredFile(id)).toBe(true);
		expect(await getStoredFile(id)).toBeNull();
		expect(storedPaths().filter((path) => path.includes(id))).toEqual([]);
		expect((await fetch(`${app.url}/files/${id}/card.webp`)).status).toBe(404);
		expect(await deleteStoredFile(id)).toBe(false);
	});
});

describe("videos", () => {
	it("stores an MP4 as it came, private until reviewed, and serves byte ranges", async () => {
		const ftyp = Buffer.from([
			0x00,
			0x00,
			0x00,
			0x18,
			...Buffer.from("ftypisom"),
			0x00,
			0x00,
			0x02,
			0x00,
			...Buffer.from("isommp42"),
		]);
		const video = Buffer.concat([ftyp, Buffer.alloc(1000, 7)]);
		const saved = await saveUpload({ ownerId: alice.user.id, kind: "intro_video", bytes: video });
		// An intro video is reviewed before anyone else may watch it: no public URL until then.
		expect(saved).toMatchObject({ visibility: "private", mimeType: "video/mp4", width: null });
		expect((await fetch(`${app.url}/files/${saved.id}`)).status).toBe(404);
		const url = `${app.url}${signFileUrl(saved.id).url}`;
		const whole = await fetch(url);
		expect(whole.status).toBe(200);
		expect(whole.headers.get("content-type")).toBe("video/mp4");
		expect(whole.headers.get("accept-ranges")).toBe("bytes");
		expect(Buffer.from(await whole.arrayBuffer()).equals(video)).toBe(true);
		const part = await fetch(url, { headers: { range: "bytes=0-23" } });
		expect(part.status).toBe(206);
		expect(part.headers.get("content-range")).toBe(`bytes 0-23/${video.length}`);
		expect(Buffer.from(await part.arrayBuffer()).equals(ftyp)).toBe(true);
		const past = await fetch(url, { headers: { range: "bytes=5000-" } });
		expect(past.status).toBe(416);
		// A JPEG is not a video.
		await expect(
			saveUpload({ ownerId: alice.user.id, kind: "intro_video", bytes: await jpegWithExif(10, 10) }),
		).rejects.toMatchObject({ status: 415, messageKey: "files.errors.notAllowedType" });
	});
});

describe("storage keys", () => {
	it("cannot name anything outside the store", async () => {
		for (const key of [
			"../escape",
			"a/../../escape",
			"/etc/passwd",
			"a\\..\\b",
			".hidden",
			"a/.git/config",
			"a//b",
			"a/",
			"",
			"a/b\0c",
			"%2e%2e/x",
			"C:/windows",
		]) {
			expect(() => assertSafeKey(key), key).toThrow(/invalid storage key/);
		}
		expect(assertSafeKey("public/0b0e/full.webp")).toBe("public/0b0e/full.webp");

		const root = mkdtempSync(join(tmpdir(), "cuepal-store-"));
		const store = localFolderStorage(join(root, "inner"));
		await expect(store.put("../outside.txt", Buffer.from("x"), "text/plain")).rejects.toThrow(/invalid storage key/);
		await expect(store.get("../../etc/passwd")).rejects.toThrow(/invalid storage key/);
		await expect(store.delete("../outside.txt")).rejects.toThrow(/invalid storage key/);
		expect(readdirSync(root)).toEqual([]);

		await store.put("a/b.txt", Buffer.from("hello"), "text/plain");
		const object = await store.get("a/b.txt");
		expect(object && (await readAll(object)).toString()).toBe("hello");
		const range = await store.get("a/b.txt", { start: 1, end: 3 });
		expect(range && (await readAll(range)).toString()).toBe("ell");
		await store.delete("a/b.txt");
		expect(await store.get("a/b.txt")).toBeNull();
		await store.delete("a/b.txt");
		rmSync(root, { recursive: true, force: true });
	});

	it("answers traversal attempts over HTTP with 404 or 403", async () => {
		for (const path of [
			"/files/..%2F..%2Fetc%2Fpasswd",
			"/files/..%2F..%2Fpackage.json/full.webp",
			"/files/%2e%2e/full.webp",
			"/files/00000000-0000-4000-8000-000000000000/..%2Fpackage.json.webp",
		]) {
			const response = await fetch(`${app.url}${path}`);
			expect(response.status, path).toBe(404);
		}
		expect((await fetch(`${app.url}/files/private/..%2F..%2Fetc%2Fpasswd?exp=99999999999&sig=x`)).status).toBe(403);
	});
});

describe("the S3 adapter", () => {
	const credentials = { bucket: "cuepal-test", accessKeyId: "AKIDTESTFILES", secretAccessKey: "s3-test-secret-0123456789" };

	it("puts, gets (also ranges) and deletes through a SigV4-checking S3", async () => {
		const fake = await startFakeS3(credentials);
		try {
			const store = s3Storage({ ...credentials, endpoint: fake.url, region: "us-east-1", forcePathStyle: true });
			const bytes = Buffer.from("certificate bytes ✓");
			await store.put("private/abc/original.pdf", bytes, "application/pdf", { cacheControl: "private, no-store" });
			expect(fake.objects.get("private/abc/original.pdf")).toMatchObject({
				contentType: "application/pdf",
				cacheControl: "private, no-store",
				serverSideEncryption: "AES256",
			});

			const object = await store.get("private/abc/original.pdf");
			expect(object?.contentType).toBe("application/pdf");
			expect(object?.totalSize).toBe(bytes.length);
			expect(object && (await readAll(object)).equals(bytes)).toBe(true);

			const part = await store.get("private/abc/original.pdf", { start: 0, end: 10 });
			expect(part && (await readAll(part)).toString()).toBe("certificate");
			expect(part?.totalSize).toBe(bytes.length);

			expect(await store.get("private/abc/missing.pdf")).toBeNull();
			await store.delete("private/abc/original.pdf");
			expect(fake.objects.has("private/abc/original.pdf")).toBe(false);
			expect(await store.get("private/abc/original.pdf")).toBeNull();

			await expect(store.put("../escape", bytes, "text/plain")).rejects.toThrow(/invalid storage key/);
			// Every request reached the fake signed; none was refused for its signature.
			expect(fake.requests.length).toBeGreaterThanOrEqual(6);
			expect(fake.requests.filter((request) => request.error && request.error !== "NoSuchKey")).toEqual([]);

			// A wrong secret is refused by the fake's signature check.
			const forged = s3Storage({ ...credentials, secretAccessKey: "not-the-secret", endpoint: fake.url, forcePathStyle: true });
			await expect(forged.put("public/x/y.webp", bytes, "image/webp")).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
			expect(fake.objects.has("public/x/y.webp")).toBe(false);
			expect(fake.requests.at(-1)?.error).toBe("SignatureDoesNotMatch");
		} finally {
			await fake.close();
		}
	});

	it("stores uploads in the bucket privately, and serves them publicly once approved", async () => {
		const fake = await startFakeS3(credentials);
		const local: FileStorage = fileStorage();
		setFileStorage(s3Storage({ ...credentials, endpoint: fake.url, forcePathStyle: true }));
		try {
			const uploaded = await upload("coach_photo", await jpegWithExif(800, 400), "image/jpeg");
			expect(uploaded.status).toBe(201);
			const id = uploaded.body.id as string;
			expect([...fake.objects.keys()].sort()).toEqual([
				`private/${id}/card.webp`,
				`private/${id}/full.webp`,
				`private/${id}/thumb.webp`,
			]);
			expect(fake.objects.get(`private/${id}/card.webp`)?.cacheControl).toBe("private, no-store");
			expect((await fetch(`${app.url}/files/${id}/card.webp`)).status).toBe(404);
			// What a reviewer's approval does.
			await setFileVisibility(id, "public");
			expect([...fake.objects.keys()].sort()).toEqual([
				`public/${id}/card.webp`,
				`public/${id}/full.webp`,
				`public/${id}/thumb.webp`,
			]);
			expect(fake.objects.get(`public/${id}/card.webp`)?.cacheControl).toBe("public, max-age=31536000, immutable");
			const card = await fetch(`${app.url}/files/${id}/card.webp`);
			expect(card.status).toBe(200);
			expect((await sharp(Buffer.from(await card.arrayBuffer())).metadata()).width).toBe(600);
		} finally {
			setFileStorage(local);
			await fake.close();
		}
	});
});

describe("the API document", () => {
	it("documents the raw upload body and the signed-URL call", async () => {
		const document = (await (await fetch(api("/openapi.json"))).json()) as {
			paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: object }>>;
		};
		const uploadOperation = document.paths["/api/v1/files"]?.post;
		expect(Object.keys(uploadOperation?.requestBody?.content ?? {})).toEqual(
			expect.arrayContaining(["image/jpeg", "image/png", "image/webp", "application/pdf"]),
		);
		expect(Object.keys(uploadOperation?.responses ?? {})).toEqual(expect.arrayContaining(["201", "413", "415"]));
		expect(document.paths["/api/v1/files/{id}/signed-url"]?.get).toBeDefined();
	});
});
