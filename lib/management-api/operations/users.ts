import "server-only";
import { z } from "zod";
import { addUser, adminResetPassword, disableUser, editUser, enableUser, getUserDetails, searchUsers, signOutEverywhere, type AdminResult, type UserDetails, type UserListRow } from "@/lib/staff/admin";
import { listLiveSessions, revokeSession, type SessionListRow } from "@/lib/sessions/records";
import { defineOperation } from "@/lib/management-api/operation";
import { decodeCursor, pageOf } from "@/lib/management-api/pagination";
import { type ApiResult, badCursorProblem, json, noContent, problem } from "@/lib/management-api/problems";
import {
  createdUserSchema,
  createUserBody,
  idParams,
  listOf,
  passwordResetSchema,
  sessionListSchema,
  sessionParams,
  updateUserBody,
  userListQuery,
  userSchema,
  userSummarySchema,
} from "@/lib/management-api/schemas";
import { API_V1_COPY } from "@/lib/copy/management-api";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function userSummary(u: UserListRow) {
  return {
    id: u.id,
    display_name: u.displayName,
    username: u.username,
    type: u.userType,
    status: u.status,
    last_sign_in_at: iso(u.lastSignInAt),
    password_changed_at: iso(u.passwordChangedAt),
  };
}

function userBody(u: UserDetails) {
  return {
    ...userSummary(u),
    email_to: u.emailTo,
    has_password: u.hasPassword,
    locked_until: iso(u.lockedUntil),
    created_at: u.createdAt.toISOString(),
  };
}

function sessionBody(s: SessionListRow) {
  return {
    id: s.id,
    via: s.via,
    ip: s.ip,
    user_agent: s.userAgent,
    started_at: s.startedAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    expires_at: s.expiresAt.toISOString(),
  };
}

const notFound = () => problem(404, "not-found", API_V1_COPY.userNotFound);
const USER_AS_IT_IS = "The user as it now is.";

/** A console verb's refusal as the API's problem. */
function refusal(reason: Extract<AdminResult, { ok: false }>["reason"]): ApiResult {
  switch (reason) {
    case "not_found":
      return notFound();
    case "username_taken":
      return problem(409, "conflict", API_V1_COPY.usernameTaken, { errors: [{ pointer: "#/username", detail: API_V1_COPY.usernameTaken }] });
    case "no_licence":
      return problem(409, "no-licence", API_V1_COPY.noLicence);
    case "not_email":
      return problem(409, "conflict", API_V1_COPY.notEmail);
    case "disabled":
      return problem(409, "conflict", API_V1_COPY.userDisabled);
    case "own_account":
      return problem(409, "conflict", API_V1_COPY.ownAccount);
  }
}

const cursorKey = z.tuple([z.string(), z.uuid()]);

export const listUsers = defineOperation({
  operationId: "listUsers",
  method: "get",
  path: "/users",
  tag: "Users",
  summary: "List users",
  description: "The organization's staff users by name, filtered by a search and a user type.",
  scope: "read",
  query: userListQuery,
  responses: { 200: { description: "A page of users.", schema: listOf(userSummarySchema, "UserList") } },
  async run({ actor, query }) {
    const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
    if (after === null) return badCursorProblem();
    const { rows } = await searchUsers(actor.organizationId, {
      q: query.q,
      type: query.type,
      pageSize: query.limit + 1,
      after: after ? { displayName: after[0], id: after[1] } : undefined,
    });
    return json(200, pageOf(rows, query.limit, userSummary, (u) => [u.displayName, u.id]));
  },
});

export const createUser = defineOperation({
  operationId: "createUser",
  method: "post",
  path: "/users",
  tag: "Users",
  summary: "Create a user",
  description: "Needs a free licence. A username that is an email address gets an invite to create a password.",
  scope: "write",
  body: createUserBody,
  responses: { 201: { description: "The user was created.", schema: createdUserSchema } },
  problems: [409],
  async run({ actor, body, meta }) {
    const result = await addUser(actor, { displayName: body.display_name, username: body.username, emailTo: body.email_to, userType: body.type }, meta);
    if (!result.ok) return refusal(result.reason);
    const user = (await getUserDetails(actor.organizationId, result.userId))!;
    return json(201, { user: userBody(user), invite_sent: result.invited }, { Location: `/api/v1/users/${result.userId}` });
  },
});

export const getUser = defineOperation({
  operationId: "getUser",
  method: "get",
  path: "/users/{id}",
  tag: "Users",
  summary: "Get a user",
  scope: "read",
  params: idParams,
  responses: { 200: { description: "The user.", schema: userSchema } },
  async run({ actor, params }) {
    const user = await getUserDetails(actor.organizationId, params.id);
    return user ? json(200, userBody(user)) : notFound();
  },
});

