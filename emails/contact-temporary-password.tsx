import { Text } from "@react-email/components";
import { ActionLink, EmailLayout, SecretBlock, text } from "./_components/layout";

export type ContactTemporaryPasswordEmailProps = {
  name: string;
  organizationName: string;
  temporaryPassword: string;
  /** The storefront's sign-in page, built from APP_URL. */
  loginUrl: string;
  /** "48 hours". */
  validFor: string;
  /** Only when the organization's "include username in contact password emails" is on. */
  username?: string | null;
  /** "contact": Forgot Your Password (the old password still works); "staff": a reset by the company. */
  requestedBy: "contact" | "staff";
};

/** A contact's temporary storefront password, shown large, with the sign-in link. */
export default function ContactTemporaryPasswordEmail({
  name,
  organizationName,
  temporaryPassword,
  loginUrl,
  validFor,
  username,
  requestedBy,
}: ContactTemporaryPasswordEmailProps) {
  const bySelf = requestedBy === "contact";
  return (
    <EmailLayout
      organizationName={organizationName}
      title="Your temporary password"
      preview={`Your temporary password for the ${organizationName} storefront, valid for ${validFor}`}
      footer={
        bySelf
          ? `Didn't ask for this? Ignore this email: your current password keeps working and this temporary one expires in ${validFor}. If it keeps happening, tell ${organizationName}.`
          : `Didn't ask for this? ${organizationName} reset your password from their Management Portal. If you did not expect it, contact them before you sign in.`
      }
    >
      <Text style={text}>Hello {name},</Text>
      <Text style={text}>
        {bySelf
          ? `You asked for a temporary password for the ${organizationName} storefront. Your current password keeps working: whichever of the two you sign in with, the other stops working.`
          : `${organizationName} has reset your password for their storefront. Your previous password no longer works; sign in with this temporary one.`}
      </Text>
      <SecretBlock label="Your temporary password:" value={temporaryPassword} kind="password" username={username} />
      <ActionLink href={loginUrl} label="Sign in to the storefront" />
      <Text style={text}>
        The temporary password is valid for {validFor} and signs you in once. You will then be asked to choose a
        new password: at least 8 characters, with at least one letter and one number.
        {username ? "" : " Sign in with your usual username."}
      </Text>
    </EmailLayout>
  );
}

ContactTemporaryPasswordEmail.PreviewProps = {
  name: "Bea Buyer",
  organizationName: "Demo Wholesale",
  temporaryPassword: "Kp7xR3mWq9Ta",
  loginUrl: "http://localhost:3000/store/demo/login",
  validFor: "48 hours",
  username: null,
  requestedBy: "contact",
} satisfies ContactTemporaryPasswordEmailProps;
