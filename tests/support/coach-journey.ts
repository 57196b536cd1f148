import sharp from "sharp";
import { addRoleGrant, createUser } from "~/modules/accounts/users.server";
import { addCertificate } from "~/modules/coaches/application/add-certificate.server";
import { addPhoto } from "~/modules/coaches/application/add-photo.server";
import { saveApplication } from "~/modules/coaches/application/save-application.server";
import { submitApplication } from "~/modules/coaches/application/submit-application.server";
import { idNumberCheckCharacter } from "~/modules/coaches/id-number";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import { approveApplication } from "~/modules/coaches/review/approve-application.server";
import { reviewChange } from "~/modules/coaches/review/review-change.server";
import type { Reviewer } from "~/modules/coaches/review/reviewer";

/**
 * A coach made the way a real one is: the person applies (identity, profile, area, a place, a
 * photo and a certificate), submits, a support reviewer approves the photo, the certificate and
 * the application, and the coach publishes an offering. Every state comes from the services.
 */
export async function createReviewer(): Promise<Reviewer> {
	const staff = await createUser({ displayName: "审核员" });
	await addRoleGrant({ userId: staff.id, role: "support", grantedBy: null });
	return { id: staff.id, roles: ["support"] };
}

export const validIdNumber = (first17 = "11010519900307452") => `${first17}${idNumberCheckCharacter(first17)}`;

export async function createApprovedCoach(input: {
	displayName: string;
	point: { latitude: number; longitude: number };
	reviewer: Reviewer;
	realName?: string;
	idNumber?: string;
	/** For tests that read the coach's SMS (fresh codes, notices). */
	phone?: string;
	/** Teaching-style tag codes (default: patient), e.g. for plans that match coaches by them. */
	styleTags?: string[];
}) {
	const user = await createUser({ displayName: input.displayName, ...(input.phone ? { phone: input.phone } : {}) });
	await saveApplication({
		userId: user.id,
		update: {
			identity: {
				realName: input.realName ?? "李明",
				idNumber: input.idNumber ?? validIdNumber(),
				gender: "male",
				idNumberConsent: true,
			},
			profile: {
				displayName: input.displayName,
				disciplines: ["chinese_8_ball"],
				level: "advanced",
				yearsExperience: 6,
				styleTags: input.styleTags ?? ["patient"],
				bio: "执教六年，擅长中式八球基本功与走位训练。",
			},
			area: { cityCode: "shanghai", serviceRadiusKm: 15, ...input.point },
			places: [{ name: "测试台球俱乐部", address: "徐汇区漕溪北路 88 号", ...input.point }],
		},
	});
	const image = await sharp({ create: { width: 480, height: 360, channels: 3, background: { r: 20, g: 110, b: 70 } } })
		.png()
		.toBuffer();
	const photo = await addPhoto({ userId: user.id, source: { bytes: new Uint8Array(image) } });
	const certificate = await addCertificate({
		userId: user.id,
		source: { bytes: new Uint8Array(image) },
		details: { issuer: "中国台球协会", level: "二级教练员" },
	});
	const submitted = await submitApplication({ userId: user.id });
	const coachId = submitted.id;
	await reviewChange({ reviewer: input.reviewer, coachId, item: "photo", itemId: photo.id, decision: "approve" });
	await reviewChange({ reviewer: input.reviewer, coachId, item: "certificate", itemId: certificate.id, decision: "approve" });
	await approveApplication({ reviewer: input.reviewer, coachId });
	await saveOfferings({
		userId: user.id,
		update: {
			offerings: [{ courseType: "basic", durationMinutes: 60, priceFen: 20000, online: false }],
			cancellationPolicy: "moderate",
		},
	});
	return { userId: user.id, coachId, photoFileId: photo.fileId, certificateFileId: certificate.fileId };
}
