import { ProxyError, TwilioValidationError } from "../../src/proxy-client/index.js";

/** A link to the page that explains a Twilio error. */
export type DocsLink = { text: string; href: string };

/**
 * A failure as the page shows it: a title and what to do about it, in words; a link to Twilio's
 * docs when Twilio's error code says more; and the machine codes, for a details line only.
 */
export type ErrorText = { title: string; detail: string; link?: DocsLink; technical?: string };

type Words = { title: string; detail: string };

/** "58 s", "12 min", "3 h 5 min": how long `ms` is, rounded up, for "try again in …". */
export const durationText = (ms: number): string => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
};

const tryAgain = (error: ProxyError, otherwise = "Try again later."): string =>
  error.retryAfterMs === undefined
    ? otherwise
    : `Try again in ${durationText(error.retryAfterMs)}.`;

/** Number types of libphonenumber (as the proxy names them), in words, plural. */
const NUMBER_TYPES: Record<string, string> = {
  PREMIUM_RATE: "premium-rate numbers",
  SHARED_COST: "shared-cost numbers",
  VOIP: "internet (VoIP) numbers",
  PERSONAL_NUMBER: "personal (follow-me) numbers",
  PAGER: "pager numbers",
  UAN: "company-wide (UAN) numbers",
  VOICEMAIL: "voicemail access numbers",
  TOLL_FREE: "toll-free numbers",
  MOBILE: "mobile numbers",
  FIXED_LINE: "landline numbers",
  FIXED_LINE_OR_MOBILE: "landline and mobile numbers",
};

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The text in the last parentheses of the proxy's detail, such as `JM` or `PREMIUM_RATE`. */
const bracketed = (detail: string): string | undefined => /\(([^()]+)\)[^()]*$/.exec(detail)?.[1];

const countryName = (detail: string, locale: string): string | undefined => {
  const region = bracketed(detail);
  if (!region || !/^[A-Z]{2}$/.test(region)) return undefined;
  try {
    const name = new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(region);
    return name ?? undefined;
  } catch {
    return undefined;
  }
};

const twilioDocs = (code: number): DocsLink => ({
  text: `Twilio's page on error ${code}`,
  href: `https://www.twilio.com/docs/errors/${code}`,
});

/** What Twilio's own error codes mean for the person at the page (the codes a call meets most). */
const TWILIO_ERRORS: Record<number, Words> = {
  20003: {
    title: "Twilio refused the proxy's credentials",
    detail:
      "Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET) in .dev.vars, then restart npm start.",
  },
  21210: {
    title: "The caller ID is not verified",
    detail: "Calls must come from a Twilio number of the account or a verified caller ID.",
  },
  21211: {
    title: "Twilio says this is not a valid phone number",
    detail: "Check the country code and the digits.",
  },
  21212: {
    title: "The caller ID is not a valid phone number",
    detail: "Set one of the account's Twilio numbers as the proxy's caller ID.",
  },
  21215: {
    title: "Your Twilio account may not call this country yet",
    detail:
      "Allow it in the Twilio Console under Voice › Settings › Geo permissions, then try again.",
  },
  21219: {
    title: "A trial account can only call verified numbers",
    detail: "Verify this number in the Twilio Console, or upgrade the account.",
  },
  21220: {
    title: "The call had already ended",
    detail: "Twilio could not end it because it was over by then.",
  },
};

