"use client";

import { contactAccountPasswordAction } from "./actions";
import { Button } from "@/components/ui/button";
import { ContactPasswordRules } from "@/components/contact-password-rules";
import { ErrorSummary } from "@/components/error-summary";
import { NewPasswordPair } from "@/components/new-password-fields";
import { PasswordInput } from "@/components/password-input";
import { UsernameField } from "@/components/username-field";
import { useCheckedForm } from "@/components/use-checked-form";
import { checkContactPasswordPair, checkCurrentPassword } from "@/lib/web/form-checks";

/** A signed-in contact's own password change: existing, new, confirmation (the contact rules). */
export function AccountPasswordForm({ slug, username }: { slug: string; username: string }) {
  const { pending, fieldErrors, message, summaryRef, formProps } = useCheckedForm(contactAccountPasswordAction, (form) => ({
    currentPassword: checkCurrentPassword(form),
    ...checkContactPasswordPair(form),
  }));
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <ErrorSummary ref={summaryRef} message={message} fieldErrors={fieldErrors} />
      <input type="hidden" name="org" value={slug} />
      {/* Visible and read-only: password managers file the new password under this account. */}
      <UsernameField value={username} readOnly required={false} className="[&_input]:bg-zinc-100" />
      <PasswordInput
        label="Existing password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={fieldErrors?.currentPassword}
      />
      <NewPasswordPair
        errors={fieldErrors}
        guideId="contact-password-rules"
        guide={(password) => <ContactPasswordRules id="contact-password-rules" password={password} />}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Updating…" : "Update"}
        </Button>
      </div>
    </form>
  );
}
