import {
	beginMyTwoFactor,
	changeMyPassword,
	deleteMe,
	disableMyTwoFactor,
	emailConfirm,
	emailSignUp,
	enableMyTwoFactor,
	myNotifications,
	mySessions,
	passwordReset,
	passwordResetCode,
	readMyNotifications,
	revokeMySession,
	twoFactorVerify,
} from "./account";
import {
	getAdminUser,
	grantAdminRole,
	listAdminAudit,
	reinstateAdminUser,
	revokeAdminRole,
	searchAdminUsers,
	suspendAdminUser,
} from "./admin";
import { logout, passwordLogin, requestSmsCode, smsLogin } from "./auth";
import { getCoach, listCoaches } from "./coaches";
import { getFileSignedUrl, uploadFile } from "./files";
import { getMe } from "./me";
import { getMeta } from "./meta";
import { alipayLogin, bindPhone, wechatLogin } from "./social-auth";

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const endpoints = [
	getMeta,
	listCoaches,
	getCoach,
	requestSmsCode,
	smsLogin,
	passwordLogin,
	wechatLogin,
	alipayLogin,
	bindPhone,
	emailSignUp,
	emailConfirm,
	passwordResetCode,
	passwordReset,
	twoFactorVerify,
	logout,
	getMe,
	mySessions,
	revokeMySession,
	changeMyPassword,
	myNotifications,
	readMyNotifications,
	beginMyTwoFactor,
	enableMyTwoFactor,
	disableMyTwoFactor,
	deleteMe,
	uploadFile,
	getFileSignedUrl,
	searchAdminUsers,
	getAdminUser,
	suspendAdminUser,
	reinstateAdminUser,
	grantAdminRole,
	revokeAdminRole,
	listAdminAudit,
] as const;
