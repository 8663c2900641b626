import { createElement, type FunctionComponent } from "react";
import { render } from "@react-email/components";
import { describe, expect, it } from "vitest";
import ContactWelcomeEmail from "@/emails/contact-welcome";
import ContactTemporaryPasswordEmail from "@/emails/contact-temporary-password";
import PasswordResetEmail from "@/emails/password-reset";
import PasswordChangedEmail from "@/emails/password-changed";
import ContactPasswordChangedEmail from "@/emails/contact-password-changed";

/** A template rendered with its own PreviewProps, some of them overridden. */
const html = <P extends object>(t: FunctionComponent<P> & { PreviewProps: NoInfer<P> }, props: Partial<P> = {}) => render(createElement(t, { ...t.PreviewProps, ...props }));

/** The shared layout's heading: the organization's line, then the message's own h1. */
const heading = (page: string) => /<p[^>]*>([^<]*)<\/p>\s*<h1[^>]*>([^<]*)<\/h1>/.exec(page)?.slice(1, 3);

describe("every email shares one layout: the organization's name above the title, the body, the footer", () => {
  it("the contact welcome, the contact temporary password and the staff reset head with the organization's name", async () => {
    const org = "Harbour & Sons";
    const welcome = await html(ContactWelcomeEmail, { organizationName: org });
    const temporary = await html(ContactTemporaryPasswordEmail, { organizationName: org });
    const reset = await html(PasswordResetEmail, { organizationName: org });
    expect(heading(welcome)).toEqual(["Harbour &amp; Sons", "Welcome to the Harbour &amp; Sons storefront"]);
    expect(heading(temporary)).toEqual(["Harbour &amp; Sons", "Your temporary password"]);
    expect(heading(reset)).toEqual(["Harbour &amp; Sons", "Reset your Gatehouse password"]);
    // One footer rule and one button each, from the layout's parts, and the secret set large.
    for (const page of [welcome, temporary, reset]) {
      expect(page.match(/<hr/g)).toHaveLength(1);
      expect(page).toContain("Or paste this link into your browser:");
      expect(page).toMatch(/font-family:monospace/);
    }
    // A contact has never heard of the product.
    expect(welcome).not.toContain("Gatehouse");
    expect(temporary).not.toContain("Gatehouse");
  });

  it("the username appears only when the email may carry it", async () => {
    expect(await html(ContactWelcomeEmail, { username: "bea.b" })).toContain("bea.b");
    expect(await html(ContactTemporaryPasswordEmail, { username: null })).not.toContain("Username:");
  });

  it("the password-changed emails use it too; without an organization the product's name heads it", async () => {
    expect(heading(await html(PasswordChangedEmail))).toEqual(["Gatehouse", "Your password was changed"]);
    expect(heading(await html(ContactPasswordChangedEmail))).toEqual(["Demo Wholesale", "Your storefront password was changed"]);
  });
});
