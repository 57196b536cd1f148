ALTER TYPE "public"."payout_account_kind" ADD VALUE 'wechat';--> statement-breakpoint
ALTER TABLE "social_identities" ADD COLUMN "openid_enc" text;