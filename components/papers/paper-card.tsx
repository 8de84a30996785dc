import { formatCount, type PaperCardData } from "@/lib/display";
import type { Segment } from "@/lib/search/highlight";
import { AbstractPreview } from "./abstract-preview";
import { Highlighted } from "./highlighted";
import { IntentLink } from "@/components/layout/intent-link";
import { CommentIcon, StarIcon } from "@/components/layout/icons";
import { UpvoteButton } from "@/components/votes/upvote-button";

/** One item of the metadata line; the line keeps its order and separators whatever is missing. */
function Meta({ children }: { children: React.ReactNode }) {
  return <li>{children}</li>;
}

export function PaperCard({
  card,
  rank,
  title,
  abstract,
  note,
}: {
  card: PaperCardData;
  rank?: number;
  title?: Segment[];
  abstract?: Segment[];
  /** A line under the card's facts: on the following feed, the topics the paper matched. */
  note?: React.ReactNode;
}) {
  const org = card.organization;
  const heading = (
    <h2 className="card-title">
      {rank !== undefined && <span className="sr-only">{`Rank ${rank}: `}</span>}
      <IntentLink href={card.path}>{title ? <Highlighted segments={title} /> : card.title}</IntentLink>
    </h2>
  );
  return (
    <article className="card">
      <UpvoteButton paperId={card.id} initialUpvotes={card.upvotes} />
      <div className="card-body">
        {card.thumbnail ? (
          <div className="card-head">
            {heading}
            {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the source's CDN */}
            <img
              src={card.thumbnail}
              alt=""
              width={128}
              height={72}
              loading="lazy"
              className="hidden h-[72px] w-32 shrink-0 rounded-lg border border-gray-200 object-cover sm:block dark:border-gray-800"
            />
          </div>
        ) : (
          heading
        )}
        <AbstractPreview
          text={abstract ? undefined : card.abstract}
          cut={!abstract && card.abstractCut}
          paperId={card.id}
          segments={abstract}
        />
        <ul aria-label="About this paper" className="card-meta">
          {org && (
            <Meta>
              {org.avatar && (
                // eslint-disable-next-line @next/next/no-img-element -- avatars come from any host
                <img src={org.avatar} alt="" width={16} height={16} className="h-4 w-4 rounded-sm" loading="lazy" />
              )}
              <b className="card-org">{org.label}</b>
            </Meta>
          )}
          {card.authors && (
            <Meta>
              <span className="max-w-[28ch] truncate sm:max-w-[40ch]">{card.authors}</span>
            </Meta>
          )}
          {card.published && (
            <Meta>
              <time dateTime={card.published.day}>{card.published.label}</time>
            </Meta>
          )}
          {card.comments !== null && (
            <Meta>
              <CommentIcon className="h-4 w-4" />
              {formatCount(card.comments)}
              <span className="sr-only">{card.comments === 1 ? " comment" : " comments"}</span>
            </Meta>
          )}
          {card.githubStars !== null && (
            <Meta>
              <StarIcon className="h-4 w-4" />
              {formatCount(card.githubStars)}
              <span className="sr-only">{card.githubStars === 1 ? " GitHub star" : " GitHub stars"}</span>
            </Meta>
          )}
          {card.submitter && <Meta>Submitted by {card.submitter}</Meta>}
        </ul>
        {note && <div className="mt-2 text-sm">{note}</div>}
      </div>
    </article>
  );
}
