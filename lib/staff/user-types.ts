/*
 * The vocabulary db/schema.ts and the browser share. This module imports nothing, so a client
 * component can use it without pulling table definitions (or drizzle-orm) into its bundle,
 * and it is the one lib/ module db/ may import (tests/unit/layers.test.ts).
 */

export const userTypes = ["admin", "dual", "device", "scanpack"] as const;
export type UserType = (typeof userTypes)[number];

export const appNames = ["sales-plus", "tradeshow", "scanpack"] as const;
export type AppName = (typeof appNames)[number];
