import enAccounts from "./en/accounts";
import enAdmin from "./en/admin";
import enCommon from "./en/common";
import enErrors from "./en/errors";
import enHome from "./en/home";
import enMessages from "./en/messages";
import zhAccounts from "./zh-CN/accounts";
import zhAdmin from "./zh-CN/admin";
import zhCommon from "./zh-CN/common";
import zhErrors from "./zh-CN/errors";
import zhHome from "./zh-CN/home";
import zhMessages from "./zh-CN/messages";

/** Every namespace of UI text; a key reads `area.key`, e.g. `home.hero.title`. */
export const resources = {
	"zh-CN": {
		translation: { accounts: zhAccounts, admin: zhAdmin, common: zhCommon, errors: zhErrors, home: zhHome, messages: zhMessages },
	},
	en: {
		translation: { accounts: enAccounts, admin: enAdmin, common: enCommon, errors: enErrors, home: enHome, messages: enMessages },
	},
};
