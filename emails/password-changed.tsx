import { Text } from "@react-email/components";
import { EmailLayout, text } from "./_components/layout";

export type PasswordChangedEmailProps = {
  name: string;
  changedAt: string;
  how: "reset" | "profile" | "invite";
};

const HOW: Record<PasswordChangedEmailProps["how"], string> = {
  reset: "with a password reset code",
  profile: "from Profile Settings",
  invite: "from your invitation",
};

/** Sent after every password change so the owner notices one they did not make. */
export default function PasswordChangedEmail({ name, changedAt, how }: PasswordChangedEmailProps) {
  return (
    <EmailLayout
      title="Your password was changed"
      preview="Your Gatehouse password was changed"
      footer="Didn't change it? Reset your password from the sign-in page straight away and tell your administrator."
    >
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        The password of your account was changed {HOW[how]} on {changedAt}. Every other session and app
        sign-in has been ended; sign in again with the new password.
      </Text>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  name: "Jane Doe",
  changedAt: "25 November 2026, 09:30 UTC",
  how: "reset",
} satisfies PasswordChangedEmailProps;
