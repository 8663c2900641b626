"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { newPasswordFields, passwordField, sessionIdField } from "@/lib/web/schemas";
import { NEW_PASSWORD_COPY } from "@/lib/copy/password";
import { defineAction } from "@/lib/web/action";
import { changePassword } from "@/lib/staff/password-change";
import { ACCESS_MESSAGES } from "@/lib/copy/access";
import { ownChangeLockMessage } from "@/lib/copy/sign-in";
import { LOCKOUT } from "@/lib/credentials/lockout";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { endOtherSessions, revokeSession } from "@/lib/sessions/records";
import { findUserById } from "@/lib/staff/accounts";

const ChangeSchema = z.object({
  currentPassword: passwordField("The existing password").min(1, NEW_PASSWORD_COPY.enterExisting),
  ...newPasswordFields,
});

/** Account Settings → Update: other sessions and app tokens end; this browser stays signed in. */
export const changePasswordAction = defineAction({
  schema: ChangeSchema,
  access: "staff",
  async run(input, { user, meta }) {
    const account = await findUserById(user.id);
    if (!account) return { ok: false, message: ACCESS_MESSAGES.sessionEnded };
    const result = await changePassword(account, input, meta, user.sessionId);
    if (!result.ok) {
      const message = result.reason && ownChangeLockMessage(result.reason, LOCKOUT.minutes);
      return { ok: false, message, fieldErrors: result.fieldErrors };
    }
    redirect("/profile?updated=1");
  },
});

/** Your sessions → Sign out: ends one of your own other sessions (a browser or an app). */
export const revokeOwnSessionAction = defineAction({
  schema: z.object({ sessionId: sessionIdField }),
  access: "staff",
  async run({ sessionId }, { user, meta }) {
    const result = await revokeSession(user.organizationId, { userId: user.id }, sessionId, { type: "user", id: user.id }, meta);
    revalidatePath("/profile");
    return result.ok ? { ok: true, message: SESSION_MESSAGES.revoked } : { ok: false, message: SESSION_MESSAGES.alreadyEnded };
  },
});

/** Your sessions → Sign out other sessions: every browser and app but this one. */
export const endOtherOwnSessionsAction = defineAction({
  schema: z.object({}),
  access: "staff",
  async run(_input, { user, meta }) {
    const { ended } = await endOtherSessions(user.organizationId, { userId: user.id }, user.sessionId, meta);
    revalidatePath("/profile");
    return { ok: true, message: SESSION_MESSAGES.othersEnded(ended) };
  },
});
