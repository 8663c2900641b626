import type { ReactNode } from "react";
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";

/**
 * The frame every email shares: preview text, a readable column, and the footer. `brand` heads
 * it: a contact's emails name the organization they buy from, staff emails the product.
 */
export function EmailLayout({
  preview,
  children,
  footer,
  brand = "Gatehouse",
}: {
  preview: string;
  children: ReactNode;
  footer?: ReactNode;
  brand?: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, padding: "32px", maxWidth: 520 }}>
          <Text style={{ fontSize: 14, fontWeight: 700, color: "#1e3a8a", margin: "0 0 16px" }}>{brand}</Text>
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
