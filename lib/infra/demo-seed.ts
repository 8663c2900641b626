import "server-only";
import { eq } from "drizzle-orm";
import { hashSecret } from "@/lib/credentials/hashing";
import type { Db } from "@/db/client";
import { contacts, organizations, retailers, users, type UserType } from "@/db/schema";

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

/** Creates the demo organizations; an organization whose slug exists is left alone. */
export async function seedDemo(db: Db, orgs: DemoOrg[] = DEMO_ORGANIZATIONS): Promise<void> {
  for (const demo of orgs) {
    const [existing] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, demo.slug))
      .limit(1);
    if (existing) continue;
    const hashes = await Promise.all(
      [...demo.users, ...demo.retailers.flatMap((r) => r.contacts)].map(() => hashSecret(DEMO_PASSWORD)),
    );
    await db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organizations)
        .values({ name: demo.name, slug: demo.slug, licenceCount: demo.licenceCount })
        .returning({ id: organizations.id });
      const now = new Date();
      await tx.insert(users).values(
        demo.users.map((u) => ({
          ...u,
          organizationId: org!.id,
          passwordHash: hashes.shift()!,
          passwordChangedAt: now,
        })),
      );
      for (const r of demo.retailers) {
        const [retailer] = await tx
          .insert(retailers)
          .values({ organizationId: org!.id, name: r.name })
          .returning({ id: retailers.id });
        await tx.insert(contacts).values(
          r.contacts.map((c) => ({
            ...c,
            organizationId: org!.id,
            retailerId: retailer!.id,
            websiteAccess: true,
            passwordHash: hashes.shift()!,
          })),
        );
      }
    });
  }
}
