CREATE TABLE "module_effects" (
	"event_id" text NOT NULL,
	"effect_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_effects_event_id_effect_key_pk" PRIMARY KEY("event_id","effect_key")
);
--> statement-breakpoint
CREATE INDEX "module_effects_created_idx" ON "module_effects" USING btree ("created_at");