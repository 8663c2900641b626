/** What the management API (/api/v1) and its keys' Settings section say. */

export const API_KEY_COPY = {
  enterName: "Enter a name for the key, such as the system that will use it.",
  nameTooLong: (max: number) => `A key's name has at most ${max} characters.`,
  chooseAccess: "Choose read only, or read and write.",
  notADate: "Enter the expiry as a date, or leave it empty.",
  dateInPast: "Choose an expiry date after today.",
  tooManyKeys: (max: number) => `This organization already has ${max} active keys. Revoke one you no longer use first.`,
  created: "Key created. Copy it now: it will not be shown again.",
  revoked: (name: string) => `${name} is revoked. Requests with it are refused from now on.`,
  noSuchKey: "That key no longer exists.",
  /** How Activity names an event a key caused. */
  actorLabel: (name: string) => `${name} (API key)`,
} as const;

/** Each problem's title (RFC 9457): one short summary per problem type, the same for every occurrence. */
export const PROBLEM_TITLES = {
  unauthorized: "Authentication required",
  forbidden: "Not allowed with this key",
  "not-found": "Not found",
  "invalid-request": "The request is not valid",
  "invalid-json": "The request body is not JSON",
  "unsupported-media-type": "Unsupported media type",
  "body-too-large": "Request body too large",
  "rate-limited": "Too many requests",
  "idempotency-key-reused": "Idempotency key used for another request",
  "idempotency-key-in-use": "A request with this idempotency key is still running",
  conflict: "Conflict",
  "no-licence": "No free licence",
  unavailable: "Service unavailable",
  "internal-error": "Internal error",
  "method-not-allowed": "Method not allowed",
} as const;

export const API_V1_COPY = {
  missingKey: "Send an API key: Authorization: Bearer gh_live_… (an organization's admins make keys under Settings → API keys).",
  unknownKey: "This API key is not valid.",
  revokedKey: "This API key was revoked.",
  expiredKey: "This API key has expired.",
  readOnlyKey: "This key is read only; this request needs a key with write access.",
  rateLimited: (seconds: number) => `This key has made too many requests. Try again in ${seconds} seconds.`,
  idempotencyReused: "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
  idempotencyInUse: "A request with this Idempotency-Key is still being processed. Retry once it has finished.",
  badIdempotencyKey: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
  badCursor: "This cursor is not one the API returned. Start again without it.",
  limitNotNumber: "Send limit as a whole number.",
  limitRange: (max: number) => `limit is from 1 to ${max}.`,
  userNotFound: "No such user.",
  retailerNotFound: "No such retailer.",
  contactNotFound: "No such contact.",
  sessionNotFound: "No such session.",
  usernameTaken: "A user with this username already exists.",
  contactUsernameTaken: "A contact with this username already exists in this organization.",
  noLicence: "Every licence is in use. Add licences or disable a user first.",
  notEmail: "This user's username is not an email address, so no reset email can be sent.",
  userDisabled: "This user is disabled. Enable them first.",
  ownAccount: "This change would lock the acting account out of the console.",
  noWebsiteAccess: "This contact has no website access. Turn it on first.",
  resetLimited: "This account has been sent the most reset emails allowed this hour.",
  noSuchResource: "Nothing exists at this address.",
  methodNotAllowed: "This method is not allowed on this resource.",
} as const;
