CREATE TABLE "coach_booked_times" (
	"coach_id" uuid PRIMARY KEY NOT NULL,
	"lessons" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coach_free_days" (
	"coach_id" uuid NOT NULL,
	"date" date NOT NULL,
	"free_minutes" smallint NOT NULL,
	"evening_free" boolean NOT NULL,
	"first_free_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coach_free_days_coach_id_date_pk" PRIMARY KEY("coach_id","date")
);
--> statement-breakpoint
ALTER TABLE "coach_booked_times" ADD CONSTRAINT "coach_booked_times_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_free_days" ADD CONSTRAINT "coach_free_days_coach_id_coaches_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."coaches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coach_free_days_probe_idx" ON "coach_free_days" USING btree ("coach_id","date","evening_free","first_free_at");