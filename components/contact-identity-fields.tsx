import { TextField } from "@/components/ui/text-field";
import { MAX_EMAIL_LENGTH, MAX_USERNAME_LENGTH } from "@/lib/web/schemas";

type Values = { name?: string; username?: string; email?: string };

/**
 * A contact's name, username and email, as Add contact and Edit details ask for them. The
 * hints are the add form's; editing shows its own note about what a change ends.
 */
export function ContactIdentityFields({
  values,
  errors,
  hints = {},
}: {
  values: Values;
  errors: Record<string, string | undefined>;
  hints?: { username?: string; email?: string };
}) {
  return (
    <>
      <TextField label="Name" name="name" required maxLength={100} autoComplete="off" defaultValue={values.name ?? ""} error={errors.name} />
      <TextField
        label="Username"
        name="username"
        required
        maxLength={MAX_USERNAME_LENGTH}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.username ?? ""}
        hint={hints.username}
        error={errors.username}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        maxLength={MAX_EMAIL_LENGTH}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.email ?? ""}
        hint={hints.email}
        error={errors.email}
      />
    </>
  );
}
