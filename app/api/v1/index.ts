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
import { getMe } from "./me";
import { getMeta } from "./meta";
import { alipayLogin, bindPhone, wechatLogin } from "./social-auth";

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const endpoints = [
	getMeta,
	requestSmsCode,
	smsLogin,
	passwordLogin,
	wechatLogin,
	alipayLogin,
	bindPhone,
	logout,
	getMe,
	searchAdminUsers,
	getAdminUser,
	suspendAdminUser,
	reinstateAdminUser,
	grantAdminRole,
	revokeAdminRole,
	listAdminAudit,
] as const;
