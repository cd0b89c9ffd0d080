CREATE TABLE "meeting_accreditations" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"delegation" text NOT NULL,
	"state" text NOT NULL,
	"delegates" jsonb NOT NULL,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"meeting_id" text NOT NULL,
	"id" text NOT NULL,
	"ord" integer NOT NULL,
	"title" jsonb NOT NULL,
	"rapporteur" text,
	"start" timestamp with time zone,
	"end" timestamp with time zone,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"speakers" jsonb NOT NULL,
	"request_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "meeting_agenda_items_meeting_id_id_pk" PRIMARY KEY("meeting_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_badges" (
	"token" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"list_id" text NOT NULL,
	"delegate_index" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitations" (
	"meeting_id" text NOT NULL,
	"party" text NOT NULL,
	"basis" text NOT NULL,
	"names" jsonb,
	"quota" integer NOT NULL,
	"may_speak" boolean DEFAULT false NOT NULL,
	"response" text DEFAULT 'pending' NOT NULL,
	"head_level" text,
	"version" integer DEFAULT 1 NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_invitations_meeting_id_party_pk" PRIMARY KEY("meeting_id","party")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"number" text,
	"title" jsonb NOT NULL,
	"start" timestamp with time zone,
	"end" timestamp with time zone,
	"time_zone" text,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"time_precision" text NOT NULL,
	"format" text,
	"city" jsonb,
	"venue_state" text,
	"host" text,
	"chair" text,
	"status" text NOT NULL,
	"visibility" text DEFAULT 'participants' NOT NULL,
	"origin" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"source" text,
	"note" jsonb,
	"default_quota" integer DEFAULT 10 NOT NULL,
	"agenda_adopted_at" timestamp with time zone,
	"agenda_changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" jsonb DEFAULT '{"documents":[],"attendance":[]}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_events" (
	"id" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"title" jsonb NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text,
	"city" jsonb,
	"track" text NOT NULL,
	"kind" text NOT NULL,
	"organizer" jsonb,
	"status" text NOT NULL,
	"meeting_id" text,
	"source" text,
	"origin" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chairmanship_terms" ADD COLUMN "priorities" jsonb;--> statement-breakpoint
ALTER TABLE "chairmanship_terms" ADD COLUMN "reported_events" jsonb;--> statement-breakpoint
ALTER TABLE "meeting_accreditations" ADD CONSTRAINT "meeting_accreditations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_badges" ADD CONSTRAINT "meeting_badges_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_badges" ADD CONSTRAINT "meeting_badges_list_id_meeting_accreditations_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."meeting_accreditations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitations" ADD CONSTRAINT "meeting_invitations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_accreditations_meeting" ON "meeting_accreditations" USING btree ("meeting_id","delegation");--> statement-breakpoint
CREATE INDEX "meeting_badges_list" ON "meeting_badges" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "meetings_body_start" ON "meetings" USING btree ("body","start_date");--> statement-breakpoint
CREATE INDEX "programme_events_term" ON "programme_events" USING btree ("term","start_date");