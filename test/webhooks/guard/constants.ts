export const AUTH_TOKEN = "guard-test-token";
/** Where Twilio sends the webhook; the handler itself sees another origin, behind a tunnel. */
export const PUBLIC_ORIGIN = "https://calls.example.com";
