import "server-only";
import { z } from "zod";
import { getContactDetails, searchContacts, type ContactDetails, type ContactListRow } from "@/lib/contacts/search";
import { addContact, editContact, removeContact, type ProvisioningFailure } from "@/lib/contacts/provisioning";
import { resetContactPasswordByStaff } from "@/lib/contacts/temporary-passwords";
import { setContactWebsiteAccess } from "@/lib/contacts/website-access";
import { defineOperation } from "@/lib/management-api/operation";
import { decodeCursor, pageOf } from "@/lib/management-api/pagination";
import { type ApiResult, badCursorProblem, json, noContent, problem } from "@/lib/management-api/problems";
import {
  contactListQuery,
  contactSchema,
  contactSummarySchema,
  createContactBody,
  createdContactSchema,
  idParams,
  listOf,
  temporaryPasswordSentSchema,
  updateContactBody,
  websiteAccessBody,
  websiteAccessSchema,
} from "@/lib/management-api/schemas";
import { API_V1_COPY } from "@/lib/copy/management-api";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function contactSummary(c: ContactListRow) {
  return { id: c.id, name: c.name, username: c.username, email: c.email, website_access: c.websiteAccess, retailer: { id: c.retailerId, name: c.retailerName } };
}

function contactOut(c: ContactDetails) {
  return {
    ...contactSummary(c),
    has_password: c.hasPassword,
    locked: c.locked,
    must_change_password: c.mustChangePassword,
    last_sign_in_at: iso(c.lastSignInAt),
    created_at: c.createdAt.toISOString(),
    temporary_password: { status: c.temporaryPassword.status, last_sent_at: iso(c.temporaryPassword.lastSentAt), expires_at: iso(c.temporaryPassword.expiresAt) },
  };
}

const notFound = () => problem(404, "not-found", API_V1_COPY.contactNotFound);

function refusal(reason: ProvisioningFailure): ApiResult {
  switch (reason) {
    case "not_found":
      return notFound();
    case "retailer_not_found":
      return problem(404, "not-found", API_V1_COPY.retailerNotFound);
    case "username_taken":
      return problem(409, "conflict", API_V1_COPY.contactUsernameTaken, { errors: [{ pointer: "#/username", detail: API_V1_COPY.contactUsernameTaken }] });
  }
}

const cursorKey = z.tuple([z.string(), z.string(), z.uuid()]);

