"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import { USER_COPY, USER_REASON_COPY } from "@/lib/copy/users";
import type { ActionState } from "@/lib/web/action-state";
import type { UserFormData } from "@/app/admin/users/user-form";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { sessionIdField, userIdField, userInputSchema } from "@/lib/web/schemas";
import { revokeSession } from "@/lib/sessions/records";
import { adminResetPassword, disableUser, editUser, enableUser, signOutEverywhere, type AdminResult } from "@/lib/staff/admin";

function failure(result: Extract<AdminResult, { ok: false }>) {
  // Another organization's user (or a made-up id) answers 404, never a hint.
  if (result.reason === "not_found") notFound();
  return { ok: false, message: USER_REASON_COPY[result.reason] };
}

export const editUserAction = defineAction({
  schema: userInputSchema.extend({ userId: userIdField }),
  access: "console",
  async run({ userId, ...input }, { user, meta }): Promise<ActionState<UserFormData>> {
    const result = await editUser({ id: user.id, organizationId: user.organizationId }, userId, input, meta);
    if (!result.ok) {
      if (result.reason === "username_taken") return { ok: false, fieldErrors: { username: USER_REASON_COPY.username_taken } };
      return failure(result);
    }
    revalidatePath(`/admin/users/${userId}`);
    return { ok: true, message: USER_COPY.saved };
  },
});

const COMMANDS = ["reset", "signout", "disable", "enable"] as const;

/** User Details → More options: Reset Password, Sign out everywhere, Disable / Enable user. */
export const userCommandAction = defineAction({
  schema: z.object({ userId: userIdField, command: z.enum(COMMANDS, { error: USER_COPY.unknownCommand }) }),
  access: "console",
  async run({ userId, command }, { user, meta }) {
    const actor = { id: user.id, organizationId: user.organizationId };
    let message: string;
    switch (command) {
      case "reset": {
        const result = await adminResetPassword(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = result.suppressed ? USER_COPY.resetSuppressed(result.email) : USER_COPY.resetSent(result.email);
        break;
      }
      case "signout": {
        const result = await signOutEverywhere(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = USER_COPY.signedOutEverywhere;
        break;
      }
      case "disable": {
        const result = await disableUser(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = USER_COPY.disabled;
        break;
      }
      case "enable": {
        const result = await enableUser(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = USER_COPY.enabled;
        break;
      }
    }
    revalidatePath(`/admin/users/${userId}`);
    return { ok: true, message };
  },
});

/** User Details → Sessions → Sign out: ends one console session or app token of the user. */
export const revokeUserSessionAction = defineAction({
  schema: z.object({ userId: userIdField, sessionId: sessionIdField }),
  access: "console",
  async run({ userId, sessionId }, { user, meta }) {
    const result = await revokeSession(user.organizationId, { userId }, sessionId, { type: "user", id: user.id }, meta);
    revalidatePath(`/admin/users/${userId}`);
    return result.ok ? { ok: true, message: SESSION_MESSAGES.revoked } : { ok: false, message: SESSION_MESSAGES.alreadyEnded };
  },
});
