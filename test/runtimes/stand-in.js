// A loopback stand-in for Twilio and for the proxy, shared by every runtime of the matrix. It also
// serves the browser page's files, so the page's requests are same-origin and need no CORS.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { loadEmulator } from "../emulator/load.js";
import { ACCOUNT_SID, AUTH_TOKEN, CALL_SID, PROXY_TOKEN } from "./scenario.js";

const CALLS_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`;
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
const TYPES = { ".html": "text/html", ".js": "text/javascript" };

const twilioCall = (form) => ({
  sid: CALL_SID,
  account_sid: ACCOUNT_SID,
  to: form.get("To"),
  to_formatted: form.get("To"),
  from: form.get("From"),
  from_formatted: form.get("From"),
  status: "queued",
  direction: "outbound-api",
  date_created: "Tue, 31 Aug 2010 20:36:28 +0000",
  date_updated: "Tue, 31 Aug 2010 20:36:28 +0000",
  start_time: null,
  end_time: null,
  duration: null,
  price: null,
  price_unit: "USD",
  queue_time: "0",
  api_version: "2010-04-01",
  uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${CALL_SID}.json`,
  subresource_uris: {
    notifications: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${CALL_SID}/Notifications.json`,
  },
});

const twilioError = (status, code, message) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

const send = (res, status, body, type = "application/json") => {
  res.writeHead(status, { "content-type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};

// What the "ok" mode (the scenario's calls) and the "plain" mode (the README examples, which
// send no StatusCallbackEvent) insist on, so a runtime that mangles the request fails.
const badCreate = (req, form, mode) => {
  if (req.headers.authorization !== BASIC) return "Authorization is not Basic AccountSid:AuthToken";
  if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
    return `Content-Type is ${req.headers["content-type"]}`;
  }
  const events = form.getAll("StatusCallbackEvent").length;
  if (events !== (mode === "ok" ? 2 : 0)) return `${events} StatusCallbackEvent values`;
  if (!form.get("To") || !form.get("From")) return "To or From missing";
  const twiml = form.get("Twiml");
  if (!form.get("Url") && !twiml?.includes("<Say>Hello &amp; welcome</Say>")) {
    return `neither Url nor the expected Twiml; Twiml was ${twiml}`;
  }
  return undefined;
};

const twilio = (req, res, mode, body) => {
  const form = new URLSearchParams(body);
  if (mode === "hang") return; // never answered; the server's close() drops it
  if (mode === "bad-gateway")
    return send(res, 502, "<html><h1>502 Bad Gateway</h1></html>", "text/html");
  if (mode === "bad-request") {
    return send(res, 400, twilioError(400, 21211, "The 'To' number is not a valid phone number."));
  }
  const problem = badCreate(req, form, mode);
  if (problem) return send(res, 400, twilioError(400, 20001, `stand-in: ${problem}`));
  send(res, 201, twilioCall(form));
};

const proxy = (req, res, body) => {
  if (req.headers.authorization !== `Bearer ${PROXY_TOKEN}`) {
    return send(res, 401, { type: "about:blank", title: "Unauthorized", status: 401 });
  }
  const json = req.headers["content-type"]?.startsWith("application/json");
  const { to, ...rest } = json ? JSON.parse(body || "{}") : {};
  if (typeof to !== "string" || Object.keys(rest).length > 0 || !req.headers["idempotency-key"]) {
    const detail = `stand-in: wants a JSON body {to} and an Idempotency-Key; got ${body}`;
    return send(res, 400, { title: "Bad Request", status: 400, detail });
  }
  send(res, 201, {
    sid: CALL_SID,
    status: "queued",
    to,
    from: "+15017122661",
    flow: "default",
    createdAt: "2010-08-31T20:36:28.000Z",
  });
};

const serveFile = async (res, dir, path) => {
  const file = normalize(join(dir, path));
  if (!dir || !file.startsWith(dir)) return send(res, 404, { status: 404 });
  try {
    send(res, 200, await readFile(file, "utf8"), TYPES[extname(file)] ?? "text/plain");
  } catch {
    send(res, 404, { status: 404 });
  }
};

// The call's whole life (create, fetch, update, list, remove) runs against the stateful emulator,
// under /emulator on the same origin (the browser page needs no CORS). Its calls stay queued until
// hung up: the scenario's cancel always finds them cancelable.
const emulatorAnswer = async (emulator, req, res, path, body) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) headers.set(name, String(value));
  const answer = await emulator.fetch(
    new Request(`http://emulator${path}`, {
      method: req.method,
      headers,
      ...(req.method === "GET" || req.method === "DELETE" ? {} : { body }),
    }),
  );
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(await answer.text());
};

/**
 * Starts the stand-in on 127.0.0.1 (a free port). Routes: `POST /twilio/<mode>/…/Calls.json` with
 * mode ok, plain, bad-request, bad-gateway or hang; `/emulator/…`, the Twilio emulator; `POST
 * /proxy/v1/calls`; `GET /static/…`, the files of `staticDir`.
 */
export const startStandIn = async (staticDir) => {
  const { createTwilioEmulator } = await loadEmulator();
  const emulator = createTwilioEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    stepMs: "manual",
  });
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url, "http://stand-in");
    if (url.pathname.startsWith("/emulator/")) {
      return emulatorAnswer(emulator, req, res, req.url.slice("/emulator".length), body);
    }
    const twilioRoute = url.pathname.match(/^\/twilio\/([a-z-]+)(\/.*)$/);
    if (req.method === "POST" && twilioRoute && twilioRoute[2] === CALLS_PATH) {
      return twilio(req, res, twilioRoute[1], body);
    }
    if (req.method === "POST" && url.pathname === "/proxy/v1/calls") return proxy(req, res, body);
    if (req.method === "GET" && url.pathname.startsWith("/static/")) {
      return serveFile(res, staticDir, url.pathname.slice("/static/".length));
    }
    send(res, 404, twilioError(404, 20404, `stand-in: no route for ${req.method} ${url.pathname}`));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      emulator.close();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
};
