CREATE TABLE "negotiation_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"base_language" text NOT NULL,
	"languages" jsonb NOT NULL,
	"meeting" text,
	"place" jsonb,
	"decision_rule" text NOT NULL,
	"concerning" text,
	"visibility" text NOT NULL,
	"status" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"proposal_count" integer DEFAULT 0 NOT NULL,
	"silence" jsonb NOT NULL,
	"silence_deadline" timestamp with time zone,
	"adoption" jsonb,
	"adopted_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"delegation" text NOT NULL,
	"user_id" text,
	"provision" text,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"document_id" text NOT NULL,
	"delegation" text NOT NULL,
	"user_id" text,
	"stance" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"seq" integer NOT NULL,
	"delegation" text NOT NULL,
	"user_id" text,
	"change" jsonb NOT NULL,
	"quote" text NOT NULL,
	"justification" text NOT NULL,
	"status" text NOT NULL,
	"handling" jsonb,
	"made_in" integer NOT NULL,
	"handled_in" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_provisions" (
	"document_id" text NOT NULL,
	"id" text NOT NULL,
	"ord" integer NOT NULL,
	"kind" text NOT NULL,
	"texts" jsonb NOT NULL,
	"basis" jsonb NOT NULL,
	"mark" text,
	"brackets" jsonb NOT NULL,
	"facilitator" text,
	"version" integer NOT NULL,
	CONSTRAINT "negotiation_provisions_document_id_id_pk" PRIMARY KEY("document_id","id")
);
--> statement-breakpoint
CREATE TABLE "negotiation_revisions" (
	"document_id" text NOT NULL,
	"number" integer NOT NULL,
	"provisions" jsonb NOT NULL,
	"outcomes" jsonb NOT NULL,
	"stats" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" text,
	CONSTRAINT "negotiation_revisions_document_id_number_pk" PRIMARY KEY("document_id","number")
);
--> statement-breakpoint
CREATE TABLE "negotiation_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"delegation" text NOT NULL,
	"user_id" text,
	"provision" text,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "negotiation_notes" ADD CONSTRAINT "negotiation_notes_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_positions" ADD CONSTRAINT "negotiation_positions_proposal_id_negotiation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."negotiation_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_proposals" ADD CONSTRAINT "negotiation_proposals_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_provisions" ADD CONSTRAINT "negotiation_provisions_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_revisions" ADD CONSTRAINT "negotiation_revisions_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD CONSTRAINT "negotiation_statements_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_documents_number" ON "negotiation_documents" USING btree ("adopted_number");--> statement-breakpoint
CREATE INDEX "negotiation_documents_deadline" ON "negotiation_documents" USING btree ("silence_deadline") WHERE "negotiation_documents"."silence_deadline" is not null;--> statement-breakpoint
CREATE INDEX "negotiation_notes_document" ON "negotiation_notes" USING btree ("document_id","delegation");--> statement-breakpoint
CREATE INDEX "negotiation_positions_document" ON "negotiation_positions" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "negotiation_proposals_document" ON "negotiation_proposals" USING btree ("document_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_proposals_seq" ON "negotiation_proposals" USING btree ("document_id","seq");--> statement-breakpoint
CREATE INDEX "negotiation_statements_document" ON "negotiation_statements" USING btree ("document_id");