export const updateUser = defineOperation({
  operationId: "updateUser",
  method: "patch",
  path: "/users/{id}",
  tag: "Users",
  summary: "Update a user",
  description: "A new username or user type ends the user's sessions and voids open resets and invites.",
  scope: "write",
  params: idParams,
  body: updateUserBody,
  responses: { 200: { description: USER_AS_IT_IS, schema: userSchema } },
  problems: [409],
  async run({ actor, params, body, meta }) {
    const current = await getUserDetails(actor.organizationId, params.id);
    if (!current) return notFound();
    const result = await editUser(
      actor,
      params.id,
      {
        displayName: body.display_name ?? current.displayName,
        username: body.username ?? current.username,
        emailTo: body.email_to === undefined ? current.emailTo : body.email_to,
        userType: body.type ?? current.userType,
      },
      meta,
    );
    if (!result.ok) return refusal(result.reason);
    return json(200, userBody((await getUserDetails(actor.organizationId, params.id))!));
  },
});

function statusOperation(which: "disable" | "enable") {
  return defineOperation({
    operationId: which === "disable" ? "disableUser" : "enableUser",
    method: "post",
    path: `/users/{id}/${which}`,
    tag: "Users",
    summary: which === "disable" ? "Disable a user" : "Enable a user",
    description:
      which === "disable"
        ? "The user cannot sign in anywhere, loses every session, app token and open reset, and frees a licence."
        : "Needs a free licence. Sends nothing: send a password reset if the user needs one.",
    scope: "write",
    params: idParams,
    responses: { 200: { description: USER_AS_IT_IS, schema: userSchema } },
    problems: which === "enable" ? [409] : [],
    async run({ actor, params, meta }) {
      const result = await (which === "disable" ? disableUser : enableUser)(actor, params.id, meta);
      if (!result.ok) return refusal(result.reason);
      return json(200, userBody((await getUserDetails(actor.organizationId, params.id))!));
    },
  });
}

export const disableUserOp = statusOperation("disable");
export const enableUserOp = statusOperation("enable");

export const sendUserPasswordReset = defineOperation({
  operationId: "sendUserPasswordReset",
  method: "post",
  path: "/users/{id}/password-reset",
  tag: "Users",
  summary: "Send a password reset",
  description: "Emails a link and a 6-digit code to the username, as the console's Reset Password does. Neither is ever in an answer.",
  scope: "write",
  params: idParams,
  responses: { 202: { description: "The email was sent, or withheld by the hourly limit.", schema: passwordResetSchema } },
  problems: [409],
  async run({ actor, params, meta }) {
    const result = await adminResetPassword(actor, params.id, meta);
    if (!result.ok) return refusal(result.reason);
    return json(202, { status: result.suppressed ? "suppressed" : "sent", email: result.email });
  },
});

export const signOutUserEverywhere = defineOperation({
  operationId: "signOutUserEverywhere",
  method: "post",
  path: "/users/{id}/sign-out-everywhere",
  tag: "Users",
  summary: "Sign out everywhere",
  description: "Ends every console session and app token of the user.",
  scope: "write",
  params: idParams,
  responses: { 204: { description: "Every session ended." } },
  async run({ actor, params, meta }) {
    const result = await signOutEverywhere(actor, params.id, meta);
    return result.ok ? noContent : refusal(result.reason);
  },
});

export const listUserSessions = defineOperation({
  operationId: "listUserSessions",
  method: "get",
  path: "/users/{id}/sessions",
  tag: "Users",
  summary: "List a user's sessions",
  description: "Live console browsers and app tokens, most recently used first.",
  scope: "read",
  params: idParams,
  responses: { 200: { description: "The user's live sessions.", schema: sessionListSchema } },
  async run({ actor, params }) {
    if (!(await getUserDetails(actor.organizationId, params.id))) return notFound();
    const rows = await listLiveSessions(actor.organizationId, { userId: params.id });
    return json(200, { data: rows.map(sessionBody) });
  },
});

export const revokeUserSession = defineOperation({
  operationId: "revokeUserSession",
  method: "delete",
  path: "/users/{id}/sessions/{session_id}",
  tag: "Users",
  summary: "Revoke one session",
  scope: "write",
  params: sessionParams,
  responses: { 204: { description: "The session ended." } },
  async run({ actor, params, meta }) {
    const result = await revokeSession(actor.organizationId, { userId: params.id }, params.session_id, { type: "api_key", id: actor.id }, meta);
    return result.ok ? noContent : problem(404, "not-found", API_V1_COPY.sessionNotFound);
  },
});
