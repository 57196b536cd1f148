import { sql } from "drizzle-orm";
import {
	bigint,
	bigserial,
	check,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bookings } from "./booking";
import { coaches } from "./coaches";

export const paymentMethod = pgEnum("payment_method", ["alipay", "wechatpay", "stripe", "sandbox"]);
/** What a payment pays for: the booking's deposit or whole price, the balance after a deposit, or a tip. */
export const paymentPurpose = pgEnum("payment_purpose", ["deposit", "full", "balance", "tip"]);
/** Forward only: pending → succeeded | failed | closed. A refund never changes a payment's status. */
export const paymentStatus = pgEnum("payment_status", ["pending", "succeeded", "failed", "closed"]);
export const refundStatus = pgEnum("refund_status", ["pending", "succeeded", "failed"]);

/**
 * One attempt to collect money through one provider. `out_trade_no` is the number the provider
 * knows it by (and the idempotency key of the trade there); the amount is fixed when it is created.
 */
export const payments = pgTable(
	"payments",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id),
		payerId: uuid("payer_id")
			.notNull()
			.references(() => users.id),
		purpose: paymentPurpose("purpose").notNull(),
		method: paymentMethod("method").notNull(),
		channel: text("channel").notNull(),
		outTradeNo: text("out_trade_no").notNull(),
		providerTradeNo: text("provider_trade_no"),
		amountFen: integer("amount_fen").notNull(),
		currency: text("currency").notNull().default("CNY"),
		status: paymentStatus("status").notNull().default("pending"),
		/** The provider is told to close the trade then; the poller closes it if it is still open. */
		expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
		succeededAt: timestamp("succeeded_at", { withTimezone: true }),
		failureReason: text("failure_reason"),
		refundedFen: integer("refunded_fen").notNull().default(0),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("payments_out_trade_no").on(table.outTradeNo),
		index("payments_booking_idx").on(table.bookingId, table.createdAt),
		index("payments_pending_idx").on(table.createdAt).where(sql`${table.status} = 'pending'`),
		// Paying the same thing twice is impossible: one succeeded booking payment (deposit or full)
		// and one succeeded balance per booking. Tips may be many.
		uniqueIndex("payments_one_booking_payment")
			.on(table.bookingId)
			.where(sql`${table.status} = 'succeeded' and ${table.purpose} in ('deposit', 'full')`),
		uniqueIndex("payments_one_balance")
			.on(table.bookingId)
			.where(sql`${table.status} = 'succeeded' and ${table.purpose} = 'balance'`),
		check("payments_amount", sql`${table.amountFen} > 0 and ${table.refundedFen} between 0 and ${table.amountFen}`),
	],
);

/**
 * Every message a provider sent us (or our sandbox, or the poller's answer), recorded before it is
 * acted on: the unique (method, event id) makes a repeated or concurrent delivery a no-op.
 * `detail` holds the checked facts (amount, trade numbers, outcome), never personal data.
 */
export const paymentProviderEvents = pgTable(
	"payment_provider_events",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		method: paymentMethod("method").notNull(),
		eventId: text("event_id").notNull(),
		paymentId: uuid("payment_id").references(() => payments.id),
		kind: text("kind").notNull(),
		/** What we did with it: applied, duplicate-state, rejected (and why). */
		outcome: text("outcome").notNull(),
		detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
		receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("payment_provider_events_key").on(table.method, table.eventId),
		index("payment_provider_events_payment_idx").on(table.paymentId, table.receivedAt),
	],
);

/**
 * Money going back to a payer, through the provider of the payment it refunds. `out_request_no`
 * is the provider's idempotency key: a retried job asks for the same refund, never a second one.
 */
export const refunds = pgTable(
	"refunds",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		paymentId: uuid("payment_id")
			.notNull()
			.references(() => payments.id),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id),
		outRequestNo: text("out_request_no").notNull(),
		amountFen: integer("amount_fen").notNull(),
		reason: text("reason").notNull(),
		status: refundStatus("status").notNull().default("pending"),
		attempts: smallint("attempts").notNull().default(0),
		lastError: text("last_error"),
		requestedBy: uuid("requested_by").references(() => users.id),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		settledAt: timestamp("settled_at", { withTimezone: true }),
	},
	(table) => [
		uniqueIndex("refunds_out_request_no").on(table.outRequestNo),
		index("refunds_payment_idx").on(table.paymentId),
		index("refunds_pending_idx").on(table.createdAt).where(sql`${table.status} = 'pending'`),
		check("refunds_amount", sql`${table.amountFen} > 0`),
	],
);

/**
 * The double-entry ledger: one journal per business event (its idempotency key makes posting it
 * twice impossible), entries with signed amounts (debit positive, credit negative) that sum to
 * zero per journal — a deferred constraint trigger in the migration checks that at commit.
 */
