/** Texts of SMS, email and in-app messages. SMS texts start with the signature the carriers require. */
export default {
	code: {
		login: {
			subject: "球伴登录验证码",
			body: "【球伴】您的登录验证码是 {{code}}，{{minutes}} 分钟内有效。请勿告诉他人。",
		},
		reset: {
			subject: "球伴重置密码验证码",
			body: "【球伴】您正在重置密码，验证码 {{code}}，{{minutes}} 分钟内有效。如非本人操作，请忽略。",
		},
		bind: {
			subject: "球伴绑定手机验证码",
			body: "【球伴】您正在绑定手机号，验证码 {{code}}，{{minutes}} 分钟内有效。",
		},
		reauth: {
			subject: "球伴身份确认验证码",
			body: "【球伴】您正在确认身份以修改账号安全设置，验证码 {{code}}，{{minutes}} 分钟内有效。如非本人操作，请立即修改密码。",
		},
		verify_email: {
			subject: "请确认您的球伴邮箱",
			body: "您好！您的邮箱验证码是 {{code}}，{{minutes}} 分钟内有效。如果不是您本人注册球伴，请忽略这封邮件。",
		},
	},
} as const;
