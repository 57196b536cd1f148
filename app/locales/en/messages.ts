import type { Translation } from "../types";
import type zh from "../zh-CN/messages";

export default {
	code: {
		login: {
			subject: "Your CuePal sign-in code",
			body: "[CuePal] Your sign-in code is {{code}}, valid for {{minutes}} minutes. Never share it.",
		},
		reset: {
			subject: "Your CuePal password reset code",
			body: "[CuePal] Your password reset code is {{code}}, valid for {{minutes}} minutes. If this wasn't you, ignore this message.",
		},
		bind: {
			subject: "Your CuePal phone binding code",
			body: "[CuePal] Your code to bind this phone is {{code}}, valid for {{minutes}} minutes.",
		},
		reauth: {
			subject: "Your CuePal confirmation code",
			body: "[CuePal] Your code to confirm it's you for a security change is {{code}}, valid for {{minutes}} minutes. If this wasn't you, change your password now.",
		},
		verify_email: {
			subject: "Confirm your CuePal email",
			body: "Hello! Your email confirmation code is {{code}}, valid for {{minutes}} minutes. If you didn't sign up for CuePal, ignore this email.",
		},
	},
} satisfies Translation<typeof zh>;
