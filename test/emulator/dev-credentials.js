// The fixed development credentials of the local Twilio emulator (`npm run emulator`, `npm start`):
// they belong to no Twilio account, and the deploy preflight refuses them in production.
export const DEV_CREDENTIALS = {
  accountSid: "AC00000000000000000000000000000000",
  authToken: "emulator-auth-token",
  apiKey: "SK00000000000000000000000000000000",
  apiSecret: "emulator-api-secret",
};
