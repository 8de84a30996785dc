// `/papers/month/{month}?p=N` is rewritten here (next.config.ts): each page of a month a cacheable path.
export { default, generateMetadata, generateStaticParams } from "../../page";
export const revalidate = 60;
