CREATE TABLE "digest_deliveries" (
	"subscription_id" text NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"message_id" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_deliveries_subscription_id_period_pk" PRIMARY KEY("subscription_id","period"),
	CONSTRAINT "digest_deliveries_status_check" CHECK ("digest_deliveries"."status" in ('claimed', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "digest_papers" (
	"subscription_id" text NOT NULL,
	"paper_id" text NOT NULL,
	"period" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_papers_subscription_id_paper_id_pk" PRIMARY KEY("subscription_id","paper_id")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_kind_check" CHECK ("follows"."kind" in ('query', 'author', 'organization', 'category'))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"user_id" text,
	"frequency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"confirm_nonce" text,
	"confirm_expires" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_email_unique" UNIQUE("email"),
	CONSTRAINT "subscriptions_frequency_check" CHECK ("subscriptions"."frequency" in ('daily', 'weekly')),
	CONSTRAINT "subscriptions_status_check" CHECK ("subscriptions"."status" in ('pending', 'active', 'paused', 'unsubscribed'))
);
--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_papers" ADD CONSTRAINT "digest_papers_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_papers" ADD CONSTRAINT "digest_papers_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "digest_deliveries_period_idx" ON "digest_deliveries" USING btree ("period","status");--> statement-breakpoint
CREATE INDEX "digest_papers_paper_idx" ON "digest_papers" USING btree ("paper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_topic_idx" ON "follows" USING btree ("user_id","kind","value");--> statement-breakpoint
CREATE INDEX "follows_topic_idx" ON "follows" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "subscriptions_recipients_idx" ON "subscriptions" USING btree ("status","frequency");--> statement-breakpoint
CREATE INDEX "subscriptions_user_idx" ON "subscriptions" USING btree ("user_id");