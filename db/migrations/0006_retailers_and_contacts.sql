DROP INDEX "contacts_org_username_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "retailers_org_code_idx" ON "retailers" USING btree ("organization_id",lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_org_username_idx" ON "contacts" USING btree ("organization_id",lower("username")) WHERE "contacts"."removed_at" is null;