export const ledgerJournals = pgTable(
	"ledger_journals",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		idempotencyKey: text("idempotency_key").notNull(),
		kind: text("kind").notNull(),
		bookingId: uuid("booking_id").references(() => bookings.id),
		paymentId: uuid("payment_id").references(() => payments.id),
		refundId: uuid("refund_id").references(() => refunds.id),
		memo: text("memo"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("ledger_journals_key").on(table.idempotencyKey),
		index("ledger_journals_booking_idx").on(table.bookingId),
	],
);

export const ledgerEntries = pgTable(
	"ledger_entries",
	{
		id: bigserial("id", { mode: "number" }).primaryKey(),
		journalId: uuid("journal_id")
			.notNull()
			.references(() => ledgerJournals.id),
		/** An account kind (app/modules/payments/ledger/accounts.ts) … */
		account: text("account").notNull(),
		/** … and whose it is: a provider, a booking, a coach; empty for the platform's own. */
		accountRef: text("account_ref").notNull().default(""),
		amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		index("ledger_entries_journal_idx").on(table.journalId),
		index("ledger_entries_account_idx").on(table.account, table.accountRef),
		check("ledger_entries_nonzero", sql`${table.amountFen} <> 0`),
	],
);

/** What a reconciliation run found different between a provider's bill and our books. */
export const reconciliationDifferenceKind = pgEnum("reconciliation_difference_kind", [
	"missing_in_bill",
	"missing_here",
	"amount_mismatch",
	"status_mismatch",
]);

/**
 * One comparison of a provider's daily bill with our payments and refunds of that day (Beijing
 * date). One run per (provider, bill date): a rerun updates it and replaces its open differences.
 */
export const reconciliationRuns = pgTable(
	"reconciliation_runs",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		provider: paymentMethod("provider").notNull(),
		billDate: date("bill_date", { mode: "string" }).notNull(),
		/** running → completed | failed (the bill could not be had; the job retries). */
		status: text("status").notNull().default("running"),
		billLines: integer("bill_lines").notNull().default(0),
		matched: integer("matched").notNull().default(0),
		differences: integer("differences").notNull().default(0),
		error: text("error"),
		startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp("finished_at", { withTimezone: true }),
	},
	(table) => [uniqueIndex("reconciliation_runs_day").on(table.provider, table.billDate)],
);

/**
 * A line of the bill without its match here, or the reverse, or one whose amount or state
 * differs; open until a staff member resolves it with a note. `line_key` (payment:<out_trade_no>
 * or refund:<out_request_no>) keeps a rerun from finding a resolved difference again as new.
 */
export const reconciliationDifferences = pgTable(
	"reconciliation_differences",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		runId: uuid("run_id")
			.notNull()
			.references(() => reconciliationRuns.id),
		kind: reconciliationDifferenceKind("kind").notNull(),
		lineKey: text("line_key").notNull(),
		outTradeNo: text("out_trade_no").notNull(),
		outRequestNo: text("out_request_no"),
		paymentId: uuid("payment_id").references(() => payments.id),
		refundId: uuid("refund_id").references(() => refunds.id),
		/** Null when the side has no such line. */
		ourFen: integer("our_fen"),
		billFen: integer("bill_fen"),
		resolvedAt: timestamp("resolved_at", { withTimezone: true }),
		resolvedBy: uuid("resolved_by").references(() => users.id),
		note: text("note"),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("reconciliation_differences_line").on(table.runId, table.kind, table.lineKey),
		index("reconciliation_differences_open_idx").on(table.createdAt).where(sql`${table.resolvedAt} is null`),
	],
);

/** Where a coach's settled money stands: inside the dispute window, theirs to withdraw, or returned to escrow. */
export const incomeSettlementStatus = pgEnum("income_settlement_status", ["pending", "available", "reversed"]);

/**
 * One settlement of a coach's income (a lesson's money at completion, or one tip), beside its
 * ledger journals (the ledger holds the money; this row holds when it becomes available). Unique
 * per journal key (`settlement:<bookingId>`, `tip-settlement:<paymentId>`), so a repeat changes nothing.
 * A pending row whose booking is disputed is frozen: the release waits for the back office.
 */
