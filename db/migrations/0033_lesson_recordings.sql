CREATE TYPE "public"."community_content_status" AS ENUM('published', 'held', 'hidden', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."community_post_kind" AS ENUM('post', 'question');--> statement-breakpoint
CREATE TYPE "public"."moderation_word_action" AS ENUM('block', 'hold', 'replace');--> statement-breakpoint
CREATE TYPE "public"."lesson_recording_status" AS ENUM('recording', 'ready', 'failed', 'deleted');--> statement-breakpoint
ALTER TYPE "public"."moderation_subject_kind" ADD VALUE 'community_post';--> statement-breakpoint
ALTER TYPE "public"."moderation_subject_kind" ADD VALUE 'community_comment';--> statement-breakpoint
ALTER TYPE "public"."moderation_word_category" ADD VALUE 'gambling';--> statement-breakpoint
ALTER TYPE "public"."moderation_word_category" ADD VALUE 'pornography';--> statement-breakpoint
ALTER TYPE "public"."moderation_word_category" ADD VALUE 'drugs';--> statement-breakpoint
ALTER TYPE "public"."moderation_word_category" ADD VALUE 'fraud';--> statement-breakpoint
ALTER TYPE "public"."moderation_word_category" ADD VALUE 'off_platform_payment';--> statement-breakpoint
CREATE TABLE "community_boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_boards_slug_format" CHECK ("community_boards"."slug" ~ '^[a-z0-9-]{2,40}$')
);
--> statement-breakpoint
CREATE TABLE "community_bookmarks" (
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_bookmarks_user_id_post_id_pk" PRIMARY KEY("user_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "community_comment_likes" (
	"comment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_comment_likes_comment_id_user_id_pk" PRIMARY KEY("comment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"parent_id" uuid,
	"body" text NOT NULL,
	"status" "community_content_status" DEFAULT 'published' NOT NULL,
	"by_coach" boolean DEFAULT false NOT NULL,
	"coach_verified_by" uuid,
	"coach_verified_at" timestamp with time zone,
	"like_count" integer DEFAULT 0 NOT NULL,
	"views_at_creation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "community_comments_body_length" CHECK (char_length("community_comments"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "community_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"days_visited" integer DEFAULT 0 NOT NULL,
	"last_visited_on" date,
	"posts_read" integer DEFAULT 0 NOT NULL,
	"likes_received" integer DEFAULT 0 NOT NULL,
	"upheld_flags" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_post_likes" (
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_post_likes_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" "community_post_kind" DEFAULT 'post' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"image_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" "community_content_status" DEFAULT 'published' NOT NULL,
	"hidden_by_flags_at" timestamp with time zone,
	"like_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"accepted_comment_id" uuid,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "community_posts_title_length" CHECK (char_length("community_posts"."title") between 1 and 80),
	CONSTRAINT "community_posts_body_length" CHECK (char_length("community_posts"."body") between 1 and 10000),
	CONSTRAINT "community_posts_images" CHECK (coalesce(array_length("community_posts"."image_file_ids", 1), 0) <= 9)
);
--> statement-breakpoint
CREATE TABLE "moderation_category_actions" (
	"category" "moderation_word_category" PRIMARY KEY NOT NULL,
	"action" "moderation_word_action" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lesson_recording_consents" (
	"booking_id" uuid NOT NULL,
	"party" "booking_party" NOT NULL,
	"user_id" uuid NOT NULL,
	"agreed" boolean NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lesson_recording_consents_booking_id_party_pk" PRIMARY KEY("booking_id","party"),
	CONSTRAINT "lesson_recording_consents_party" CHECK ("lesson_recording_consents"."party" in ('player', 'coach'))
);
--> statement-breakpoint
CREATE TABLE "lesson_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"egress_id" text NOT NULL,
	"started_by" uuid NOT NULL,
	"status" "lesson_recording_status" DEFAULT 'recording' NOT NULL,
	"storage_key" text NOT NULL,
	"size_bytes" bigint,
	"duration_seconds" integer,
	"retry_of" uuid,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "community_bookmarks" ADD CONSTRAINT "community_bookmarks_post_id_community_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."community_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_bookmarks" ADD CONSTRAINT "community_bookmarks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_comment_likes" ADD CONSTRAINT "community_comment_likes_comment_id_community_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."community_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_comment_likes" ADD CONSTRAINT "community_comment_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_comments" ADD CONSTRAINT "community_comments_post_id_community_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."community_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_comments" ADD CONSTRAINT "community_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_comments" ADD CONSTRAINT "community_comments_coach_verified_by_users_id_fk" FOREIGN KEY ("coach_verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_post_likes" ADD CONSTRAINT "community_post_likes_post_id_community_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."community_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_post_likes" ADD CONSTRAINT "community_post_likes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_board_id_community_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."community_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_posts" ADD CONSTRAINT "community_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_recording_consents" ADD CONSTRAINT "lesson_recording_consents_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_recording_consents" ADD CONSTRAINT "lesson_recording_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_recordings" ADD CONSTRAINT "lesson_recordings_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_recordings" ADD CONSTRAINT "lesson_recordings_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_boards_slug_key" ON "community_boards" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "community_bookmarks_user_idx" ON "community_bookmarks" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "community_comments_post_idx" ON "community_comments" USING btree ("post_id","created_at","id");--> statement-breakpoint
CREATE INDEX "community_comments_queue_idx" ON "community_comments" USING btree ("status","created_at") WHERE "community_comments"."status" in ('held', 'hidden');--> statement-breakpoint
CREATE INDEX "community_posts_board_activity_idx" ON "community_posts" USING btree ("board_id","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "community_posts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "community_posts_board_newest_idx" ON "community_posts" USING btree ("board_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "community_posts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "community_posts_author_idx" ON "community_posts" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "community_posts_queue_idx" ON "community_posts" USING btree ("status","created_at") WHERE "community_posts"."status" in ('held', 'hidden');--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_recordings_egress" ON "lesson_recordings" USING btree ("egress_id");--> statement-breakpoint
CREATE INDEX "lesson_recordings_booking_idx" ON "lesson_recordings" USING btree ("booking_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_recordings_one_active" ON "lesson_recordings" USING btree ("booking_id") WHERE "lesson_recordings"."status" = 'recording';--> statement-breakpoint
CREATE INDEX "lesson_recordings_ready_idx" ON "lesson_recordings" USING btree ("ended_at") WHERE "lesson_recordings"."status" = 'ready';