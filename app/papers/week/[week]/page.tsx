import { periodRoute } from "../../_routes/period";

const route = periodRoute("week", "week");

export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = route.generateMetadata;
export default route.Page;
