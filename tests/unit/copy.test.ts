import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { readProject, type SourceFile } from "../helpers/import-graph";
import { LOCKOUT_COPY, SIGN_IN_COPY, staffSignInMessage } from "@/lib/copy/sign-in";

const root = path.resolve(import.meta.dirname, "../..");

/** Sentences written in a file: string and template literals and JSX text that read as one. */
function sentences(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join("");
    else if (ts.isJsxText(node)) text = node.text.replace(/\s+/g, " ").trim();
    if (text && /^[A-Z…]/.test(text) && / \S+ /.test(text) && /[.!?]$/.test(text) && text.length >= 20) out.push(text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe("copy", () => {
  it("writes each sentence once in app/, components/ and lib/", () => {
    const where = new Map<string, string[]>();
    for (const file of readProject(root)) {
      if (!/^(app|components|lib)\//.test(file.path)) continue;
      for (const s of sentences(file)) where.set(s, [...(where.get(s) ?? []), file.path]);
    }
    expect(where.size).toBeGreaterThan(100);
    const repeated = [...where].filter(([, files]) => files.length > 1).map(([s, files]) => `${s} (${files.join(", ")})`);
    expect(repeated).toEqual([]);
  });

  it("finds a repeated sentence (the check above can fail)", () => {
    const file = { path: "app/x.tsx", text: `const a = "The username or password is incorrect.";\nconst b = <p>The username or password is incorrect.</p>;` };
    expect(sentences(file)).toEqual(["The username or password is incorrect.", "The username or password is incorrect."]);
  });

  // The sentences built from parts read exactly as they did when each was written out in full.
  it("says the lock-out as before on every path", () => {
    expect(LOCKOUT_COPY.signIn(15)).toBe("This account is locked for 15 minutes after too many wrong passwords. Try again later or reset your password.");
    expect(LOCKOUT_COPY.storefront(15)).toBe("This account is locked for 15 minutes after too many wrong passwords. Try again later.");
    expect(LOCKOUT_COPY.passwordChange(15)).toBe("Your account is locked for 15 minutes after too many wrong passwords. Try again later.");
    expect(LOCKOUT_COPY.passwordChangeLocking(15)).toBe("Too many wrong passwords: your account is locked for 15 minutes.");
    expect(staffSignInMessage("locked", 15)).toBe(LOCKOUT_COPY.signIn(15));
    expect(staffSignInMessage("rate_limited", 15)).toBe("Too many sign-in attempts from your network. Wait a few minutes and try again.");
    expect(staffSignInMessage("invalid", 15)).toBe(SIGN_IN_COPY.incorrect);
  });
});
