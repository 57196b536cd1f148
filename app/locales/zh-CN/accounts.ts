export default {
	errors: {
		phoneRequired: "请输入手机号",
		phoneInvalid: "请输入有效的手机号",
	},
} as const;
