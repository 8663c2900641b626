import type { DemoOrg } from "@/lib/infra/demo-accounts";

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
    { username: "cancel-dual@e2e.test", displayName: "Cam Cancel", userType: "dual" },
    { username: "csrf-device@e2e.test", displayName: "Cy Csrf", userType: "device" },
    { username: "keep-admin@e2e.test", displayName: "Kim Keep", userType: "admin" },
    { username: "keep-profile@e2e.test", displayName: "Kai Keep", userType: "device" },
    { username: "focus-admin@e2e.test", displayName: "Fern Focus", userType: "admin" },
    { username: "focus-target@e2e.test", displayName: "Fran Target", userType: "device" },
    { username: "quiet-device@e2e.test", displayName: "Quinn Quiet", userType: "device" },
    { username: "row-reset@e2e.test", displayName: "Rory Row", userType: "device" },
    { username: "provision-admin@e2e.test", displayName: "Pia Provision", userType: "admin" },
    { username: "menu-admin@e2e.test", displayName: "Mae Menu", userType: "admin" },
    { username: "import-admin@e2e.test", displayName: "Ira Import", userType: "admin" },
    { username: "apikey-admin@e2e.test", displayName: "Kit Keys", userType: "admin" },
  ],
  retailers: [
    {
      name: "E2E Retail",
      contacts: [
        { name: "Erin Example", email: "erin@e2e-retail.test", username: "e2e-buyer" },
        { name: "Sol Session", email: "sol@e2e-retail.test", username: "e2e-session-buyer" },
        { name: "Ava Account", email: "ava@e2e-retail.test", username: "e2e-account-buyer" },
        { name: "Fay Focus", email: "fay@e2e-retail.test", username: "e2e-focus-buyer" },
        { name: "Nia Notnow", email: "nia@e2e-retail.test", username: "e2e-notnow-buyer" },
      ],
    },
  ],
};
