import type { LicenceUsage } from "@/lib/organizations/licences";

export function LicenceBar({ usage }: { usage: LicenceUsage }) {
  return (
    <div>
      <p className="mb-2 text-sm">
        <strong>{usage.used}</strong> of <strong>{usage.licences}</strong> licences used · {usage.free} free
      </p>
      <div
        role="meter"
        aria-label="Licences used"
        aria-valuemin={0}
        aria-valuemax={usage.licences}
        aria-valuenow={usage.used}
        className="h-3 w-full overflow-hidden rounded-full bg-zinc-200"
      >
        <div
          className="h-full bg-brand-700"
          style={{ width: `${usage.licences ? Math.min(100, (usage.used / usage.licences) * 100) : 0}%` }}
        />
      </div>
    </div>
  );
}
