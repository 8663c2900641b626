"use client";

import Link from "next/link";
import { useActionState } from "react";
import { userTypes, type UserType } from "@/lib/staff/user-types";
import { USER_TYPE_LABELS } from "@/lib/staff/access";
import { initialActionState, type ActionState } from "@/lib/web/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

export type UserFormValues = { displayName: string; username: string; emailTo: string | null; userType: UserType };

export type UserFormData = { noLicence?: boolean };

type Action = (state: ActionState<UserFormData>, form: FormData) => Promise<ActionState<UserFormData>>;

/** Name, username, "email to" and user type: the Add user page and User Details share it. */
export function UserForm({
  action,
  initial,
  userId,
  submitLabel,
}: {
  action: Action;
  initial?: UserFormValues;
  userId?: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const v = { ...initial, ...state.values } as Partial<Record<keyof UserFormValues, string | null>>;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"}>
          {state.message}
          {state.data?.noLicence ? (
            <>
              {" "}
              <Link href="/admin/subscription" className="font-semibold underline">
                Go to Subscription
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      {userId ? <input type="hidden" name="userId" value={userId} /> : null}
      <TextField label="Name" name="displayName" required maxLength={100} defaultValue={v.displayName ?? ""} error={state.fieldErrors?.displayName} />
      <TextField
        label="Username"
        name="username"
        type="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={v.username ?? ""}
        hint="The user's own email address: invitations and password resets are sent here."
        error={state.fieldErrors?.username}
      />
      <TextField
        label="Email to"
        name="emailTo"
        type="email"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={254}
        defaultValue={v.emailTo ?? ""}
        hint="Optional address for other notifications. Password emails never go here."
        error={state.fieldErrors?.emailTo}
      />
      <SelectField
        label="User type"
        name="userType"
        defaultValue={v.userType ?? "device"}
        options={userTypes.map((t) => ({ value: t, label: USER_TYPE_LABELS[t] }))}
        error={state.fieldErrors?.userType}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
