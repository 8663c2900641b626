// The console's 403 page, for the page proxy.ts rewrites device and ScanPack sessions to.
export { default, metadata } from "@/app/admin/forbidden";
