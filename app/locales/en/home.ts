import type { Translation } from "../types";
import type zh from "../zh-CN/home";

export default {
	metaTitle: "CuePal 球伴 · Book billiards coaches and sparring partners",
	metaDescription:
		"Find billiards coaches and sparring partners near you on CuePal: Chinese 8-ball, 9-ball and snooker, itemised prices, secure in-app payment.",
	hero: {
		eyebrow: "Coaching · Sparring · Booked in the app",
		title: "Book a great coach,\nplay every shot better",
		body: "CuePal finds verified billiards coaches and sparring partners near you. Book by time, place and kind of lesson, see every price itemised, and pay safely in the app.",
		findCoach: "Find a coach near me",
		primary: "Get started",
		primarySignedIn: "Go to my page",
		secondary: "How it works",
	},
	disciplines: {
		title: "Three disciplines, one place",
		body: "Whether you are just starting or preparing for a tournament, there is a coach for you.",
	},
	courses: {
		title: "Five kinds of lesson",
		body: "Every coach prices each kind of lesson separately: durations and prices at a glance.",
	},
	how: {
		title: "Three steps to your lesson",
		step1Title: "Find",
		step1Body: "Filter coaches and partners by distance, discipline, level and price.",
		step2Title: "Book",
		step2Body: "Pick a time, place and lesson; pay a deposit or in full.",
		step3Title: "Play",
		step3Body: "Take the lesson, track your progress, review and tip afterwards.",
	},
	trust: {
		title: "Book with confidence",
		verifiedTitle: "Verified identity and certificates",
		verifiedBody: "Coaches' identities and certificates are reviewed by our team; badges appear only for what was verified.",
		pricesTitle: "Itemised prices",
		pricesBody: "Every lesson and duration has its own price. No hidden fees, no surcharges off the app.",
		payTitle: "Pay in the app",
		payBody: "Alipay, WeChat Pay or card; refunds follow the cancellation policy; every order is on record.",
	},
	audiences: {
		title: "For everyone at the table",
		playersTitle: "Players",
		playersBody: "Find coaches, book sparring, track your progress.",
		playersAction: "Find a coach",
		coachesAction: "Apply as a coach",
		coachesTitle: "Coaches and partners",
		coachesBody: "Run your calendar and orders, focus on teaching, see your income clearly.",
	},
	mine: {
		title: "My lessons",
		next: "Next lesson",
		noNext: "No lesson booked yet.",
		waiting: "Bookings waiting",
		nothingWaiting: "Nothing waiting to be paid or for a coach to answer.",
	},
	featured: {
		title: "Top-rated coaches in {{city}}",
		all: "See all",
	},
	cities: {
		title: "Find a coach by city",
	},
	cta: {
		title: "Ready for a great lesson?",
		body: "Sign up with your phone number in a minute.",
		action: "Sign up free",
	},
} satisfies Translation<typeof zh>;
