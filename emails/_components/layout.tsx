import type { ReactNode } from "react";
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

/**
 * The one frame every email shares: preview text, the heading (the organization's name above
 * the message's title), the body, and the footer. A contact never heard of Gatehouse, so their
 * emails name only the organization they buy from; an email with no organization names the product.
 */
export function EmailLayout({
  preview,
  title,
  children,
  footer,
  organizationName = "Gatehouse",
}: {
  preview: string;
  /** The message's own heading, e.g. "Your temporary password". */
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  organizationName?: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, padding: "32px", maxWidth: 520 }}>
          <Section>
            <Text style={{ fontSize: 14, fontWeight: 700, color: "#1e3a8a", margin: "0 0 16px" }}>{organizationName}</Text>
            <Heading as="h1" style={{ fontSize: 22, margin: "0 0 12px" }}>
              {title}
            </Heading>
          </Section>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0" }} />
          <Section>
            <Text style={{ fontSize: 12, color: "#71717a", margin: 0 }}>
              {footer ?? "Didn't ask for this? You can ignore this email; nothing changes until someone uses it."}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const text = { fontSize: 15, lineHeight: "24px", color: "#18181b" } as const;

/** A 6-digit code is set wider than a temporary password, so its digits can be read out one by one. */
const SECRET_STYLE = { code: { fontSize: 34, letterSpacing: "8px" }, password: { fontSize: 30, letterSpacing: "4px" } } as const;

/** The code or temporary password, large and monospaced, with the username when the email may carry it. */
export function SecretBlock({ label, value, kind, username }: { label: string; value: string; kind: keyof typeof SECRET_STYLE; username?: string | null }) {
  return (
    <Section style={{ textAlign: "center", margin: "24px 0" }}>
      <Text style={{ fontSize: 13, color: "#52525b", margin: "0 0 4px" }}>{label}</Text>
      <Text style={{ ...SECRET_STYLE[kind], fontWeight: 700, margin: 0, fontFamily: "monospace" }}>{value}</Text>
      {username ? (
        <Text style={{ fontSize: 14, color: "#3f3f46", margin: "12px 0 0" }}>
          Username: <strong>{username}</strong>
        </Text>
      ) : null}
    </Section>
  );
}

/** The message's one button, and its address written out for mail clients that hide buttons. */
export function ActionLink({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ textAlign: "center", margin: "0 0 16px" }}>
        <Button href={href} style={{ backgroundColor: "#1e40af", color: "#ffffff", padding: "12px 20px", borderRadius: 6, fontWeight: 600 }}>
          {label}
        </Button>
      </Section>
      <Text style={{ ...text, fontSize: 13 }}>
        Or paste this link into your browser: <Link href={href}>{href}</Link>
      </Text>
    </>
  );
}
