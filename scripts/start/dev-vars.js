// Reads `.dev.vars` (dotenv syntax), the file where wrangler keeps local secrets.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * The settings in the dotenv file at `path`, with empty values dropped (an empty line copied from
 * `.dev.vars.example` means "not set"); an empty object when the file does not exist.
 * @param {string} path
 * @returns {Record<string, string>}
 */
export const readDevVars = (path) => {
  if (!existsSync(path)) return {};
  const parsed = parseEnv(readFileSync(path, "utf8"));
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => typeof value === "string" && value.trim() !== ""),
  );
};

/**
 * Whether the settings hold real Twilio credentials, so `npm start` should use Twilio itself.
 * @param {Record<string, string>} vars
 */
export const hasTwilioAccount = (vars) => Boolean(vars.TWILIO_ACCOUNT_SID);
