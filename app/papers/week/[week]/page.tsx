import { periodRoute } from "../../_routes/period";

const route = periodRoute("week", "week");

// Rendered on first request, then served from cache and refreshed in the background (ISR).
export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = route.generateMetadata;
export default route.Page;
