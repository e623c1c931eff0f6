import { createProxyClient, isFinalStatus } from "../../src/proxy-client/index.js";
import { type DemoConfig, loadDemoConfig } from "./demo-config.js";
import { describeError } from "./describe-error.js";
import { createStatusView } from "./status-view.js";

const form = document.getElementById("call-form") as HTMLFormElement;
const toInput = document.getElementById("to") as HTMLInputElement;
const flowSelect = document.getElementById("flow") as HTMLSelectElement;
const callButton = document.getElementById("call") as HTMLButtonElement;
const hangUpButton = document.getElementById("hang-up") as HTMLButtonElement;
const view = createStatusView();
const locale = document.documentElement.lang || "en";

const describeMode = (config: DemoConfig): string =>
  config.mode === "emulator"
    ? "Local Twilio emulator: no real call is placed. A call rings, is answered and completes within seconds, unless you hang up first."
    : "Your Twilio account: calls are real.";

const showFlows = (flows: string[]) => {
  flowSelect.replaceChildren(...flows.map((name) => new Option(name, name)));
  (document.getElementById("flow-field") as HTMLElement).hidden = flows.length < 2;
};

const showSpecialDestinations = (config: DemoConfig) => {
  const rows = config.specialDestinations.map(({ number, outcome }) => {
    const row = document.createElement("tr");
    const use = document.createElement("button");
    use.type = "button";
    use.className = "secondary";
    use.textContent = "Use";
    use.setAttribute("aria-label", `Use ${number}`);
    use.addEventListener("click", () => {
      toInput.value = number;
      toInput.focus();
    });
    for (const text of [number, outcome]) row.insertCell().textContent = text;
    row.insertCell().append(use);
    return row;
  });
  (document.getElementById("special-rows") as HTMLElement).replaceChildren(...rows);
  (document.getElementById("special") as HTMLElement).hidden = rows.length === 0;
};

const start = (config: DemoConfig) => {
  const proxy = createProxyClient({ baseUrl: location.origin, token: config.apiKey });
  /** The call being followed, while it is live. */
  let live: string | undefined;
  const showHangUp = (shown: boolean) => {
    hangUpButton.hidden = !shown;
    hangUpButton.disabled = false;
    hangUpButton.textContent = "Hang up";
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const to = toInput.value.trim();
    callButton.disabled = true;
    view.placing(to);
    try {
      const flow = flowSelect.value || undefined;
      const call = await proxy.createCall({ to, ...(flow ? { flow } : {}) });
      live = call.sid;
      showHangUp(true);
      // Statuses arrive as the proxy pushes them (its event stream), or by polling an older proxy.
      await proxy.watchCall(call.sid, {
        interval: 400,
        maxInterval: 2000,
        onStatus: (current) => view.update(current, isFinalStatus(current.status)),
      });
    } catch (error) {
      view.problem(describeError(error, locale), true);
    } finally {
      live = undefined;
      showHangUp(false);
      callButton.disabled = false;
    }
  });

  hangUpButton.addEventListener("click", async () => {
    const sid = live;
    if (!sid) return;
    hangUpButton.disabled = true;
    hangUpButton.textContent = "Hanging up…";
    view.clearProblem();
    try {
      const call = await proxy.hangUp(sid);
      if (live === sid) view.update(call, isFinalStatus(call.status));
    } catch (error) {
      // The call goes on (or ended by itself): the stream keeps the status current.
      view.problem(describeError(error, locale), false);
      if (live === sid) showHangUp(true);
    }
  });

  (document.getElementById("mode") as HTMLElement).textContent = describeMode(config);
  showFlows(config.flows);
  showSpecialDestinations(config);
  callButton.disabled = false;
};

loadDemoConfig().then(start, (error: unknown) => view.problem(describeError(error, locale), true));
