// mailauth 4 ships no types; what the tests use of it.
declare module "mailauth" {
  interface DkimResult {
    status: { result: string; comment?: string };
    signingHeaders?: { keys: string };
  }
  export function authenticate(
    message: string | Buffer,
    options: {
      resolver?: (name: string, type: string) => Promise<string[][] | string[]>;
      trustReceived?: boolean;
      disableArc?: boolean;
      disableBimi?: boolean;
      disableDmarc?: boolean;
    },
  ): Promise<{ dkim: { results: DkimResult[] } }>;
}
