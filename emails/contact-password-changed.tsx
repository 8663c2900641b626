import { Link, Text } from "@react-email/components";
import { EmailLayout, text } from "./_components/layout";

export type ContactPasswordChangedEmailProps = {
  name: string;
  organizationName: string;
  changedAt: string;
  /** The storefront's Forgot Your Password page, built from APP_URL. */
  forgotUrl: string;
};

/** Sent after a contact saves a new storefront password, so they notice one they did not make. */
export default function ContactPasswordChangedEmail({ name, organizationName, changedAt, forgotUrl }: ContactPasswordChangedEmailProps) {
  return (
    <EmailLayout
      organizationName={organizationName}
      title="Your storefront password was changed"
      preview={`Your ${organizationName} storefront password was changed`}
      footer={`Didn't change it? Ask for a temporary password straight away and tell ${organizationName}.`}
    >
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        The password you use on the {organizationName} storefront was changed on {changedAt}. Any other browser
        signed in to your account has been signed out.
      </Text>
      <Text style={{ ...text, fontSize: 13 }}>
        Not you? Use Forgot Your Password: <Link href={forgotUrl}>{forgotUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

ContactPasswordChangedEmail.PreviewProps = {
  name: "Bea Buyer",
  organizationName: "Demo Wholesale",
  changedAt: "2026-11-25 09:30 UTC",
  forgotUrl: "http://localhost:3000/store/demo/forgot-password",
} satisfies ContactPasswordChangedEmailProps;
