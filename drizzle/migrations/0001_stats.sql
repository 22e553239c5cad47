CREATE TABLE "stats_5min" (
	"guild_id" text NOT NULL,
	"channel_id" text DEFAULT '' NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"leaves" integer DEFAULT 0 NOT NULL,
	"voice_ms" bigint DEFAULT 0 NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_5min_pk" PRIMARY KEY("guild_id","bucket","channel_id")
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"guild_id" text NOT NULL,
	"channel_id" text DEFAULT '' NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"leaves" integer DEFAULT 0 NOT NULL,
	"voice_ms" bigint DEFAULT 0 NOT NULL,
	"day" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_daily_pk" PRIMARY KEY("guild_id","day","channel_id")
);
--> statement-breakpoint
CREATE TABLE "stats_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text,
	"channel_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_member_daily" (
	"guild_id" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"voice_ms" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_member_daily_pk" PRIMARY KEY("guild_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "stats_member_totals" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"reactions" integer DEFAULT 0 NOT NULL,
	"voice_ms" bigint DEFAULT 0 NOT NULL,
	"joins" integer DEFAULT 0 NOT NULL,
	"leaves" integer DEFAULT 0 NOT NULL,
	"last_joined_at" timestamp with time zone,
	"last_active_at" timestamp with time zone,
	CONSTRAINT "stats_member_totals_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stats_voice_state" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"channel_id" text,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_voice_state_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "stats_events_guild_at_idx" ON "stats_events" USING btree ("guild_id","at");