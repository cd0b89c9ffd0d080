ALTER TABLE "meeting_badges" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meeting_badges" ADD COLUMN "revocation_reason" text;