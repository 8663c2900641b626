import { Text } from "@react-email/components";
import { ActionLink, EmailLayout, SecretBlock, text } from "./_components/layout";

export type PasswordResetEmailProps = {
  name: string;
  purpose: "reset" | "invite";
  url: string;
  code: string;
  /** "10 minutes", "48 hours". */
  validFor: string;
  organizationName: string;
};

/** The link + 6-digit code message, for a reset and for a new user's invite. */
export default function PasswordResetEmail({ name, purpose, url, code, validFor, organizationName }: PasswordResetEmailProps) {
  const invite = purpose === "invite";
  const title = invite ? "Create your Gatehouse password" : "Reset your Gatehouse password";
  return (
    <EmailLayout
      organizationName={organizationName}
      title={title}
      preview={`${title}: your code is ${code}`}
      footer={
        invite
          ? `Not expecting an account at ${organizationName}? Ignore this email; no password is set until someone uses this code.`
          : "Didn't ask for this? Ignore this email: your password stays the same unless someone enters this code. If it keeps happening, tell your administrator."
      }
    >
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        {invite
          ? `An administrator at ${organizationName} created an account for you. Open the page below and enter this code to choose your password.`
          : "We received a request to reset the password of your account. Open the page below and enter this code with your new password."}
      </Text>
      <SecretBlock label="Your code" value={code} kind="code" />
      <ActionLink href={url} label={invite ? "Create password" : "Reset password"} />
      <Text style={text}>
        The link and code stay active for {validFor} and work once. A newer request replaces this one.
      </Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  name: "Jane Doe",
  purpose: "reset",
  url: "http://localhost:3000/reset-password?token=preview-token",
  code: "042917",
  validFor: "10 minutes",
  organizationName: "Demo Wholesale",
} satisfies PasswordResetEmailProps;
