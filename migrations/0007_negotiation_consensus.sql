CREATE TABLE "negotiation_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"note" text NOT NULL,
	"prepared_by" text,
	"prepared_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"used_in" integer,
	"decided_at" timestamp with time zone,
	"decided_by" text
);
--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD COLUMN "rule_changes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD COLUMN "call" jsonb;--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD COLUMN "invited" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD COLUMN "changed_since_revision" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_positions" ADD COLUMN "invited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_proposals" ADD COLUMN "cosponsors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_revisions" ADD COLUMN "draft" text;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD COLUMN "kind" text DEFAULT 'explanation-before' NOT NULL;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "negotiation_drafts" ADD CONSTRAINT "negotiation_drafts_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "negotiation_drafts_document" ON "negotiation_drafts" USING btree ("document_id");