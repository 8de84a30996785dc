import { periodRoute } from "../../_routes/period";

const route = periodRoute("month", "month");

export const revalidate = 60;
export const generateStaticParams = () => [];
export const generateMetadata = route.generateMetadata;
export default route.Page;
