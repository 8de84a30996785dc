import { describe, expect, it } from "vitest";
import {
  allAuthors,
  approximateCount,
  authorsLine,
  CARD_ABSTRACT_CHARS,
  cardData,
  compactCard,
  countOf,
  expandCard,
  feedData,
  formatCount,
  formatNumber,
  paperPath,
  submitterName,
  type DisplayedPaper,
} from "@/lib/display";
import { paperUrl } from "@/lib/site-url";
import { dayToIso } from "@/lib/dates";

const paper = (overrides: Partial<DisplayedPaper> = {}): DisplayedPaper => ({
  id: "2601.00001",
  title: "Sparse Mixtures of Tiny Experts",
  abstract: "We show that many tiny experts beat a few big ones.",
  authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen", "Alan Kay"],
  authorCount: 4,
  publishedAt: "2026-01-02",
  listedOn: "2026-01-05",
  upvotes: 42,
  numComments: 1,
  thumbnail: null,
  githubRepo: null,
  githubStars: 1234,
  projectPage: null,
  submittedByName: "adarev",
  submittedByFullname: "Ada Reviewer",
  submittedByAvatar: null,
  organization: { name: "tiny-labs", fullname: "Tiny Labs", avatar: null },
  ...overrides,
});

describe("the display module", () => {
  it("counts in the singular and plural, compactly past a thousand", () => {
    expect(countOf(1, "author")).toBe("1 author");
    expect(countOf(2, "author")).toBe("2 authors");
    expect(countOf(1234, "comment")).toBe("1.2K comments");
    expect(formatCount(999)).toBe("999");
  });

  it("rounds a count down to a step that grows with it, saying so with +", () => {
    expect([0, 9, 10, 42, 99, 100, 123, 999, 1000, 1250, 12_345].map(approximateCount)).toEqual([
      "0",
      "9",
      "10",
      "40+",
      "90+",
      "100",
      "120+",
      "990+",
      "1K",
      "1.2K+",
      "12K+",
    ]);
  });

  it("names up to three authors, else the count, never '1 authors'", () => {
    expect(authorsLine(paper())).toBe("Grace Hopper, Edsger Dijkstra, Frances Allen et al.");
    expect(authorsLine(paper({ authors: ["Ada Lovelace"] }))).toBe("Ada Lovelace");
    expect(authorsLine(paper({ authors: [], authorCount: 1 }))).toBe("1 author");
    expect(authorsLine(paper({ authors: [], authorCount: null }))).toBeNull();
    expect(allAuthors(paper({ authors: [], authorCount: 1 }))).toBe("1 author (names not available)");
    expect(allAuthors(paper())).toBe("Grace Hopper, Edsger Dijkstra, Frances Allen, Alan Kay");
  });

  it("builds paper paths and absolute URLs from the public URL", () => {
    expect(paperPath("2601.00001")).toBe("/papers/2601.00001");
    // Tests run with the development default, http://localhost:3000.
    expect(paperUrl("2601.00001")).toBe("http://localhost:3000/papers/2601.00001");
  });

  it("makes the card's data: labels, organization, submitter", () => {
    expect(cardData(paper())).toEqual({
      id: "2601.00001",
      path: "/papers/2601.00001",
      title: "Sparse Mixtures of Tiny Experts",
      abstract: "We show that many tiny experts beat a few big ones.",
      abstractCut: false,
      authors: "Grace Hopper, Edsger Dijkstra, Frances Allen et al.",
      organization: { name: "tiny-labs", label: "Tiny Labs", avatar: null },
      published: { day: "2026-01-02", label: "Jan 2, 2026" },
      upvotes: 42,
      comments: 1,
      thumbnail: null,
      githubStars: 1234,
      submitter: "Ada Reviewer",
    });
    expect(submitterName(paper({ submittedByFullname: null }))).toBe("adarev");
  });

  it("gives a card the abstract's first lines, and travels without its path and empty fields", () => {
    const long = "word ".repeat(200).trim();
    const card = cardData(paper({ abstract: long }));
    expect(card.abstractCut).toBe(true);
    expect(card.abstract.length).toBeLessThanOrEqual(CARD_ABSTRACT_CHARS + 1);
    expect(card.abstract.endsWith("…")).toBe(true);
    const compact = compactCard(card);
    expect(compact).not.toHaveProperty("path");
    expect(compact).not.toHaveProperty("thumbnail");
    expect(expandCard(compact)).toEqual(card);
    expect(expandCard(compactCard(cardData(paper())))).toEqual(cardData(paper()));
  });

  it("carries a card without what follows from the rest: the date's label, an organization's label equal to its name", () => {
    const org = (fullname: string | null, avatar: string | null) => paper({ organization: { name: "tiny-labs", fullname, avatar } });
    for (const p of [
      paper(),
      paper({ organization: null, publishedAt: null }),
      org(null, null),
      org(null, "https://x.test/a.png"),
      org("Tiny Labs", "https://x.test/a.png"),
    ]) {
      expect(expandCard(compactCard(cardData(p)))).toEqual(cardData(p));
    }
    expect(compactCard(cardData(paper()))).toMatchObject({ organization: ["tiny-labs", "Tiny Labs"], published: "2026-01-02" });
    expect(compactCard(cardData(org(null, null))).organization).toEqual(["tiny-labs"]);
    expect(compactCard(cardData(org(null, "https://x.test/a.png"))).organization).toEqual(["tiny-labs", "", "https://x.test/a.png"]);
    expect(JSON.stringify(compactCard(cardData(paper())))).not.toMatch(/label|null|false|path/);
  });

  it("speaks days as the API's timestamps", () => {
    expect(dayToIso("2026-03-09")).toBe("2026-03-09T00:00:00.000Z");
  });

  it("gives feeds the paper in plain text: at most 25 authors, the listing day, links where known", () => {
    const extra = { aiSummary: null, categories: null, pdfUrl: null };
    const many = Array.from({ length: 30 }, (_, i) => `Author ${i}`);
    const data = feedData({ ...paper({ authors: many, authorCount: 30, githubRepo: "https://github.com/tiny/experts" }), ...extra });
    expect(data.authors).toEqual(many.slice(0, 25));
    expect(data.moreAuthors).toBe(5);
    expect(data.day).toBe("2026-01-05");
    expect(data.categories).toEqual([]);
    expect(data.links).toEqual({
      arxiv: "https://arxiv.org/abs/2601.00001",
      pdf: "https://arxiv.org/pdf/2601.00001",
      code: "https://github.com/tiny/experts",
      project: null,
    });
    const local = feedData({
      ...paper({ id: "local-0123456789ab", listedOn: null, authors: [], authorCount: 3 }),
      ...extra,
      pdfUrl: "https://example.org/p.pdf",
      aiSummary: "Short.",
    });
    expect(local).toMatchObject({
      day: "2026-01-02",
      authors: [],
      moreAuthors: 3,
      summary: "Short.",
      links: { arxiv: null, pdf: "https://example.org/p.pdf" },
    });
  });
});

describe("formatNumber", () => {
  it("writes what toLocaleString('en-US') writes", () => {
    const samples = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      1001,
      9999,
      10_000,
      123_456,
      1_000_000,
      12_345_678,
      999_999_999,
      Number.MAX_SAFE_INTEGER,
      -1,
      -1000,
      -123_456,
    ];
    for (let k = 0; k < 2000; k += 1) samples.push(Math.floor(Math.abs(Math.sin(k + 1)) * 10 ** (k % 16)));
    for (const n of samples) expect(formatNumber(n), String(n)).toBe(n.toLocaleString("en-US"));
  });
});
