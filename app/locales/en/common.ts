import type { Translation } from "../types";
import type zh from "../zh-CN/common";

export default {
	appName: "CuePal",
	appNameFull: "CuePal 球伴",
	tagline: "Find a coach, book a sparring partner",
	nav: {
		home: "Home",
		coaches: "Find a coach",
		forCoaches: "Become a coach",
		forVenues: "For billiard halls",
		coachDesk: "Coach desk",
		admin: "Back office",
		me: "Me",
		signIn: "Sign in",
		signOut: "Sign out",
		mainNavigation: "Main navigation",
		skipToContent: "Skip to main content",
	},
	language: { label: "Language", "zh-CN": "简体中文", en: "English", switchTo: "Change language" },
	actions: {
		save: "Save",
		cancel: "Cancel",
		confirm: "Confirm",
		close: "Close",
		back: "Back",
		next: "Next",
		previous: "Previous",
		retry: "Try again",
		goHome: "Back to home",
		submit: "Submit",
	},
	pagination: { label: "Pagination", page: "Page {{page}}", of: "Page {{page}} of {{pages}}" },
	loading: "Loading…",
	empty: { title: "Nothing here yet", body: "Check back soon." },
	footer: {
		rights: "© {{year}} CuePal 球伴",
		about: "Billiards coaching and sparring bookings",
		icp: "Pay only in the app; every price itemised",
	},
	toast: { dismiss: "Dismiss" },
	devOutbox: {
		title: "Development outbox",
		intro: "Outside production no SMS or email really leaves: every message is shown here, newest first.",
		empty: "No messages yet.",
	},
	devBadge: "Development",
} satisfies Translation<typeof zh>;
