"use client";

import { contactChangePasswordAction } from "./actions";
import { Button } from "@/components/ui/button";
import { ContactPasswordRules } from "@/components/contact-password-rules";
import { ErrorSummary } from "@/components/error-summary";
import { NewPasswordPair } from "@/components/new-password-fields";
import { UsernameField } from "@/components/username-field";
import { useCheckedForm } from "@/components/use-checked-form";
import { checkContactPasswordPair } from "@/lib/web/form-checks";

export function StorefrontChangePasswordForm({ slug, username }: { slug: string; username: string }) {
  const { pending, fieldErrors, message, summaryRef, formProps } = useCheckedForm(contactChangePasswordAction, checkContactPasswordPair);
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <ErrorSummary ref={summaryRef} message={message} fieldErrors={fieldErrors} />
      <input type="hidden" name="org" value={slug} />
      {/* Visible and read-only: password managers file the new password under this account. */}
      <UsernameField value={username} readOnly required={false} className="[&_input]:bg-zinc-100" />
      <NewPasswordPair
        errors={fieldErrors}
        guideId="contact-password-rules"
        guide={(password) => <ContactPasswordRules id="contact-password-rules" password={password} />}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save New Password"}
      </Button>
    </form>
  );
}
