CREATE TYPE "public"."payout_account_kind" AS ENUM('alipay', 'bank_card');--> statement-breakpoint
CREATE TYPE "public"."withdrawal_status" AS ENUM('pending_approval', 'processing', 'in_bank_batch', 'paid', 'failed', 'rejected');--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"kind" "payout_account_kind" NOT NULL,
	"account_no_enc" text NOT NULL,
	"holder_name_enc" text NOT NULL,
	"account_index" text NOT NULL,
	"masked" text NOT NULL,
	"bank_name" text,
	"bank_branch" text,
	"verified_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coach_id" uuid NOT NULL,
	"payout_account_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" "withdrawal_status" NOT NULL,
	"out_biz_no" text NOT NULL,
	"provider_order_id" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"failure_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"batch_id" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withdrawals_amount" CHECK ("withdrawals"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_batches" ADD CONSTRAINT "payout_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_payout_account_id_payout_accounts_id_fk" FOREIGN KEY ("payout_account_id") REFERENCES "public"."payout_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_one_per_coach" ON "payout_accounts" USING btree ("coach_id","account_index") WHERE "payout_accounts"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "payout_accounts_coach_idx" ON "payout_accounts" USING btree ("coach_id");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_out_biz_no" ON "withdrawals" USING btree ("out_biz_no");--> statement-breakpoint
CREATE INDEX "withdrawals_coach_idx" ON "withdrawals" USING btree ("coach_id","created_at");--> statement-breakpoint
CREATE INDEX "withdrawals_status_idx" ON "withdrawals" USING btree ("status","created_at");