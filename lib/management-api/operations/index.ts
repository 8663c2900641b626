import "server-only";
import type { Operation } from "@/lib/management-api/operation";
import { listAuditEventsOp } from "@/lib/management-api/operations/audit";
import {
  createContact,
  getContact,
  listContacts,
  removeContactOp,
  sendContactTemporaryPassword,
  setContactWebsiteAccessOp,
  updateContact,
} from "@/lib/management-api/operations/contacts";
import { getImportOp, listImportResultOp, startImportOp } from "@/lib/management-api/operations/imports";
import { createRetailerOp, getRetailerOp, listRetailers, updateRetailerOp } from "@/lib/management-api/operations/retailers";
import {
  createUser,
  disableUserOp,
  enableUserOp,
  getUser,
  listUsers,
  listUserSessions,
  revokeUserSession,
  sendUserPasswordReset,
  signOutUserEverywhere,
  updateUser,
} from "@/lib/management-api/operations/users";

/** Every /api/v1 operation, in the order the reference lists them. Each has a route file under app/api/v1. */
export const OPERATIONS = [
  listUsers,
  createUser,
  getUser,
  updateUser,
  disableUserOp,
  enableUserOp,
  sendUserPasswordReset,
  signOutUserEverywhere,
  listUserSessions,
  revokeUserSession,
  listRetailers,
  createRetailerOp,
  getRetailerOp,
  updateRetailerOp,
  listContacts,
  createContact,
  getContact,
  updateContact,
  removeContactOp,
  sendContactTemporaryPassword,
  setContactWebsiteAccessOp,
  startImportOp,
  getImportOp,
  listImportResultOp,
  listAuditEventsOp,
] as unknown as Operation[];

export {
  createContact,
  createRetailerOp,
  createUser,
  disableUserOp,
  enableUserOp,
  getContact,
  getImportOp,
  getRetailerOp,
  getUser,
  listAuditEventsOp,
  listContacts,
  listImportResultOp,
  listRetailers,
  listUsers,
  listUserSessions,
  removeContactOp,
  revokeUserSession,
  sendContactTemporaryPassword,
  sendUserPasswordReset,
  setContactWebsiteAccessOp,
  signOutUserEverywhere,
  startImportOp,
  updateContact,
  updateRetailerOp,
  updateUser,
};
