import type { DisplayedPaper } from "@/lib/display";

/** A paper as pages display it, every optional field empty: a test names only what it is about. */
export const displayedPaper = (fields: Pick<DisplayedPaper, "id" | "title"> & Partial<DisplayedPaper>): DisplayedPaper => ({
  abstract: "",
  authors: [],
  authorCount: null,
  publishedAt: null,
  listedOn: null,
  upvotes: 0,
  numComments: null,
  thumbnail: null,
  githubRepo: null,
  githubStars: null,
  projectPage: null,
  submittedByName: null,
  submittedByFullname: null,
  submittedByAvatar: null,
  organization: null,
  ...fields,
});
