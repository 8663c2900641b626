DROP INDEX "retailers_org_code_idx";--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "retailers_org_code_idx" ON "retailers" USING btree ("organization_id",lower("code")) WHERE "retailers"."removed_at" is null;