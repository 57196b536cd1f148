ALTER TABLE "drills" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "drills" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "drills_coach_idx" ON "drills" USING btree ("coach_id");