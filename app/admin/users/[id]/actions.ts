"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/web/action";
import type { ActionState } from "@/lib/web/action-state";
import type { UserFormData } from "@/app/admin/users/user-form";
import { SESSION_MESSAGES } from "@/lib/copy/messages";
import { userIdField, userInputSchema } from "@/lib/web/schemas";
import { revokeSession } from "@/lib/sessions/records";
import { adminResetPassword, disableUser, editUser, enableUser, signOutEverywhere, type AdminResult } from "@/lib/staff/admin";

const REASON_MESSAGES: Record<string, string> = {
  username_taken: "Another user already has this username.",
  no_licence: "No licence is free. Increase your licence count on the Subscription page, or disable another user first.",
  own_account: "You cannot do that to your own account: it would lock you out of the console.",
  not_email: "This user's username is not an email address, so a reset cannot be emailed. Change the username to their email address first.",
  disabled: "This user is disabled. Enable them before resetting their password.",
};

function failure(result: Extract<AdminResult, { ok: false }>) {
  // Another organization's user (or a made-up id) answers 404, never a hint.
  if (result.reason === "not_found") notFound();
  return { ok: false, message: REASON_MESSAGES[result.reason] ?? "That did not work." };
}

export const editUserAction = defineAction({
  schema: userInputSchema.extend({ userId: userIdField }),
  access: "console",
  async run({ userId, ...input }, { user, meta }): Promise<ActionState<UserFormData>> {
    const result = await editUser({ id: user.id, organizationId: user.organizationId }, userId, input, meta);
    if (!result.ok) {
      if (result.reason === "username_taken") return { ok: false, fieldErrors: { username: REASON_MESSAGES.username_taken! } };
      return failure(result);
    }
    revalidatePath(`/admin/users/${userId}`);
    return { ok: true, message: "Changes saved." };
  },
});

const COMMANDS = ["reset", "signout", "disable", "enable"] as const;

/** User Details → More options: Reset Password, Sign out everywhere, Disable / Enable user. */
export const userCommandAction = defineAction({
  schema: z.object({ userId: userIdField, command: z.enum(COMMANDS, { error: "Unknown command." }) }),
  access: "console",
  async run({ userId, command }, { user, meta }) {
    const actor = { id: user.id, organizationId: user.organizationId };
    let message: string;
    switch (command) {
      case "reset": {
        const result = await adminResetPassword(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = result.suppressed
          ? `${result.email} has already received the most reset emails allowed this hour; try again later.`
          : `A password reset email with a link and a 6-digit code was sent to ${result.email}.`;
        break;
      }
      case "signout": {
        const result = await signOutEverywhere(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = "The user was signed out of every browser and app.";
        break;
      }
      case "disable": {
        const result = await disableUser(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = "The user is disabled: they are signed out everywhere and their licence is free.";
        break;
      }
      case "enable": {
        const result = await enableUser(actor, userId, meta);
        if (!result.ok) return failure(result);
        message = "The user is enabled again.";
        break;
      }
    }
    revalidatePath(`/admin/users/${userId}`);
    return { ok: true, message };
  },
});

/** User Details → Sessions → Sign out: ends one console session or app token of the user. */
export const revokeUserSessionAction = defineAction({
  schema: z.object({ userId: userIdField, sessionId: z.uuid("That session was not found.") }),
  access: "console",
  async run({ userId, sessionId }, { user, meta }) {
    const result = await revokeSession(user.organizationId, { userId }, sessionId, { type: "user", id: user.id }, meta);
    revalidatePath(`/admin/users/${userId}`);
    return result.ok ? { ok: true, message: SESSION_MESSAGES.revoked } : { ok: false, message: SESSION_MESSAGES.alreadyEnded };
  },
});
