CREATE TABLE "custom_command_registrations" (
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"command_id" text NOT NULL,
	"body_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_command_registrations_guild_id_name_pk" PRIMARY KEY("guild_id","name")
);
--> statement-breakpoint
CREATE TABLE "giveaway_entries" (
	"giveaway_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "giveaway_entries_giveaway_id_user_id_pk" PRIMARY KEY("giveaway_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "giveaways" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"message_id" text,
	"prize" text NOT NULL,
	"winners" integer NOT NULL,
	"required_roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bonus" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"host_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"winner_ids" jsonb
);
--> statement-breakpoint
CREATE TABLE "scheduler_deliveries" (
	"guild_id" text NOT NULL,
	"ref" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"message_id" text,
	CONSTRAINT "scheduler_deliveries_guild_id_ref_due_at_pk" PRIMARY KEY("guild_id","ref","due_at")
);
--> statement-breakpoint
CREATE TABLE "scheduler_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"text" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"number" integer NOT NULL,
	"category" text NOT NULL,
	"channel_id" text,
	"opener_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answers" text DEFAULT '[]' NOT NULL,
	"claimed_by" text,
	"first_responder_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"close_reason" text,
	"transcript" text
);
--> statement-breakpoint
ALTER TABLE "giveaway_entries" ADD CONSTRAINT "giveaway_entries_giveaway_id_giveaways_id_fk" FOREIGN KEY ("giveaway_id") REFERENCES "public"."giveaways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "giveaways_guild_idx" ON "giveaways" USING btree ("guild_id","created_at");--> statement-breakpoint
CREATE INDEX "scheduler_deliveries_month_idx" ON "scheduler_deliveries" USING btree ("guild_id","delivered_at");--> statement-breakpoint
CREATE INDEX "scheduler_reminders_member_idx" ON "scheduler_reminders" USING btree ("guild_id","user_id","due_at");--> statement-breakpoint
CREATE INDEX "tickets_guild_idx" ON "tickets" USING btree ("guild_id","status");--> statement-breakpoint
CREATE INDEX "tickets_channel_idx" ON "tickets" USING btree ("channel_id");