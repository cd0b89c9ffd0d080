-- Registry changes: reclassifications, accessions, the reason of a status change, a chairmanship's themed year, source links, the supreme body, rotation order keys and members passed over, and the earlier values corrections replaced.
CREATE TABLE "accessions" (
	"id" text PRIMARY KEY NOT NULL,
	"applicant" text NOT NULL,
	"requested_tier" text NOT NULL,
	"applied" text,
	"steps" jsonb NOT NULL,
	"outcome" jsonb,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reclassifications" (
	"id" text PRIMARY KEY NOT NULL,
	"from_tiers" jsonb NOT NULL,
	"to_tier" text NOT NULL,
	"date" text NOT NULL,
	"date_precision" text NOT NULL,
	"date_start" date NOT NULL,
	"decision" text NOT NULL,
	"source" text NOT NULL,
	"reason" jsonb,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"section" text NOT NULL,
	"record" text NOT NULL,
	"previous" jsonb NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	"replaced_by" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "is_supreme" boolean;--> statement-breakpoint
ALTER TABLE "chairmanship_terms" ADD COLUMN "themed_year" jsonb;--> statement-breakpoint
ALTER TABLE "membership_events" ADD COLUMN "reason" jsonb;--> statement-breakpoint
ALTER TABLE "rotation_entries" ADD COLUMN "order_key" text;--> statement-breakpoint
ALTER TABLE "rotation_entries" ADD COLUMN "passed_over" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "url" text;--> statement-breakpoint
ALTER TABLE "accessions" ADD CONSTRAINT "accessions_applicant_states_code_fk" FOREIGN KEY ("applicant") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accessions" ADD CONSTRAINT "accessions_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reclassifications" ADD CONSTRAINT "reclassifications_decision_decisions_id_fk" FOREIGN KEY ("decision") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reclassifications" ADD CONSTRAINT "reclassifications_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_history_record" ON "registry_history" USING btree ("section","record");