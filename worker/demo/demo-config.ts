/** A number the emulator treats specially, and how its calls end. */
export type SpecialDestination = { number: string; outcome: string };

/** What `npm start` tells the page in `/config.json`. */
export type DemoConfig = {
  /** `emulator`: the local Twilio emulator; `twilio`: a real account, real calls. */
  mode: "emulator" | "twilio";
  /** The demo page's key for the proxy, valid for one `npm start` run. */
  apiKey: string;
  /** The configured flow names, the default first. */
  flows: string[];
  /** Numbers to try in emulator mode. */
  specialDestinations: SpecialDestination[];
};

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** Fetches and checks `/config.json`, written by `npm start` next to the page. */
export const loadDemoConfig = async (): Promise<DemoConfig> => {
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json could not be loaded (HTTP ${response.status})`);
  const config = (await response.json()) as Partial<DemoConfig>;
  if (typeof config.apiKey !== "string" || !isStringArray(config.flows)) {
    throw new Error("config.json needs apiKey and flows; restart npm start");
  }
  return {
    mode: config.mode === "twilio" ? "twilio" : "emulator",
    apiKey: config.apiKey,
    flows: config.flows,
    specialDestinations: Array.isArray(config.specialDestinations)
      ? config.specialDestinations
      : [],
  };
};
