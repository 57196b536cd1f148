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
	payouts: {
		accountChanged: {
			subject: "球伴收款账户变更",
			body: "【球伴】您的收款账户已变更：新增 {{masked}}。如非本人操作，请立即修改密码并联系客服。",
		},
		accountReplaced: {
			subject: "球伴收款账户变更",
			body: "【球伴】您的收款账户已变更：{{old}} 已更改为 {{masked}}。如非本人操作，请立即修改密码并联系客服。",
		},
		accountRemoved: {
			subject: "球伴收款账户变更",
			body: "【球伴】您的收款账户 {{masked}} 已删除。如非本人操作，请立即修改密码并联系客服。",
		},
		withdrawalPaid: { subject: "球伴提现已到账", body: "【球伴】您申请的 {{amount}} 元提现已转账成功。" },
		withdrawalAwaitsConfirm: {
			subject: "球伴提现待确认收款",
			body: "【球伴】您申请的 {{amount}} 元提现待确认：请在微信中打开球伴“提现记录”，点击确认收款。",
		},
		withdrawalFailed: {
			subject: "球伴提现未成功",
			body: "【球伴】您申请的 {{amount}} 元提现未成功（{{reason}}），金额已退回可提现余额。",
		},
		withdrawalRejected: {
			subject: "球伴提现被驳回",
			body: "【球伴】您申请的 {{amount}} 元提现未通过审核：{{reason}}。金额已退回可提现余额。",
		},
	},
	booking: {
		created: {
			subject: "球伴预约待付款",
			body: "【球伴】您已预约 {{coach}} 教练 {{time}} 的课程，请在 {{payBy}} 前完成付款，逾期将自动取消。",
		},
		paid: {
			subject: "球伴新预约待确认",
			body: "【球伴】学员 {{player}} 预约了您 {{time}} 的课程并已付款，请尽快确认或婉拒。",
		},
		confirmed: {
			subject: "球伴预约已确认",
			body: "【球伴】{{coach}} 教练已确认您 {{time}} 的课程，届时请准时到场。",
		},
		rejected: {
			subject: "球伴预约被婉拒",
			body: "【球伴】{{coach}} 教练婉拒了您 {{time}} 的预约，已全额退款。原因：{{reason}}",
		},
		adjusted: {
			subject: "球伴教练提议调整预约",
			body: "【球伴】{{coach}} 教练提议调整您 {{time}} 的课程，请在球伴中接受或拒绝。",
		},
		rescheduled: {
			subject: "球伴课程时间已变更",
			body: "【球伴】教练 {{coach}} 与学员 {{player}} 的课程已改到 {{time}}。",
		},
		rescheduleRequested: {
			subject: "球伴改期申请",
			body: "【球伴】教练 {{coach}} 与学员 {{player}} {{time}} 的课程，对方申请改到 {{newTime}}，请在球伴中接受或拒绝。",
		},
		changeDeclined: {
			subject: "球伴调整被拒绝",
			body: "【球伴】您对 {{time}} 课程（教练 {{coach}}，学员 {{player}}）的调整被拒绝，课程保持原样。",
		},
		cancelled: {
			subject: "球伴预约已取消",
			body: "【球伴】{{time}} 的课程（教练 {{coach}}，学员 {{player}}）已取消。{{reason}}",
		},
		unanswered: {
			subject: "球伴预约已取消并退款",
			body: "【球伴】{{coach}} 教练未及时确认您 {{time}} 的预约，预约已取消并全额退款。",
		},
		finished: {
			subject: "球伴课程已结束，请确认",
			body: "【球伴】{{coach}} 教练已结束 {{time}} 的课程，请在球伴中确认上课；{{until}} 前未确认的将自动完成。",
		},
		disputed: {
			subject: "球伴课程有争议",
			body: "【球伴】{{time}} 的课程（教练 {{coach}}，学员 {{player}}）有一方申请了平台介入，客服会联系您。",
		},
		disputeResolved: {
			subject: "球伴争议已处理",
			body: "【球伴】平台已处理 {{time}} 课程（教练 {{coach}}，学员 {{player}}）的争议：{{reason}}",
		},
		completed: {
			subject: "球伴课程已完成",
			body: "【球伴】您与 {{coach}} 教练 {{time}} 的课程已结束，欢迎在球伴中评价。",
		},
		reminder24h: {
			subject: "球伴课程提醒：明天上课",
			body: "【球伴】提醒：您的课程（教练 {{coach}}，学员 {{player}}）将于 {{time}} 开始，还有 24 小时。",
		},
		reminder1h: {
			subject: "球伴课程提醒：1 小时后上课",
			body: "【球伴】提醒：您的课程（教练 {{coach}}，学员 {{player}}）将于 {{time}} 开始，还有 1 小时。",
		},
	},
} as const;
