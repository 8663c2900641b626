import type { AppName, UserType } from "@/lib/staff/user-types";

/**
 * Who may use what. Shared by proxy.ts (fast checks on the session's claims), the layouts
 * and actions (authoritative checks), and the apps' API.
 */
export const CONSOLE_USER_TYPES: readonly UserType[] = ["admin", "dual"];

export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin: "Admin",
  dual: "Dual (admin + device)",
  device: "Device (mobile sales)",
  scanpack: "ScanPack",
};

export const APP_LABELS: Record<AppName, string> = {
  "sales-plus": "Sales Plus",
  tradeshow: "Tradeshow",
  scanpack: "ScanPack",
};

const APPS_BY_TYPE: Record<UserType, readonly AppName[]> = {
  admin: [],
  dual: ["sales-plus", "tradeshow"],
  device: ["sales-plus", "tradeshow"],
  scanpack: ["scanpack"],
};

export function canUseConsole(type: UserType): boolean {
  return CONSOLE_USER_TYPES.includes(type);
}

export function appsFor(type: UserType): readonly AppName[] {
  return APPS_BY_TYPE[type];
}

/** "Sales Plus and Tradeshow", "ScanPack" or "" — for sentences telling users where their password works. */
export function appNamesSentence(type: UserType): string {
  const names = appsFor(type).map((a) => `Inzant ${APP_LABELS[a]}`);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

/** Where a staff user lands after signing in. */
export function landingPath(type: UserType): string {
  return canUseConsole(type) ? "/admin" : "/profile";
}

/** Who may reset a contact's storefront password from an app: iPad (device and dual) users. */
export function canManageContactsFromApp(type: UserType): boolean {
  return type === "device" || type === "dual";
}
