import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export interface DigestItem {
  id: string;
  title: string;
  url: string;
  byline: string | null;
  upvotes: number;
  abstract: string;
  note?: string | null;
}

export interface DigestSection {
  heading: string;
  url: string;
  items: DigestItem[];
}

export interface DigestEmailProps {
  heading: string;
  preview: string;
  top: DigestSection | null;
  topics: DigestSection[];
  siteUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}

// Inline styles only: mail clients drop style sheets and never load the site's CSS.
const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const styles = {
  body: { backgroundColor: "#f6f6f4", fontFamily: font, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: 12, margin: "0 auto", maxWidth: 600, padding: "24px 28px" },
  brand: { color: "#8f5400", fontSize: 13, fontWeight: 600, margin: 0 },
  h1: { color: "#111827", fontSize: 22, lineHeight: "28px", margin: "4px 0 16px" },
  h2: { color: "#111827", fontSize: 16, margin: "24px 0 8px" },
  h2link: { color: "#111827", textDecoration: "none" },
  title: { color: "#111827", fontSize: 15, fontWeight: 600, lineHeight: "21px", textDecoration: "none" },
  meta: { color: "#4b5563", fontSize: 13, lineHeight: "18px", margin: "2px 0 0" },
  note: { color: "#8f5400", fontSize: 13, lineHeight: "18px", margin: "2px 0 0" },
  abstract: { color: "#374151", fontSize: 13, lineHeight: "19px", margin: "4px 0 14px" },
  footer: { color: "#6b7280", fontSize: 12, lineHeight: "18px" },
  footerLink: { color: "#6b7280" },
};

function Item({ item }: { item: DigestItem }) {
  return (
    <Section>
      <Link href={item.url} style={styles.title}>
        {item.title}
      </Link>
      <Text style={styles.meta}>{[item.byline, `▲ ${item.upvotes}`].filter(Boolean).join(" · ")}</Text>
      {item.note && <Text style={styles.note}>{item.note}</Text>}
      {item.abstract && <Text style={styles.abstract}>{item.abstract}</Text>}
    </Section>
  );
}

function Part({ section }: { section: DigestSection }) {
  return (
    <>
      <Heading as="h2" style={styles.h2}>
        <Link href={section.url} style={styles.h2link}>
          {section.heading}
        </Link>
      </Heading>
      {section.items.map((item) => (
        <Item key={item.id} item={item} />
      ))}
    </>
  );
}

export function DigestEmail({ heading, preview, top, topics, siteUrl, settingsUrl, unsubscribeUrl }: DigestEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Daily Papers</Text>
          <Heading as="h1" style={styles.h1}>
            {heading}
          </Heading>
          {top && <Part section={top} />}
          {topics.map((section) => (
            <Part key={section.url} section={section} />
          ))}
          <Hr />
          <Text style={styles.footer}>
            You get this digest because you subscribed at{" "}
            <Link href={siteUrl} style={styles.footerLink}>
              {siteUrl}
            </Link>
            .{" "}
            <Link href={settingsUrl} style={styles.footerLink}>
              Change how often
            </Link>{" "}
            or{" "}
            <Link href={unsubscribeUrl} style={styles.footerLink}>
              unsubscribe
            </Link>
            .
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
