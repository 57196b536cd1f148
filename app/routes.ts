import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
	index("routes/home.tsx"),
	route("set-language", "routes/set-language.tsx"),
	// Legal and site information: the agreement, the privacy policy, about and help; /consent asks to agree again.
	route("terms", "routes/legal/terms.tsx"),
	route("privacy", "routes/legal/privacy.tsx"),
	route("about", "routes/legal/about.tsx"),
	route("help", "routes/legal/help.tsx"),
	route("consent", "routes/legal/consent.tsx"),

	// Accounts: signing in and out, recovery, the signed-in user's own pages.
	route("login", "routes/auth/login.tsx"),
	route("login/two-factor", "routes/auth/two-factor.tsx"),
	route("signup/email", "routes/auth/signup-email.tsx"),
	route("signup/email/confirm", "routes/auth/signup-email-confirm.tsx"),
	route("forgot-password", "routes/auth/forgot-password.tsx"),
	route("logout", "routes/auth/logout.tsx"),
	route("me", "routes/me/index.tsx"),
	route("me/security", "routes/me/security.tsx"),
	route("me/security/export", "routes/me/data-export.tsx"),
	route("me/notifications", "routes/me/notifications.tsx"),
	route("me/calendar", "routes/me/calendar.tsx"),
	route("calendar/:file", "routes/calendar-feed.tsx"),

	// Discovery: coach search and public profiles.
	route("coaches", "routes/coaches/search.tsx"),
	route("coaches/:coachId", "routes/coaches/profile.tsx"),
	// Booking, the player's side: the form, then the player's bookings.
	route("coaches/:coachId/book", "routes/coaches/book.tsx"),
	route("me/bookings", "routes/me/bookings.tsx"),
	route("me/bookings/:bookingId", "routes/me/booking.tsx"),
	route("me/bookings/:bookingId/review", "routes/me/review.tsx"),
	route("reviews/:reviewId/report", "routes/reviews/report.tsx"),
	route("reviews/:reviewId/helpful", "routes/reviews/helpful.tsx"),
	route("community", "routes/community/boards.tsx"),
	route("community/b/:slug", "routes/community/board.tsx"),
	route("community/p/:postId", "routes/community/post.tsx"),
	route("me/bookings/:bookingId/lesson", "routes/me/lesson.tsx"),
	// Learning: the player's progress and practice log.
	route("me/progress", "routes/me/progress.tsx"),
	route("me/practice", "routes/me/practice.tsx"),
	// Stroke-video review: the player sends videos, the coach reviews them, one page for both on each.
	route("me/video-reviews", "routes/me/video-reviews.tsx"),
	route("coach/video-reviews", "routes/coach/video-reviews.tsx"),
	route("video-reviews/:reviewId", "routes/video-reviews/review.tsx"),
	route("me/progress/report", "routes/me/progress-report.tsx"),
	route("progress/shared/:token", "routes/progress/shared-report.tsx"),
	// Payments: the checkout, the sandbox cashier, and the result that waits for the provider's word.
	route("me/bookings/:bookingId/pay", "routes/me/checkout.tsx"),
	route("me/payments/:paymentId", "routes/me/payment.tsx"),
	route("me/payments/:paymentId/live", "routes/me/payment-live.tsx"),
	route("pay/sandbox/:paymentId", "routes/pay/sandbox.tsx"),

	// The coach's own pages: the application, then offerings and availability once approved.
	route("coach", "routes/coach/dashboard.tsx"),
	route("coach/apply", "routes/coach/apply.tsx"),
	route("coach/offerings", "routes/coach/offerings.tsx"),
	route("coach/availability", "routes/coach/availability.tsx"),
	route("coach/orders", "routes/coach/orders.tsx"),
	route("coach/orders/live", "routes/coach/orders-live.tsx"),
	route("coach/orders/:bookingId", "routes/coach/order.tsx"),
	route("coach/orders/:bookingId/record", "routes/coach/lesson-record.tsx"),
	route("coach/orders/:bookingId/lesson", "routes/coach/lesson.tsx"),
	route("lesson/second-camera", "routes/lesson/second-camera.tsx"),
	route("lesson/recordings/:recordingId", "routes/lesson/recording-file.tsx"),
	// Payouts: where the coach's money goes, and taking it out.
	route("coach/payout-accounts", "routes/coach/payout-accounts.tsx"),
	route("coach/withdrawals", "routes/coach/withdrawals.tsx"),
	route("coach/withdrawals/new", "routes/coach/withdrawals-new.tsx"),
	route("coach/withdrawals/:id/confirm", "routes/coach/withdrawal-confirm.tsx"),
	route("coach/reviews", "routes/coach/reviews.tsx"),
	route("coach/students", "routes/coach/students.tsx"),
	route("coach/students/:playerId", "routes/coach/student.tsx"),
	route("coach/income", "routes/coach/income.tsx"),
	route("coach/income/statement", "routes/coach/income-statement.tsx"),
	route("coach/income/statement.csv", "routes/coach/income-statement-csv.tsx"),
	route("coach/income/year", "routes/coach/income-year.tsx"),
	route("coach/income/year.csv", "routes/coach/income-year-csv.tsx"),

	// Community, the social side: the partner finder, its invitations, messages, public profiles, the feed.
	route("partners", "routes/social/partners.tsx"),
	route("partners/invitations", "routes/social/partner-invitations.tsx"),
	route("messages", "routes/social/messages.tsx"),
	route("messages/live", "routes/social/messages-live.tsx"),
	route("messages/:conversationId", "routes/social/conversation.tsx"),
	route("u/:userId", "routes/social/profile.tsx"),
	route("u/:userId/:side", "routes/social/follow-list.tsx"),
	route("feed", "routes/social/feed.tsx"),

	// Social sign-in (WeChat, Alipay).
	route("auth/:provider/start", "routes/auth/social-start.tsx"),
	route("auth/:provider/callback", "routes/auth/social-callback.tsx"),
	route("auth/:provider/unbind", "routes/auth/social-unbind.tsx"),
	route("login/bind-phone", "routes/auth/bind-phone.tsx"),

	// Back office.
	route("admin/income/export.csv", "routes/admin/coach-statements-export.tsx"),
	route("admin", "routes/admin/layout.tsx", [
		index("routes/admin/users.tsx"),
		route("users/:userId", "routes/admin/user.tsx"),
		route("audit", "routes/admin/audit.tsx"),
		route("income", "routes/admin/coach-statements.tsx"),
		route("income/:coachId", "routes/admin/coach-statements-coach.tsx"),
		route("bookings", "routes/admin/bookings.tsx"),
		route("bookings/:bookingId", "routes/admin/booking.tsx"),
		route("payments", "routes/admin/payments.tsx"),
		route("payments/:paymentId", "routes/admin/payment.tsx"),
		route("ledger", "routes/admin/ledger.tsx"),
		route("reconciliation", "routes/admin/reconciliation.tsx"),
		route("withdrawals", "routes/admin/withdrawals.tsx"),
		route("withdrawals/batches/:batchId/file.csv", "routes/admin/withdrawals-batch-file.tsx"),
		route("reviews", "routes/admin/reviews.tsx"),
		route("moderation/words", "routes/admin/moderation-words.tsx"),
		route("community", "routes/admin/community.tsx"),
		route("coach-reviews", "routes/admin/coach-reviews.tsx"),
		route("coach-reviews/:coachId", "routes/admin/coach-review.tsx"),
	]),

	route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
