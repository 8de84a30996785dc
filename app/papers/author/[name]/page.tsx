import { topicRoute } from "../../_routes/topic";

// Rendered on first request and cached (ISR), never at build time, when there is no database.
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

const route = topicRoute("author");
export const generateMetadata = route.generateMetadata;
export default route.Page;
