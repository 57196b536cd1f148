import type { Translation } from "../types";
import type zh from "../zh-CN/legal";

const legal: Translation<typeof zh> = {
	version: "Version: {{version}} (effective date)",
	contents: "Contents",
	backToTop: "Back to top",
	terms: {
		title: "Terms of Service",
		metaDescription:
			"CuePal terms of service: accounts, booking and payment, cancellations and refunds, rules for coaches and players.",
		intro:
			"Welcome to CuePal 球伴 (“CuePal”, “we”). These terms are the agreement between you and CuePal on the use of its billiards coaching and sparring booking service. Please read them carefully, in particular the limitation clauses. By ticking the box and signing in or signing up you confirm that you have read and agree to these terms and the Privacy Policy.",
		sections: {
			service: {
				title: "1. What we provide",
				body: "CuePal is a marketplace: players search for and book billiards lessons (Chinese 8-ball, nine-ball, snooker and more) with coaches, pay online, confirm the lesson afterwards and review it; coaches apply to join, publish their lessons and hours, accept bookings, teach and withdraw their income.\n\nLessons are given by the coaches themselves. CuePal shows the information, collects and pays out the lesson fees, and handles cancellations, refunds and disputes; it is not the provider of the lesson.",
			},
			account: {
				title: "2. Your account",
				body: "You can sign in with a mainland China mobile number and an SMS code, an email and a password, or WeChat or Alipay. One mobile number holds one account. Keep your codes, password and devices safe: what is done with your account counts as done by you.\n\nUnder Me → Account & security you can see your signed-in devices, sign other devices out, turn on two-step verification, download your data or delete your account. A deleted account cannot be restored; transaction records the law requires us to keep are kept (see the Privacy Policy).",
			},
			booking: {
				title: "3. Booking, payment and refunds",
				body: "Prices are in Chinese yuan; the amount shown when you book is the amount you pay. Pay only inside CuePal (Alipay, WeChat Pay, or Stripe for cards issued outside mainland China); never pay a coach privately: private deals are not protected by the platform.\n\nA booking not paid within the time shown is cancelled by itself. A coach must accept in time, or the booking is refunded in full. Cancellations follow the coach's cancellation policy shown before you book, and refunds go back the way you paid. After the lesson you can confirm it or report a problem within the time shown; after that it completes by itself.",
			},
			coach: {
				title: "4. Coaches' obligations",
				body: "To join, a coach gives their real name, ID number, photos and certificates, and may take bookings once the platform approves them. Coaches describe their level and experience truthfully, teach at the agreed time and place, treat players with respect and do not lure players into deals outside the platform.\n\nA coach's income becomes withdrawable once the lesson has completed and its dispute window has passed; the platform keeps the published service fee. Withdrawals go to the coach's own Alipay or bank account; the platform may ask for further identity checks as the law requires.",
			},
			conduct: {
				title: "5. Rules of conduct",
				body: "You may not: post unlawful, pornographic, gambling-related or insulting content or anyone's private information; pretend to be someone else; fake bookings or reviews, or use a review as a threat; harass coaches or players; disrupt the service (including mass sign-ups and automated scraping).\n\nReviews must come from a real lesson. Content that breaks these rules may be hidden or removed, and features limited or the account suspended or closed depending on the case; we tell you why and you may appeal.",
			},
			liability: {
				title: "6. Liability",
				body: "Billiards needs care: follow the hall's rules and play within your limits. Coaches are responsible for their own conduct during lessons; for losses caused by a coach or a player the platform helps to settle the matter and is liable within the limits the law sets.\n\nWhen the service is interrupted by force majeure, network or third-party payment failures, we restore it as soon as we can and settle the bookings affected.",
			},
			changes: {
				title: "7. Changes to these terms",
				body: "When these terms change, the version at the top of this page changes and we ask you to read and agree again the next time you use CuePal; if you do not agree, you can stop using it and delete your account.",
			},
			law: {
				title: "8. Governing law and disputes",
				body: "These terms are governed by the laws of the People's Republic of China (for this purpose excluding those of Hong Kong, Macao and Taiwan). Disputes are first settled by negotiation; failing that, either side may bring the case before the competent people's court where CuePal's operator is registered.",
			},
			contact: {
				title: "9. Contact",
				body: "For any question about these terms, email {{email}} or see the Help page. We answer within 15 working days.",
			},
		},
	},
	privacy: {
		title: "Privacy Policy",
		metaDescription:
			"How CuePal collects, uses, keeps, shares and protects your personal information, and how you use your rights to access, correct and delete it.",
		intro:
			"We process your personal information under the Personal Information Protection Law of the People's Republic of China and related laws. This policy says what we collect and why, where and for how long it is kept, whom it is shared with, and what your rights are. ID numbers, precise location and payment and payout accounts are sensitive personal information: we process them only with your separate consent and only as far as needed.",
		sections: {
			collect: {
				title: "1. What we collect, and why",
				body: "• Mobile number: to sign you up and in, send codes and booking notices, and keep one account per number.\n• WeChat or Alipay identity: when you sign in with one, the user id and nickname that platform gives us, to recognise your account; we never get your WeChat contacts or Alipay bills.\n• Email and password: when you sign up by email; the password is kept only as a one-way hash.\n• A coach's real name and ID number (sensitive): for real-name verification and tax, and against impersonation; collected only when a coach applies, with separate consent.\n• Payout accounts (sensitive): the Alipay account or bank card a coach withdraws to; screens show only the last digits.\n• Location: when you tap “Use my location” and agree separately, the precise position your browser gives is used only for that search for nearby coaches and not saved to your account; the places where a coach teaches are shown publicly down to the hall's district.\n• Bookings, payments and lesson records: lesson, time, place, amount, payment and refund status, to fulfil the booking, reconcile and settle disputes; what the coach records about a lesson and your practice log, to show your progress.\n• Reviews and photos: your reviews and stars are public (you may post anonymously); a coach's photos, certificates and intro video are public once approved.\n• Devices and logs: device model, IP address and approximate region of each sign-in, for security notices (such as a sign-in from a new device) and the network logs the law requires.",
			},
			storage: {
				title: "2. Where it is kept, and for how long",
				body: "Your personal information is kept on servers and object storage in the People's Republic of China and is not transferred abroad (when you pay with a card issued outside mainland China, Stripe processes what that payment needs; see the next section).\n\nMobile numbers, emails, ID numbers, real names, payout accounts and IP addresses are encrypted in the database.\n\nHow long: account information until you delete your account, then deleted or anonymised within 15 days. Booking, payment and refund records at least three years from the transaction (E-Commerce Law); network logs at least six months (Cybersecurity Law); SMS codes expire after 5 minutes. After that, deleted or anonymised.",
			},
			sharing: {
				title: "3. Whom we share it with",
				body: "Only what the service needs, with these partners, who must protect it as the law requires:\n• Alipay and Tenpay (WeChat Pay): order number and amount, for payments, refunds and paying coaches.\n• Stripe: order number and amount, only when you pay with a card issued outside mainland China.\n• SMS providers (Alibaba Cloud, Tencent Cloud): your number and the code or notice, to send the text.\n• LiveKit video: the audio and video of an online lesson and the nickname shown in the room, to carry them live.\n• Object storage providers: the encrypted photos, certificates and videos.\n• The other side of a lesson: players see a coach's public profile; coaches see the nickname and booking details of the players who book them.\n\nApart from what laws require or competent authorities lawfully demand, we give your personal information to no other third party and never sell it.",
			},
			rights: {
				title: "4. Your rights",
				body: "• Access and copy: under Me → Account & security, “Download my data” gives you a file (JSON) with your profile, signed-in devices, bookings, payments, reviews, lesson and practice records and notifications.\n• Correction: change your nickname and profile yourself; a verified coach's real-name details are corrected through support.\n• Deletion: delete your account under Account & security; we delete your information within the periods in section 2.\n• Withdrawing consent: you can withdraw location access at any time in your browser's settings; withdrawing consent to this policy is done by deleting your account, and does not affect processing before it.\n• Complaints: contact us as below; if we do not answer within 15 working days or you are not satisfied, you may complain to the cyberspace, public-security or other authorities.",
			},
			security: {
				title: "5. How we protect it",
				body: "Everything travels over HTTPS; sensitive information is encrypted at rest under keys that are rotated; back-office staff must use two-step verification, see information only when their work needs it, and their actions are audited; in a personal-information security incident we inform you and the authorities as the law requires.",
			},
			minors: {
				title: "6. Minors",
				body: "Children under 14 use CuePal with a parent or guardian, who books lessons for them. If we find that we collected a child's information without a guardian's consent, we delete it promptly.",
			},
			changes: {
				title: "7. Changes to this policy",
				body: "When this policy changes, the version at the top of this page changes and we ask you to read and agree again the next time you use CuePal.",
			},
			contact: {
				title: "8. Contact",
				body: "For anything about your personal information, email {{email}}. We answer within 15 working days.",
			},
		},
	},
	about: {
		title: "About CuePal",
		metaDescription: "CuePal 球伴: find a good billiards coach or sparring partner near you.",
		body: "CuePal 球伴 helps billiards players find a good coach or sparring partner nearby: search by city, distance, discipline and price, read real reviews, book and pay online, and record your progress after every lesson.\n\nCoaches join after a real-name and certificate check, prices are itemised, and you pay only in the app; cancellations, refunds and disputes follow published rules.\n\nWe want players to improve faster, and people who teach billiards to earn a decent, steady income.",
	},
	help: {
		title: "Help",
		metaDescription: "CuePal frequently asked questions and contact.",
		questions: {
			book: {
				q: "How do I book a coach?",
				a: "Under “Coaches”, search by city and discipline, open a coach's page, choose a lesson and a time, and pay within the time shown. You are told when the coach accepts.",
			},
			cancel: {
				q: "How do I cancel or reschedule?",
				a: "Open the booking under “Bookings”: you can cancel it or ask for another time. The refund follows the cancellation policy shown before you booked and goes back the way you paid.",
			},
			problem: {
				q: "Something went wrong with a lesson?",
				a: "After the lesson, tap “Report a problem” on the booking within the time shown and describe what happened; support will step in.",
			},
			coach: {
				q: "How do I become a coach?",
				a: "Sign in, tap “Become a coach” on the home page, fill in your real-name details, profile, photos and certificates and submit them for review; you are told the result.",
			},
			data: {
				q: "How do I download or delete my data?",
				a: "Under Me → Account & security you can download your data or delete your account.",
			},
		},
		contactTitle: "Contact",
		contact: "Support: {{email}} (working days 9:00–18:00; answered within 15 working days)",
	},
	footer: {
		nav: "Site information",
		about: "About",
		help: "Help",
		terms: "Terms of Service",
		privacy: "Privacy Policy",
		psb: "{{filing}}",
	},
	export: {
		title: "Download my data",
		body: "A JSON file with your profile, signed-in devices, bookings, payments, the reviews you wrote, lesson records, practice log and notifications (payout accounts show only their last digits).",
		button: "Download my data",
		tooSoon: "You downloaded it just now: please try again in a few minutes",
	},
	consent: {
		checkbox: "I have read and agree to the ",
		and: " and the ",
		termsLink: "Terms of Service",
		privacyLink: "Privacy Policy",
		required: "Please read and tick your agreement to the Terms of Service and the Privacy Policy first",
		staleVersion: "The terms have changed: please read the current version before agreeing",
		interstitial: {
			title: "Our terms and privacy policy have changed",
			body: "We have updated the Terms of Service and the Privacy Policy (version {{version}}). Please read them and tick your agreement to go on using CuePal.",
			submit: "Agree and continue",
			decline: "I do not agree: sign out",
		},
		idNumber:
			"I agree that CuePal collects and processes my ID number (sensitive personal information) for real-name verification, as the Privacy Policy describes",
		idNumberRequired: "Before giving your ID number, tick your agreement to its processing",
		location: {
			title: "Use your precise location?",
			body: "Location is sensitive personal information. We use it only to find coaches near you and do not save it to your account. Your browser will ask once more.",
			allow: "Agree and locate",
			cancel: "Not now",
		},
	},
};

export default legal;