export const listContacts = defineOperation({
  operationId: "listContacts",
  method: "get",
  path: "/contacts",
  tag: "Contacts",
  summary: "List contacts",
  description: "By retailer and name; removed contacts are left out.",
  scope: "read",
  query: contactListQuery,
  responses: { 200: { description: "A page of contacts.", schema: listOf(contactSummarySchema, "ContactList") } },
  async run({ actor, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
    if (after === null) return badCursorProblem();
    const { rows } = await searchContacts(actor.organizationId, query.q, {
      pageSize: query.limit + 1,
      retailerId: query.retailer_id,
      after: after ? { retailerName: after[0], name: after[1], id: after[2] } : undefined,
    });
    return json(200, pageOf(rows, query.limit, contactSummary, (c) => [c.retailerName, c.name, c.id]));
  },
});

export const createContact = defineOperation({
  operationId: "createContact",
  method: "post",
  path: "/contacts",
  tag: "Contacts",
  summary: "Create a contact",
  description: "Adds a contact to one of the organization's retailers; with website access they are emailed a welcome with a temporary password.",
  scope: "write",
  body: createContactBody,
  responses: { 201: { description: "The contact was created.", schema: createdContactSchema } },
  problems: [404, 409],
  async run({ actor, body, meta }) {
    const result = await addContact(actor, body.retailer_id, { name: body.name, username: body.username, email: body.email, websiteAccess: body.website_access }, meta);
    if (!result.ok) return refusal(result.reason);
    const contact = (await getContactDetails(actor.organizationId, result.contactId))!;
    return json(201, { contact: contactOut(contact), welcome: result.welcome }, { Location: `/api/v1/contacts/${result.contactId}` });
  },
});

export const getContact = defineOperation({
  operationId: "getContact",
  method: "get",
  path: "/contacts/{id}",
  tag: "Contacts",
  summary: "Get a contact",
  scope: "read",
  params: idParams,
  responses: { 200: { description: "The contact.", schema: contactSchema } },
  async run({ actor, params }) {
    const contact = await getContactDetails(actor.organizationId, params.id);
    return contact ? json(200, contactOut(contact)) : notFound();
  },
});

export const updateContact = defineOperation({
  operationId: "updateContact",
  method: "patch",
  path: "/contacts/{id}",
  tag: "Contacts",
  summary: "Update a contact",
  scope: "write",
  params: idParams,
  body: updateContactBody,
  responses: { 200: { description: "The contact as it now is.", schema: contactSchema } },
  problems: [409],
  async run({ actor, params, body, meta }) {
    const current = await getContactDetails(actor.organizationId, params.id);
    if (!current) return notFound();
    const result = await editContact(actor, params.id, { name: body.name ?? current.name, username: body.username ?? current.username, email: body.email ?? current.email }, meta);
    if (!result.ok) return refusal(result.reason);
    return json(200, contactOut((await getContactDetails(actor.organizationId, params.id))!));
  },
});

export const removeContactOp = defineOperation({
  operationId: "removeContact",
  method: "delete",
  path: "/contacts/{id}",
  tag: "Contacts",
  summary: "Remove a contact",
  description: "The contact loses website access and their sessions, and leaves every list; their history stays in the audit trail.",
  scope: "write",
  params: idParams,
  responses: { 204: { description: "The contact was removed." } },
  async run({ actor, params, meta }) {
    const result = await removeContact(actor, params.id, meta);
    return result.ok ? noContent : refusal(result.reason);
  },
});

export const sendContactTemporaryPassword = defineOperation({
  operationId: "sendContactTemporaryPassword",
  method: "post",
  path: "/contacts/{id}/temporary-password",
  tag: "Contacts",
  summary: "Send a temporary password",
  description: "The console's Reset Password: a temporary password is emailed to the contact and their old password stops working. It is never in an answer.",
  scope: "write",
  params: idParams,
  responses: { 202: { description: "The temporary password was emailed.", schema: temporaryPasswordSentSchema } },
  problems: [409],
  async run({ actor, params, meta }) {
    const result = await resetContactPasswordByStaff(actor.organizationId, params.id, { apiKeyId: actor.id, via: "api" }, meta);
    switch (result.status) {
      case "sent":
        return json(202, { status: "sent", email: result.email, expires_at: result.expiresAt.toISOString() });
      case "not_found":
        return notFound();
      case "no_website_access":
        return problem(409, "conflict", API_V1_COPY.noWebsiteAccess);
      case "suppressed":
        return problem(429, "rate-limited", API_V1_COPY.resetLimited, { headers: { "Retry-After": String(result.retryAfterSeconds) } });
    }
  },
});

export const setContactWebsiteAccessOp = defineOperation({
  operationId: "setContactWebsiteAccess",
  method: "put",
  path: "/contacts/{id}/website-access",
  tag: "Contacts",
  summary: "Turn website access on or off",
  description: "Off ends the contact's sessions and cancels a pending temporary password. On, for a contact without a password of their own, emails a welcome with a temporary password.",
  scope: "write",
  params: idParams,
  body: websiteAccessBody,
  responses: { 200: { description: "The contact's access as it now is.", schema: websiteAccessSchema } },
  async run({ actor, params, body, meta }) {
    const result = await setContactWebsiteAccess(actor.organizationId, params.id, body.enabled, { apiKeyId: actor.id }, meta);
    if (result.status === "not_found") return notFound();
    return json(200, { website_access: result.websiteAccess, welcome: result.welcome });
  },
});
