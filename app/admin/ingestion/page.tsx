import { permanentRedirect } from "next/navigation";

/** Ingestion runs are listed with every other job's. */
export default function IngestionRunsPage() {
  permanentRedirect("/admin/jobs");
}
