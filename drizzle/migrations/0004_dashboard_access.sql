CREATE TABLE "dashboard_access" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"level" text NOT NULL,
	"granted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboard_access_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "dashboard_access_user_idx" ON "dashboard_access" USING btree ("user_id");