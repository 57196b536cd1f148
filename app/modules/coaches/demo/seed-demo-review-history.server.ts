import { eq } from "drizzle-orm";
import sharp from "sharp";
import { db } from "~/lib/db.server";
import { findUserByPhone } from "~/modules/accounts/users.server";
import { coachCertificates } from "../../../../db/schema";
import { addCertificate } from "../application/add-certificate.server";
import { findCoachOfUser } from "../application/coach-record.server";
import { getReviewDetail } from "../review/get-review-detail.server";
import { reviewChange } from "../review/review-change.server";
import type { Reviewer } from "../review/reviewer";

/**
 * A review the back office really did, so a fresh start's audit log is not empty: the demo coach
 * (13800000002) sends a coaching certificate, and the demo admin (13800000005) opens the review
 * (its view of the private files is audited) and approves it, which also gives the coach
 * the certificate badge and an "approved" notification. All through the services a reviewer's
 * clicks call, each in its own transaction, so it runs after the coaches' seed has committed.
 * Idempotent: a demo coach with a certificate already is left alone.
 */
export async function seedDemoReviewHistory(): Promise<number> {
	const [coachUser, admin] = await Promise.all([findUserByPhone("+8613800000002"), findUserByPhone("+8613800000005")]);
	if (!coachUser || !admin) return 0;
	const coach = await findCoachOfUser(coachUser.id, db());
	if (coach?.status !== "approved") return 0;
	const [existing] = await db()
		.select({ id: coachCertificates.id })
		.from(coachCertificates)
		.where(eq(coachCertificates.coachId, coach.id))
		.limit(1);
	if (existing) return 0;

	const certificate = await addCertificate({
		userId: coachUser.id,
		source: { bytes: await drawCertificate() },
		details: { issuer: "中国台球协会", level: "国家二级台球教练员" },
	});
	const reviewer: Reviewer = { id: admin.id, roles: ["admin"] };
	await getReviewDetail(coach.id, reviewer);
	await reviewChange({
		reviewer,
		coachId: coach.id,
		item: "certificate",
		itemId: certificate.id,
		decision: "approve",
		reason: "证书编号已与协会名录核对",
	});
	return 1;
}

/** A certificate-like scan drawn here (no network): paper, a border, a title and a red seal. */
async function drawCertificate(): Promise<Uint8Array> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640" viewBox="0 0 900 640">
<rect width="900" height="640" fill="#fbf6ea"/><rect x="30" y="30" width="840" height="580" fill="none" stroke="#b9824a" stroke-width="6"/>
<text x="450" y="170" font-size="64" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" font-weight="700" fill="#5b3a1c">教练员等级证书</text>
<text x="450" y="290" font-size="36" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#3b2a18">国家二级台球教练员</text>
<text x="450" y="360" font-size="28" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#6b5a48">中国台球协会</text>
<circle cx="680" cy="500" r="70" fill="none" stroke="#c0392b" stroke-width="8"/>
</svg>`;
	return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
}
