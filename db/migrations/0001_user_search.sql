CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin ("organization_id",(lower("display_name") || ' ' || lower("username")) gin_trgm_ops);