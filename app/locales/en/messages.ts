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
	payouts: {
		accountChanged: {
			subject: "CuePal payout account changed",
			body: "[CuePal] Your payout accounts changed: {{masked}} was added. If this wasn't you, change your password and contact us now.",
		},
		accountReplaced: {
			subject: "CuePal payout account changed",
			body: "[CuePal] Your payout accounts changed: {{old}} was changed to {{masked}}. If this wasn't you, change your password and contact us now.",
		},
		accountRemoved: {
			subject: "CuePal payout account changed",
			body: "[CuePal] Your payout account {{masked}} was removed. If this wasn't you, change your password and contact us now.",
		},
		withdrawalPaid: { subject: "CuePal withdrawal paid", body: "[CuePal] Your withdrawal of ¥{{amount}} has been transferred." },
		withdrawalAwaitsConfirm: {
			subject: "Confirm your CuePal withdrawal in WeChat",
			body: "[CuePal] Your withdrawal of ¥{{amount}} is waiting: open Withdrawals in CuePal inside WeChat and confirm receipt.",
		},
		withdrawalFailed: {
			subject: "CuePal withdrawal failed",
			body: "[CuePal] Your withdrawal of ¥{{amount}} did not go through ({{reason}}); the amount is back in your available balance.",
		},
		withdrawalRejected: {
			subject: "CuePal withdrawal rejected",
			body: "[CuePal] Your withdrawal of ¥{{amount}} was not approved: {{reason}}. The amount is back in your available balance.",
		},
	},
	booking: {
		created: {
			subject: "Your CuePal booking is waiting for payment",
			body: "[CuePal] You booked {{coach}} for {{time}}. Pay by {{payBy}}, or the booking is cancelled.",
		},
		paid: {
			subject: "A new CuePal booking to confirm",
			body: "[CuePal] {{player}} booked and paid your lesson at {{time}}. Please confirm or decline it soon.",
		},
		confirmed: {
			subject: "Your CuePal booking is confirmed",
			body: "[CuePal] {{coach}} confirmed your lesson at {{time}}. See you there.",
		},
		rejected: {
			subject: "Your CuePal booking was declined",
			body: "[CuePal] {{coach}} declined your booking for {{time}}; you are refunded in full. Reason: {{reason}}",
		},
		adjusted: {
			subject: "Your CuePal coach proposes a change",
			body: "[CuePal] {{coach}} proposes a change to your lesson at {{time}}. Accept or decline it in CuePal.",
		},
		rescheduled: {
			subject: "Your CuePal lesson has moved",
			body: "[CuePal] The lesson of coach {{coach}} and player {{player}} now starts at {{time}}.",
		},
		rescheduleRequested: {
			subject: "A CuePal lesson: a new time is requested",
			body: "[CuePal] The lesson of coach {{coach}} and player {{player}} at {{time}}: the other side asks to move it to {{newTime}}. Accept or decline it in CuePal.",
		},
		changeDeclined: {
			subject: "Your CuePal change was declined",
			body: "[CuePal] Your proposed change to the lesson at {{time}} (coach {{coach}}, player {{player}}) was declined; the lesson stays as it was.",
		},
		cancelled: {
			subject: "A CuePal booking was cancelled",
			body: "[CuePal] The lesson at {{time}} (coach {{coach}}, player {{player}}) is cancelled. {{reason}}",
		},
		unanswered: {
			subject: "Your CuePal booking is cancelled and refunded",
			body: "[CuePal] {{coach}} did not confirm your booking for {{time}} in time: it is cancelled and refunded in full.",
		},
		finished: {
			subject: "Your CuePal lesson is over: please confirm",
			body: "[CuePal] {{coach}} finished your lesson at {{time}}. Please confirm it in CuePal; unconfirmed, it completes by itself at {{until}}.",
		},
		disputed: {
			subject: "A CuePal lesson is disputed",
			body: "[CuePal] Someone asked CuePal to step in on the lesson at {{time}} (coach {{coach}}, player {{player}}). Our support team will contact you.",
		},
		disputeResolved: {
			subject: "A CuePal dispute is decided",
			body: "[CuePal] CuePal decided the dispute about the lesson at {{time}} (coach {{coach}}, player {{player}}): {{reason}}",
		},
		completed: {
			subject: "Your CuePal lesson is finished",
			body: "[CuePal] Your lesson with {{coach}} at {{time}} is finished. Tell others how it went in CuePal.",
		},
		reminder24h: {
			subject: "CuePal reminder: lesson tomorrow",
			body: "[CuePal] Reminder: your lesson (coach {{coach}}, player {{player}}) starts at {{time}}, in 24 hours.",
		},
		reminder1h: {
			subject: "CuePal reminder: lesson in 1 hour",
			body: "[CuePal] Reminder: your lesson (coach {{coach}}, player {{player}}) starts at {{time}}, in 1 hour.",
		},
	},
} satisfies Translation<typeof zh>;
