import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, text } from "./_components/layout";

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
      brand={organizationName}
      preview={`Your access to the ${organizationName} storefront: a temporary password valid for ${validFor}`}
      footer={`Not expecting this? ${organizationName} gave you access to their storefront from their Management Portal. If you do not know why, contact them before you sign in.`}
    >
      <Heading as="h1" style={{ fontSize: 22, margin: "0 0 12px" }}>
        Welcome to the {organizationName} storefront
      </Heading>
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        {organizationName} has given you access to their online storefront, where you can see their catalogue and place
        orders. Sign in with this temporary password, then choose a password of your own.
      </Text>
      <Section style={{ textAlign: "center", margin: "24px 0" }}>
        <Text style={{ fontSize: 13, color: "#52525b", margin: "0 0 4px" }}>Your temporary password:</Text>
        <Text style={{ fontSize: 30, fontWeight: 700, letterSpacing: "4px", margin: 0, fontFamily: "monospace" }}>
          {temporaryPassword}
        </Text>
        {username ? (
          <Text style={{ fontSize: 14, color: "#3f3f46", margin: "12px 0 0" }}>
            Username: <strong>{username}</strong>
          </Text>
        ) : null}
      </Section>
      <Section style={{ textAlign: "center", margin: "0 0 16px" }}>
        <Button
          href={loginUrl}
          style={{ backgroundColor: "#1e40af", color: "#ffffff", padding: "12px 20px", borderRadius: 6, fontWeight: 600 }}
        >
          Sign in to the storefront
        </Button>
      </Section>
      <Text style={{ ...text, fontSize: 13 }}>
        Or paste this link into your browser: <Link href={loginUrl}>{loginUrl}</Link>
      </Text>
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
