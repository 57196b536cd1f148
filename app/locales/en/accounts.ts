import type { Translation } from "../types";
import type zh from "../zh-CN/accounts";

export default {
	errors: {
		phoneRequired: "Enter your phone number",
		phoneInvalid: "Enter a valid phone number",
	},
} satisfies Translation<typeof zh>;
