ALTER TABLE "contacts" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "temp_password_used_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "retailers_name_trgm_idx" ON "retailers" USING gin ("name" gin_trgm_ops);