// `/papers/author/{name}?p=N` is rewritten here (next.config.ts): each page a cacheable path.
export { default, generateMetadata, generateStaticParams } from "../../page";
export const revalidate = 60;
