import { beforeAll, describe, expect, it } from "vitest";
import { GET as markdownRoute } from "@/app/papers/[id]/markdown/route";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

// Tests run with no AUTH_URL: the public URL is http://localhost:PORT (lib/env.ts), PORT 3000.
const SITE = "http://localhost:3000";

const TEX_ABSTRACT =
  "We bound the error by $\\mathcal{O}(\\sqrt{n})$ where $n$ is the number of *tokens*, and show that\n\\[ \\sum_{i=1}^{n} x_i^2 \\le 1 \\]\nholds for all [inputs].";

const markdown = (id: string) => markdownRoute(new Request(`${SITE}/papers/${id}/markdown`), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "2604.00001",
        title: "Sparse $k$-Experts: Routing at Scale",
        abstract: TEX_ABSTRACT,
        authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen", "Alan Kay"],
        authorCount: 4,
        publishedAt: "2026-04-01",
        listedOn: "2026-04-02",
        sourceUpvotes: 42,
        githubRepo: "https://github.com/tiny/experts",
        projectPage: "https://tiny.example/experts (demo)",
        aiSummary: "Many tiny experts beat a few big ones.",
        aiKeywords: ["mixture of experts", "routing"],
        organizationName: "tiny-labs",
        submittedByName: "grace",
        submittedByFullname: "Grace H.",
      }),
      makePaper({ id: "local-0123456789ab", title: "A sample paper", abstract: "", authors: [], authorCount: 3, listedOn: "2026-04-02", publishedAt: null }),
    ],
    [{ name: "tiny-labs", fullname: "Tiny Labs" }],
  );
});

describe("a paper as Markdown", () => {
  it("holds the title, authors, organization, dates, links, abstract with its TeX as stored, AI summary and keywords", async () => {
    const res = await markdown("2604.00001");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("link")).toBe(`<${SITE}/papers/2604.00001>; rel="canonical"`);
    const text = await res.text();
    expect(text.startsWith("# Sparse $k$-Experts: Routing at Scale\n")).toBe(true);
    expect(text).toContain("**Authors:** Grace Hopper, Edsger Dijkstra, Frances Allen, Alan Kay");
    expect(text).toContain("**Organization:** Tiny Labs");
    expect(text).toContain("**Published:** 2026-04-01");
    expect(text).toContain("**Listed on Daily Papers:** 2026-04-02");
    expect(text).toContain("**Submitted by:** Grace H.");
    expect(text).toContain("**Upvotes:** 42");
    expect(text).toContain(`[Daily Papers](${SITE}/papers/2604.00001)`);
    expect(text).toContain("[arXiv](https://arxiv.org/abs/2604.00001)");
    expect(text).toContain("[PDF](https://arxiv.org/pdf/2604.00001)");
    expect(text).toContain("[Code (tiny/experts)](https://github.com/tiny/experts)");
    // A destination with a space and parentheses is encoded so the link stays one link.
    expect(text).toContain("[Project page](https://tiny.example/experts%20%28demo%29)");
    expect(text).toContain(`## Abstract\n\n${TEX_ABSTRACT}\n`);
    expect(text).toContain("## AI summary\n\nMany tiny experts beat a few big ones.");
    expect(text).toContain("## Keywords\n\nmixture of experts, routing");
  });

  it("leaves out what the store does not know", async () => {
    const text = await (await markdown("local-0123456789ab")).text();
    expect(text).toContain("**Authors:** 3 authors (names not available)");
    expect(text).toContain("No abstract available.");
    for (const absent of ["[arXiv]", "PDF", "Code", "Project page", "Organization", "Published:", "AI summary", "Keywords"]) {
      expect(text).not.toContain(absent);
    }
  });

  it.each(["2699.99999", "not-a-paper", "%E0%A4%A", "x".repeat(3000)])("answers 404 for an unknown paper (%#)", async (id) => {
    const res = await markdown(id);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
  });
});
