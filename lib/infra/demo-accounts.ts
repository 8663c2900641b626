import type { UserType } from "@/lib/staff/user-types";

// The demo accounts as data, without the database: the e2e suite reads them in Playwright's
// process, where server-only modules cannot load.

/** Every demo account's password (README lists the accounts). */
export const DEMO_PASSWORD = "Gatehouse-Demo-2026!";

export type DemoOrg = {
  name: string;
  slug: string;
  licenceCount: number;
  users: { username: string; displayName: string; userType: UserType; emailTo?: string }[];
  retailers: { name: string; contacts: { name: string; email: string; username: string }[] }[];
};

export const DEMO_ORGANIZATIONS: DemoOrg[] = [
  {
    name: "Demo Wholesale",
    slug: "demo",
    licenceCount: 10,
    users: [
      { username: "admin@demo.test", displayName: "Ada Admin", userType: "admin", emailTo: "office@demo.test" },
      { username: "dual@demo.test", displayName: "Dana Dual", userType: "dual" },
      { username: "device@demo.test", displayName: "Devon Device", userType: "device", emailTo: "devon.personal@demo.test" },
      { username: "scanpack@demo.test", displayName: "Sam Scanpack", userType: "scanpack" },
      { username: "warehouse7", displayName: "Warehouse Seven", userType: "device" },
    ],
    retailers: [
      {
        name: "Corner Store",
        contacts: [
          { name: "Bea Buyer", email: "buyer@cornerstore.test", username: "cornerbuyer" },
          { name: "Owen Owner", email: "owner@cornerstore.test", username: "cornerowner" },
        ],
      },
    ],
  },
  {
    name: "Other Co",
    slug: "other",
    licenceCount: 5,
    users: [{ username: "admin@other.test", displayName: "Olive Other", userType: "admin" }],
    retailers: [
      { name: "Harbour Goods", contacts: [{ name: "Hal Harbour", email: "buyer@harbour.test", username: "harbourbuyer" }] },
    ],
  },
];
