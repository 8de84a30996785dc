CREATE TABLE "share_images" (
	"subject" text PRIMARY KEY NOT NULL,
	"face" text NOT NULL,
	"png" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "share_images_updated_at_idx" ON "share_images" USING btree ("updated_at");