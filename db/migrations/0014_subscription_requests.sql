ALTER TABLE "subscriptions" ADD COLUMN "confirm_frequency" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "confirm_user_id" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_confirm_user_id_users_id_fk" FOREIGN KEY ("confirm_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_confirm_frequency_check" CHECK ("subscriptions"."confirm_frequency" in ('daily', 'weekly'));