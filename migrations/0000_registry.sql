CREATE TABLE "bodies" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"names" jsonb NOT NULL,
	"short_names" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"seat" jsonb,
	"order" integer NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chairmanship_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"start" text NOT NULL,
	"start_precision" text NOT NULL,
	"start_day" date NOT NULL,
	"end" text,
	"slogan" jsonb,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"date" text NOT NULL,
	"date_precision" text NOT NULL,
	"date_start" date NOT NULL,
	"title" jsonb NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "international_organizations" (
	"code" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"short_names" jsonb NOT NULL,
	"relation" text NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_events" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"kind" text NOT NULL,
	"tier" text,
	"date" text NOT NULL,
	"date_precision" text NOT NULL,
	"date_start" date NOT NULL,
	"decision" text NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"code" text PRIMARY KEY NOT NULL,
	"profile" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rotation_entries" (
	"state" text PRIMARY KEY NOT NULL,
	"in_rotation_from" text NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secretaries_general" (
	"id" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"state" text NOT NULL,
	"title" jsonb NOT NULL,
	"from" text NOT NULL,
	"to" text,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"key" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"year" integer,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "states" (
	"code" text PRIMARY KEY NOT NULL,
	"iso_numeric" text NOT NULL,
	"names" jsonb NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summits" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"host" text NOT NULL,
	"city" jsonb NOT NULL,
	"start" text NOT NULL,
	"start_precision" text NOT NULL,
	"start_day" date NOT NULL,
	"end" text,
	"format" text NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chairmanship_terms" ADD CONSTRAINT "chairmanship_terms_state_states_code_fk" FOREIGN KEY ("state") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chairmanship_terms" ADD CONSTRAINT "chairmanship_terms_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_body_bodies_code_fk" FOREIGN KEY ("body") REFERENCES "public"."bodies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "international_organizations" ADD CONSTRAINT "international_organizations_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_state_states_code_fk" FOREIGN KEY ("state") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_decision_decisions_id_fk" FOREIGN KEY ("decision") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_entries" ADD CONSTRAINT "rotation_entries_state_states_code_fk" FOREIGN KEY ("state") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_entries" ADD CONSTRAINT "rotation_entries_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretaries_general" ADD CONSTRAINT "secretaries_general_state_states_code_fk" FOREIGN KEY ("state") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secretaries_general" ADD CONSTRAINT "secretaries_general_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "states" ADD CONSTRAINT "states_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summits" ADD CONSTRAINT "summits_body_bodies_code_fk" FOREIGN KEY ("body") REFERENCES "public"."bodies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summits" ADD CONSTRAINT "summits_host_states_code_fk" FOREIGN KEY ("host") REFERENCES "public"."states"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summits" ADD CONSTRAINT "summits_source_sources_key_fk" FOREIGN KEY ("source") REFERENCES "public"."sources"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_events_state_date" ON "membership_events" USING btree ("state","date_start");