import { Body, Button, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** The double opt-in mail: nothing is ever sent to an address until its owner confirms here. */
export function ConfirmEmail({ confirmUrl, frequency, siteUrl }: { confirmUrl: string; frequency: "daily" | "weekly"; siteUrl: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Confirm your Daily Papers {frequency} digest</Preview>
      <Body style={{ backgroundColor: "#f6f6f4", fontFamily: font, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 12, margin: "0 auto", maxWidth: 560, padding: "24px 28px" }}>
          <Heading as="h1" style={{ color: "#111827", fontSize: 20 }}>
            Confirm your subscription
          </Heading>
          <Text style={{ color: "#374151", fontSize: 14, lineHeight: "21px" }}>
            Someone (we hope you) asked for the {frequency} digest of the papers people are reading on {siteUrl}, sent to this address.
            Confirm to start getting it; the link works once and expires in 48 hours.
          </Text>
          <Button
            href={confirmUrl}
            style={{ backgroundColor: "#111827", borderRadius: 8, color: "#ffffff", fontSize: 14, fontWeight: 600, padding: "10px 16px" }}
          >
            Confirm my subscription
          </Button>
          <Text style={{ color: "#6b7280", fontSize: 12, lineHeight: "18px", wordBreak: "break-all" }}>
            If you did not ask for it, ignore this email: nothing will be sent to you. The link: {confirmUrl}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
