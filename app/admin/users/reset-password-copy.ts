/** The admin's Reset Password confirm step, the same from User Details' menu and a Users row. */
export const RESET_PASSWORD_CONFIRM = {
  title: (name: string) => `Reset ${name}'s password?`,
  body: (name: string, username: string) =>
    `${name} will get an email at ${username} with a link and a 6-digit code to choose a new password. Their current password keeps working until they do.`,
  button: "Reset Password",
  pending: "Sending email…",
};
