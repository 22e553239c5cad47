CREATE TABLE "stats_flushes" (
	"flush_id" text PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"flushed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stats_flushes_guild_at_idx" ON "stats_flushes" USING btree ("guild_id","flushed_at");