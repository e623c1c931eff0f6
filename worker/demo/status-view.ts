import type { ProxyCallDetails } from "../../src/proxy-client/index.js";
import type { ErrorText } from "./describe-error.js";

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

const time = (iso: string): string => new Date(iso).toLocaleTimeString();

/** The status region: the current status (announced politely), its history, and errors (alerts). */
export const createStatusView = () => {
  const status = byId<HTMLParagraphElement>("status");
  const info = byId<HTMLParagraphElement>("call-info");
  const history = byId<HTMLOListElement>("history");
  const error = byId<HTMLDivElement>("error");
  const setStatus = (text: string, final?: string) => {
    status.textContent = text;
    if (final) status.dataset.final = final;
    else delete status.dataset.final;
  };
  return {
    /** Clears the previous call and says a new one is being placed. */
    placing(to: string) {
      history.replaceChildren();
      error.replaceChildren();
      info.textContent = "";
      setStatus(`Calling ${to}…`);
    },
    /** Shows a status the call reached, and adds it to the history. */
    update(call: ProxyCallDetails, final: boolean) {
      const duration = final && call.duration !== null ? `, ${call.duration} s` : "";
      const answered = call.answeredBy ? `, answered by ${call.answeredBy}` : "";
      setStatus(`${call.status}${duration}${answered}`, final ? call.status : undefined);
      info.textContent = `Call ${call.sid} to ${call.to} from ${call.from}, flow ${call.flow}`;
      const item = document.createElement("li");
      item.textContent = `${call.status} at ${time(call.updatedAt)}`;
      history.append(item);
    },
    /** Shows why placing or following the call failed. */
    fail(problem: ErrorText) {
      setStatus("No call in progress.");
      const title = document.createElement("strong");
      title.textContent = problem.title;
      const detail = document.createElement("p");
      detail.textContent = problem.detail;
      error.replaceChildren(title, detail);
    },
  };
};

/** The page's status view. */
export type StatusView = ReturnType<typeof createStatusView>;
