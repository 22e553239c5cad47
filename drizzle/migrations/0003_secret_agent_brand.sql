CREATE TABLE "ingest_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ingest_nonces_seen_idx" ON "ingest_nonces" USING btree ("seen_at");