CREATE TABLE "moderation_case_counters" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"number" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" text,
	"target_id" text NOT NULL,
	"reason" text,
	"duration_seconds" integer,
	"expires_at" timestamp with time zone,
	"active" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"message_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" text
);
--> statement-breakpoint
CREATE TABLE "moderation_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"target_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_cases_number_idx" ON "moderation_cases" USING btree ("guild_id","number");--> statement-breakpoint
CREATE INDEX "moderation_cases_target_idx" ON "moderation_cases" USING btree ("guild_id","target_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_cases_created_idx" ON "moderation_cases" USING btree ("guild_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_cases_expiry_idx" ON "moderation_cases" USING btree ("expires_at") WHERE "moderation_cases"."active";--> statement-breakpoint
CREATE INDEX "moderation_notes_target_idx" ON "moderation_notes" USING btree ("guild_id","target_id","created_at");