const proxyWords = (error: ProxyError, locale: string): Words => {
  const later = tryAgain(error);
  switch (error.code) {
    case "credentials_missing":
    case "credentials_invalid":
      return {
        title: "The proxy did not accept this page's key",
        detail: "Reload the page: npm start makes a new key each time it starts.",
      };
    case "auth_unavailable":
      return { title: "Signing in is not possible right now", detail: tryAgain(error) };
    case "origin_not_allowed":
      return {
        title: "This page may not use the proxy",
        detail: "Its address is not one of the proxy's CORS_ORIGINS.",
      };
    case "to_not_e164":
      return {
        title: "Write the number in international form",
        detail: "A plus sign, the country code and the number, with no spaces: +14155552671.",
      };
    case "to_not_canonical": {
      const canonical = /\+\d+(?=\?)/.exec(error.detail)?.[0];
      return {
        title: canonical ? `Did you mean ${canonical}?` : "Write the number without a trunk prefix",
        detail:
          "A 0 or 1 right after the country code is dialled only inside the country; leave it out.",
      };
    }
    case "from_not_canonical":
      return {
        title: "That caller ID is written another way",
        detail: "Choose one of the caller IDs exactly as the proxy lists them.",
      };
    case "calls_paused":
      return { title: "The proxy is not placing calls right now", detail: later };
    case "to_invalid_number":
      return {
        title: "That is not a valid phone number",
        detail: "Check the country code and the number of digits.",
      };
    case "destination_country_not_allowed": {
      const country = countryName(error.detail, locale);
      return {
        title: country
          ? `Calls to ${country} are not allowed`
          : "Calls to this country are not allowed",
        detail: "The proxy only calls the countries its owner allows (ALLOWED_COUNTRIES).",
      };
    }
    case "destination_type_not_allowed": {
      const type = bracketed(error.detail) ?? "unknown";
      const kind = NUMBER_TYPES[type] ?? "numbers of an unknown kind";
      return {
        title: `${sentence(kind)} are not allowed`,
        detail:
          "The proxy only calls landlines, mobiles and toll-free numbers: other kinds can cost far more than a normal call.",
      };
    }
    case "from_not_allowed":
      return {
        title: "That caller ID may not be used",
        detail: "Choose one of the caller IDs the proxy is configured with.",
      };
    case "unknown_flow":
      return { title: "There is no such call flow", detail: "Choose one of the listed flows." };
    case "caller_minute_quota":
      return { title: "You have placed too many calls this minute", detail: later };
    case "caller_daily_quota":
      return { title: "You have placed too many calls today", detail: later };
    case "destination_hourly_quota":
      return { title: "This number has been called too often in the last hour", detail: later };
    case "global_daily_budget":
      return { title: "The proxy's calls for today are used up", detail: later };
    case "too_many_streams":
      return {
        title: "This call is followed in too many tabs",
        detail: "Close some, then reload.",
      };
    case "upstream_busy":
      return { title: "Twilio is busy with this account's requests", detail: later };
    case "upstream_timeout":
    case "upstream_unreachable":
    case "upstream_error":
    case "upstream_unreadable":
    case "call_outcome_unknown":
      return {
        title: "The call may or may not have been placed",
        detail: "Twilio's answer did not reach the proxy. Wait a moment before you call again.",
      };
    case "upstream_auth_failed":
      return TWILIO_ERRORS[20003] as Words;
    case "upstream_refused":
      return (
        TWILIO_ERRORS[error.twilioCode ?? 0] ?? {
          title: "Twilio did not place the call",
          detail: error.twilioCode ? "Twilio's page on the error says why." : "",
        }
      );
    case "hangup_outcome_unknown":
      return {
        title: "The call may still be live",
        detail: "Twilio's answer to the hang-up did not reach the proxy. Press Hang up again.",
      };
    case "hangup_refused":
      return {
        title: "Twilio did not end the call",
        detail: "Press Hang up again, or wait for the call to end.",
      };
    case "call_not_found":
      return {
        title: "This call is not known to the proxy as yours",
        detail: "Only the key that placed a call can follow or end it.",
      };
    case "idempotency_key_reused":
    case "idempotency_key_invalid":
      return { title: "The proxy took this for another request", detail: "Press Call again." };
    case "not_found":
    case "method_not_allowed":
      return {
        title: "The proxy does not offer this",
        detail: "It may be an older version than this page: update and restart it.",
      };
    case "config_invalid":
      return {
        title: "The proxy is misconfigured",
        detail: "Its log names the setting to fix.",
      };
    case "internal_error":
      return {
        title: "The proxy failed",
        detail: "Try again; if it keeps failing, its log says why.",
      };
  }
  // Request-shape refusals (unknown_field, malformed_json, …): the proxy's own words name the field.
  return {
    title: "The proxy did not accept the request",
    detail: error.detail || error.title,
  };
};

const technicalLine = (error: ProxyError): string =>
  [
    `HTTP ${error.status}`,
    error.code,
    error.twilioCode === undefined ? undefined : `Twilio error ${error.twilioCode}`,
  ]
    .filter((part) => part !== undefined)
    .join(" · ");

/**
 * Turns what the proxy client threw into words for a person: the proxy's refusal (a country by its
 * name, a kind of number, when to try again), what Twilio's error code means with a link to its
 * docs, a local validation error, a network failure. Codes go to `technical`, never to the title.
 */
export const describeError = (error: unknown, locale = "en"): ErrorText => {
  if (error instanceof ProxyError) {
    if (error.status === 0) {
      return {
        title: "The proxy could not be reached",
        detail: "Check the connection, and that npm start is still running.",
        technical: error.detail,
      };
    }
    return {
      ...proxyWords(error, locale),
      ...(error.twilioCode === undefined ? {} : { link: twilioDocs(error.twilioCode) }),
      technical: technicalLine(error),
    };
  }
  if (error instanceof TwilioValidationError) {
    return error.param === "to"
      ? { title: "Type the number to call", detail: "For example +14155552671." }
      : { title: "Check the form", detail: error.message };
  }
  return {
    title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error),
  };
};
