import enAccounts from "./en/accounts";
import enAdmin from "./en/admin";
import enBooking from "./en/booking";
import enCoaches from "./en/coaches";
import enCoaching from "./en/coaching";
import enCommon from "./en/common";
import enCommunity from "./en/community";
import enErrors from "./en/errors";
import enFiles from "./en/files";
import enHome from "./en/home";
import enIncome from "./en/income";
import enLearning from "./en/learning";
import enLegal from "./en/legal";
import enMessages from "./en/messages";
import enModeration from "./en/moderation";
import enPayments from "./en/payments";
import enPayouts from "./en/payouts";
import enPlaces from "./en/places";
import enSocial from "./en/social";
import enVideoReview from "./en/videoReview";
import zhAccounts from "./zh-CN/accounts";
import zhAdmin from "./zh-CN/admin";
import zhBooking from "./zh-CN/booking";
import zhCoaches from "./zh-CN/coaches";
import zhCoaching from "./zh-CN/coaching";
import zhCommon from "./zh-CN/common";
import zhCommunity from "./zh-CN/community";
import zhErrors from "./zh-CN/errors";
import zhFiles from "./zh-CN/files";
import zhHome from "./zh-CN/home";
import zhIncome from "./zh-CN/income";
import zhLearning from "./zh-CN/learning";
import zhLegal from "./zh-CN/legal";
import zhMessages from "./zh-CN/messages";
import zhModeration from "./zh-CN/moderation";
import zhPayments from "./zh-CN/payments";
import zhPayouts from "./zh-CN/payouts";
import zhPlaces from "./zh-CN/places";
import zhSocial from "./zh-CN/social";
import zhVideoReview from "./zh-CN/videoReview";

/** Every namespace of UI text; a key reads `area.key`, e.g. `home.hero.title`. */
export const resources = {
	"zh-CN": {
		translation: {
			accounts: zhAccounts,
			admin: zhAdmin,
			booking: zhBooking,
			coaches: zhCoaches,
			coaching: zhCoaching,
			common: zhCommon,
			community: zhCommunity,
			errors: zhErrors,
			files: zhFiles,
			home: zhHome,
			income: zhIncome,
			learning: zhLearning,
			legal: zhLegal,
			messages: zhMessages,
			moderation: zhModeration,
			payments: zhPayments,
			payouts: zhPayouts,
			places: zhPlaces,
			videoReview: zhVideoReview,
			social: zhSocial,
		},
	},
	en: {
		translation: {
			accounts: enAccounts,
			admin: enAdmin,
			booking: enBooking,
			coaches: enCoaches,
			coaching: enCoaching,
			common: enCommon,
			community: enCommunity,
			errors: enErrors,
			files: enFiles,
			home: enHome,
			income: enIncome,
			learning: enLearning,
			legal: enLegal,
			messages: enMessages,
			moderation: enModeration,
			payments: enPayments,
			payouts: enPayouts,
			places: enPlaces,
			videoReview: enVideoReview,
			social: enSocial,
		},
	},
};
