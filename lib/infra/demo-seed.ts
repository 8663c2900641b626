import "server-only";
import { eq } from "drizzle-orm";
import { hashSecret } from "@/lib/credentials/hashing";
import type { Db } from "@/db/client";
import { contacts, organizations, retailers, users } from "@/db/schema";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, type DemoOrg } from "@/lib/infra/demo-accounts";

export { DEMO_ORGANIZATIONS, DEMO_PASSWORD, type DemoOrg } from "@/lib/infra/demo-accounts";

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
