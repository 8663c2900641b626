import { Text } from "@react-email/components";
import { ActionLink, EmailLayout, SecretBlock, text } from "./_components/layout";

export type ContactWelcomeEmailProps = {
  name: string;
  organizationName: string;
  temporaryPassword: string;
  /** The storefront's sign-in page, built from APP_URL. */
  loginUrl: string;
  /** "48 hours". */
  validFor: string;
  /** Only when the organization's "include username in contact password emails" is on. */
  username?: string | null;
};

/**
 * A contact's first temporary password, sent when staff give them website access: the same
 * single-use, 48-hour password as a reset, worded as a welcome.
 */
export default function ContactWelcomeEmail({ name, organizationName, temporaryPassword, loginUrl, validFor, username }: ContactWelcomeEmailProps) {
  return (
    <EmailLayout
      organizationName={organizationName}
      title={`Welcome to the ${organizationName} storefront`}
      preview={`Your access to the ${organizationName} storefront: a temporary password valid for ${validFor}`}
      footer={`Not expecting this? ${organizationName} gave you access to their storefront from their Management Portal. If you do not know why, contact them before you sign in.`}
    >
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        {organizationName} has given you access to their online storefront, where you can see their catalogue and place
        orders. Sign in with this temporary password, then choose a password of your own.
      </Text>
      <SecretBlock label="Your temporary password:" value={temporaryPassword} kind="password" username={username} />
      <ActionLink href={loginUrl} label="Sign in to the storefront" />
      <Text style={text}>
        The temporary password is valid for {validFor} and signs you in once. You will then be asked to choose a
        new password: at least 8 characters, with at least one letter and one number.
        {username ? "" : ` ${organizationName} will tell you your username.`}
      </Text>
    </EmailLayout>
  );
}

ContactWelcomeEmail.PreviewProps = {
  name: "Bea Buyer",
  organizationName: "Demo Wholesale",
  temporaryPassword: "Kp7xR3mWq9Ta",
  loginUrl: "http://localhost:3000/store/demo/login",
  validFor: "48 hours",
  username: null,
} satisfies ContactWelcomeEmailProps;
