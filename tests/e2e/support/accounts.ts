import type { DemoOrg } from "@/db/seed";

/**
 * Accounts only the end-to-end suite uses, in an organization of their own, so tests that
 * change passwords never disturb the demo accounts other tests sign in with (or Demo
 * Wholesale's licence count).
 */
export const E2E_ORG: DemoOrg = {
  name: "E2E Wholesale",
  slug: "e2e",
  licenceCount: 50,
  users: [
    { username: "recover-admin@e2e.test", displayName: "Rita Recover", userType: "admin", emailTo: "rita.other@e2e.test" },
    { username: "recover-device@e2e.test", displayName: "Dev Recover", userType: "device" },
    { username: "recover-scanpack@e2e.test", displayName: "Scan Recover", userType: "scanpack" },
    { username: "deeplink-device@e2e.test", displayName: "Deep Link", userType: "device" },
    { username: "nolink-dual@e2e.test", displayName: "No Link", userType: "dual" },
    { username: "profile-dual@e2e.test", displayName: "Pat Profile", userType: "dual" },
    { username: "meter-admin@e2e.test", displayName: "Meg Meter", userType: "admin" },
    { username: "api-device@e2e.test", displayName: "Andy Api", userType: "device" },
    { username: "api-signout@e2e.test", displayName: "Sid Signout", userType: "device" },
    { username: "settings-admin@e2e.test", displayName: "Sid Settings", userType: "admin" },
    { username: "nojs-device@e2e.test", displayName: "Nora Nojs", userType: "device" },
    { username: "session-device@e2e.test", displayName: "Sam Session", userType: "device" },
    { username: "session-admin@e2e.test", displayName: "Sia Sessions", userType: "admin" },
    { username: "provision-admin@e2e.test", displayName: "Pia Provision", userType: "admin" },
  ],
  retailers: [
    {
      name: "E2E Retail",
      contacts: [
        { name: "Erin Example", email: "erin@e2e-retail.test", username: "e2e-buyer" },
        { name: "Sol Session", email: "sol@e2e-retail.test", username: "e2e-session-buyer" },
      ],
    },
  ],
};
