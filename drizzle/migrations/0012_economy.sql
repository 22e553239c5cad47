CREATE TABLE "economy_balances" (
	"guild_id" text NOT NULL,
	"account" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "economy_balances_guild_id_account_pk" PRIMARY KEY("guild_id","account"),
	CONSTRAINT "economy_balances_not_negative" CHECK ("economy_balances"."balance" >= 0 OR "economy_balances"."account" LIKE 'system:%')
);
--> statement-breakpoint
CREATE TABLE "economy_cooldowns" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "economy_cooldowns_guild_id_user_id_kind_pk" PRIMARY KEY("guild_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "economy_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tx_id" bigint NOT NULL,
	"guild_id" text NOT NULL,
	"account" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"memo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "economy_entries" ADD CONSTRAINT "economy_entries_tx_id_economy_transactions_id_fk" FOREIGN KEY ("tx_id") REFERENCES "public"."economy_transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "economy_balances_rank_idx" ON "economy_balances" USING btree ("guild_id","balance");--> statement-breakpoint
CREATE INDEX "economy_entries_account_idx" ON "economy_entries" USING btree ("guild_id","account","id");--> statement-breakpoint
CREATE INDEX "economy_transactions_guild_idx" ON "economy_transactions" USING btree ("guild_id","id");