export const incomeSettlements = pgTable(
	"income_settlements",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		journalKey: text("journal_key").notNull(),
		kind: text("kind").$type<"order" | "tip">().notNull(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		bookingId: uuid("booking_id")
			.notNull()
			.references(() => bookings.id),
		/** The tip's payment; null for a lesson. */
		paymentId: uuid("payment_id").references(() => payments.id),
		grossFen: integer("gross_fen").notNull(),
		coachFen: integer("coach_fen").notNull(),
		commissionFen: integer("commission_fen").notNull(),
		venueFen: integer("venue_fen").notNull().default(0),
		status: incomeSettlementStatus("status").notNull().default("pending"),
		/** When it was earned (the lesson's completion, the tip's payment): what the coach's month counts. */
		earnedAt: timestamp("earned_at", { withTimezone: true }).notNull(),
		availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
		releasedAt: timestamp("released_at", { withTimezone: true }),
		reversedAt: timestamp("reversed_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("income_settlements_key").on(table.journalKey),
		index("income_settlements_coach_idx").on(table.coachId, table.earnedAt),
		index("income_settlements_due_idx").on(table.availableAt).where(sql`${table.status} = 'pending'`),
		index("income_settlements_booking_idx").on(table.bookingId),
	],
);

/**
 * Where a coach's withdrawals go: an Alipay account, a WeChat account (by WeChat Pay transfer bills
 * to the openid of the coach's WeChat sign-in), or a bank card paid by the finance team's batch file.
 */
export const payoutAccountKind = pgEnum("payout_account_kind", ["alipay", "bank_card", "wechat"]);

/**
 * A coach's payout account. The account number (Alipay login id or card number) and the holder's
 * name are encrypted; `masked` is what pages show; `account_index` (blind index of kind and number)
 * keeps one coach from adding the same account twice. The holder is the coach's verified real name,
 * checked when it is added (`verified_at`). Removed accounts stay for the withdrawals that used them.
 */
export const payoutAccounts = pgTable(
	"payout_accounts",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		kind: payoutAccountKind("kind").notNull(),
		accountNoEnc: text("account_no_enc").notNull(),
		holderNameEnc: text("holder_name_enc").notNull(),
		accountIndex: text("account_index").notNull(),
		masked: text("masked").notNull(),
		/** Bank cards only: the bank and branch (not personal data). */
		bankName: text("bank_name"),
		bankBranch: text("bank_branch"),
		verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull(),
		removedAt: timestamp("removed_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("payout_accounts_one_per_coach").on(table.coachId, table.accountIndex).where(sql`${table.removedAt} is null`),
		index("payout_accounts_coach_idx").on(table.coachId),
	],
);

/**
 * pending_approval (above the approval threshold) → processing (the transfer job) → paid | failed;
 * bank cards: processing → in_bank_batch (a finance batch file) → paid | failed; rejected by staff
 * before it is sent. failed and rejected give the money back to the coach's available balance.
 */
export const withdrawalStatus = pgEnum("withdrawal_status", [
	"pending_approval",
	"processing",
	"in_bank_batch",
	"paid",
	"failed",
	"rejected",
]);

/** A finance team's bank payout file: the bank-card withdrawals collected into it, one line each. */
export const payoutBatches = pgTable("payout_batches", {
	id: uuid("id").primaryKey().defaultRandom(),
	createdBy: uuid("created_by").references(() => users.id),
	createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A coach's request to take money out. `out_biz_no` is the transfer's business number at the
 * provider and its idempotency key there: a retried job asks for the same transfer (and first asks
 * whether it happened), never a second one. The ledger reserves the amount when the row is made.
 */
export const withdrawals = pgTable(
	"withdrawals",
	{
		id: uuid("id").primaryKey().defaultRandom(),
		coachId: uuid("coach_id")
			.notNull()
			.references(() => coaches.id),
		payoutAccountId: uuid("payout_account_id")
			.notNull()
			.references(() => payoutAccounts.id),
		/** The provider_clearing ref the money leaves by: alipay | wechatpay | bank | sandbox. */
		channel: text("channel").notNull(),
		amountFen: integer("amount_fen").notNull(),
		status: withdrawalStatus("status").notNull(),
		outBizNo: text("out_biz_no").notNull(),
		providerOrderId: text("provider_order_id"),
		attempts: smallint("attempts").notNull().default(0),
		lastError: text("last_error"),
		/**
		 * A WeChat transfer bill waiting for the payee (WAIT_USER_CONFIRM): its `package_info`, which the
		 * coach's WeChat needs to confirm receipt. Kept in plain text: an opaque token of the bill that
		 * only opens WeChat's confirm sheet for the payee's own WeChat, no personal data.
		 */
		confirmPackage: text("confirm_package"),
		/** Why it failed or was rejected, as the coach is told. */
		failureReason: text("failure_reason"),
		decidedBy: uuid("decided_by").references(() => users.id),
		decidedAt: timestamp("decided_at", { withTimezone: true }),
		batchId: uuid("batch_id").references(() => payoutBatches.id),
		paidAt: timestamp("paid_at", { withTimezone: true }),
		createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
	},
	(table) => [
		uniqueIndex("withdrawals_out_biz_no").on(table.outBizNo),
		index("withdrawals_coach_idx").on(table.coachId, table.createdAt),
		index("withdrawals_status_idx").on(table.status, table.createdAt),
		check("withdrawals_amount", sql`${table.amountFen} > 0`),
	],
);
