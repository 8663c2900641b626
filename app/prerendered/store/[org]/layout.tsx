/**
 * The storefront pages' cached twins (lib/web/prerendered.ts): each slug is rendered on its first
 * visit and rendered again after a minute at most (an organization's name is all that can change
 * on them), in the storefront's own frame. None at build: storefronts are made at run time.
 */
export { default, generateMetadata } from "@/app/store/[org]/layout";

export const revalidate = 60;

export function generateStaticParams(): { org: string }[] {
  return [];
}
