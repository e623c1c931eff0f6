import { type NumberType, parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { ProxyConfig } from "../config/load.js";
import { fail } from "../http/problem.js";
import { E164 } from "../shared/formats.js";

/**
 * Number types the proxy dials. Everything else is refused: premium rate, shared cost, UAN,
 * personal numbers, VoIP, pagers, voicemail access and numbers of unknown type are where traffic
 * pumping makes its money (or costs the owner more than a normal call).
 */
const DIALABLE: ReadonlySet<NumberType> = new Set<NumberType>([
  "FIXED_LINE",
  "MOBILE",
  "FIXED_LINE_OR_MOBILE",
  "TOLL_FREE",
]);

/**
 * Checks `to` against the destination policy: strict E.164, a real number (libphonenumber's full
 * metadata) written exactly in its canonical E.164 form, its country (resolved per country inside +1, so +1 876 is JM) in `ALLOWED_COUNTRIES`,
 * and a dialable type. Throws a 422 or 403 problem with a reason code otherwise.
 */
export const checkDestination = (to: string, config: ProxyConfig): void => {
  if (!E164.test(to)) {
    throw fail(
      422,
      "to_not_e164",
      "Invalid destination",
      "to must be an E.164 number: + and 7-15 digits, no spaces (+14155552671).",
    );
  }
  const number = parsePhoneNumberFromString(to);
  if (!number?.isValid()) {
    throw fail(422, "to_invalid_number", "Invalid destination", "to is not a valid phone number.");
  }
  // Quotas count, and Twilio dials, exactly the string checked here: an alias would open a second
  // quota bucket for the same line and reach Twilio as a number this policy never saw.
  if (number.number !== to) {
    throw fail(
      422,
      "to_not_canonical",
      "Invalid destination",
      `to is not written in its E.164 form: did you mean ${number.number}? (A 0 or 1 after the country code is a trunk prefix, not part of the number.)`,
    );
  }
  if (!number.country || !config.allowedCountries.includes(number.country)) {
    throw fail(
      403,
      "destination_country_not_allowed",
      "Destination not allowed",
      `Calls to this country (${number.country ?? "unknown"}) are not allowed.`,
    );
  }
  const type = number.getType();
  if (!type || !DIALABLE.has(type)) {
    throw fail(
      403,
      "destination_type_not_allowed",
      "Destination not allowed",
      `Calls to this kind of number (${type ?? "unknown"}) are not allowed.`,
    );
  }
};
