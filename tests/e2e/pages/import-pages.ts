import type { Locator, Page } from "@playwright/test";

/** Import CSV: what the file holds, the file, "Upload and check". */
export class ImportUploadPage {
  readonly kind: Locator;
  readonly file: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.kind = page.getByLabel("The file holds");
    this.file = page.getByLabel("CSV file");
    this.submit = page.getByRole("button", { name: "Upload and check" });
  }

  async goto(kind: "contacts" | "staff" = "contacts") {
    await this.page.goto(`/admin/imports?kind=${kind}`);
  }

  async upload(name: string, content: string | Buffer, kind: "contacts" | "staff" = "contacts") {
    await this.kind.selectOption(kind);
    await this.file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8") });
    await this.submit.click();
  }
}

/** The preview: its counts, the problems table, and Confirm with the welcome emails (contacts) or invites (users) box. */
export class ImportPreviewPage {
  readonly sendWelcome: Locator;
  readonly sendInvites: Locator;
  readonly confirm: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.sendWelcome = page.getByLabel("Send welcome emails");
    this.sendInvites = page.getByLabel("Send invites");
    this.confirm = page.getByRole("button", { name: "Confirm import" });
    this.problems = page.getByRole("table", { name: "Rows with problems" });
  }

  count(label: string): Locator {
    return this.page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  }
}

/** The running import: its progress bar, then the result table and the result CSV. */
export class ImportProgressPage {
  readonly bar: Locator;
  readonly result: Locator;
  readonly download: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByRole("progressbar", { name: "Progress" });
    this.result = page.getByRole("table", { name: "Result of each row" });
    this.download = page.getByRole("link", { name: "Download the result CSV" });
  }

  async value(): Promise<number> {
    return Number(await this.bar.getAttribute("value"));
  }
}
