// `/papers/week/{week}?p=N` is rewritten here (next.config.ts): each page of a week a cacheable path.
export { default, generateMetadata, generateStaticParams } from "../../page";
export const revalidate = 60;
