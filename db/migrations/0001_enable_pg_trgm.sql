-- Trigram indexes let the console search contacts by any part of a retailer's or contact's
-- name. pg_trgm ships with PostgreSQL (and PGlite) and is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
