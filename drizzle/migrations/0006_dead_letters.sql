CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"guild_id" text,
	"type" text NOT NULL,
	"payload" text NOT NULL,
	"error" text NOT NULL,
	"stage" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_event_id_uq" ON "dead_letters" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "dead_letters_guild_idx" ON "dead_letters" USING btree ("guild_id","created_at");