/** Sentences shown in more than one place (the login page and its actions). */
export const NOT_EMAIL_MESSAGE =
  "Your username is not an email address, so a reset code cannot be emailed to you. Ask your admin to change your username to your email address.";
