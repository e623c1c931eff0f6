import type { ProxyCallDetails, ProxyCallStatus } from "../../src/proxy-client/index.js";
import { durationText, type ErrorText } from "./describe-error.js";

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

const time = (iso: string): string => new Date(iso).toLocaleTimeString();

/** Each status as the page names it. */
const LABELS: Record<ProxyCallStatus, string> = {
  queued: "Queued",
  ringing: "Ringing",
  "in-progress": "In progress",
  completed: "Completed",
  busy: "Busy",
  "no-answer": "No answer",
  failed: "Failed",
  canceled: "Canceled",
};

/** What the SIP response code of a failed call says, for the person who placed it. */
const SIP_REASONS: Record<number, string> = {
  404: "the number does not exist",
  410: "the number is no longer in service",
  480: "the phone was unreachable",
  484: "the number is incomplete",
  486: "the line was busy",
  488: "the phone could not take the call",
  502: "the carrier's network failed",
  503: "the carrier's network was unavailable",
  603: "the call was declined",
  604: "the number does not exist",
};

/** What a status means for the person who placed the call. */
export const explainStatus = (call: ProxyCallDetails): string => {
  const answered = call.answeredBy
    ? ` It was answered by ${call.answeredBy.startsWith("machine") ? "a machine" : `a ${call.answeredBy}`}.`
    : "";
  switch (call.status) {
    case "queued":
      return "Twilio has the call and is about to dial.";
    case "ringing":
      return "The phone is ringing. Hang up cancels the call.";
    case "in-progress":
      return `The call was answered.${answered} Hang up ends it.`;
    case "completed":
      return `The call was answered and has ended${call.duration === null ? "" : ` after ${durationText(call.duration * 1000)}`}.${answered}`;
    case "busy":
      return "The line was busy.";
    case "no-answer":
      return "No one answered.";
    case "failed": {
      const reason = call.sipResponseCode === null ? undefined : SIP_REASONS[call.sipResponseCode];
      return reason
        ? `The call could not be connected: ${reason}.`
        : "The call could not be connected: the number may not exist or be out of service.";
    }
    case "canceled":
      return "The call was ended before anyone answered.";
  }
};

/**
 * The status region: the current status (announced politely) with what it means, its history, and
 * problems (alerts): a title and what to do in words, a docs link, and the codes in a details line.
 */
export const createStatusView = () => {
  const status = byId<HTMLParagraphElement>("status");
  const meaning = byId<HTMLParagraphElement>("status-meaning");
  const info = byId<HTMLParagraphElement>("call-info");
  const history = byId<HTMLOListElement>("history");
  const error = byId<HTMLDivElement>("error");
  let last: ProxyCallStatus | undefined;
  const setStatus = (text: string, call?: ProxyCallDetails, final = false) => {
    status.textContent = text;
    meaning.textContent = call ? explainStatus(call) : "";
    if (call) status.dataset.status = call.status;
    else delete status.dataset.status;
    if (final && call) status.dataset.final = call.status;
    else delete status.dataset.final;
  };
  return {
    /** Clears the previous call and says a new one is being placed. */
    placing(to: string) {
      last = undefined;
      history.replaceChildren();
      error.replaceChildren();
      info.textContent = "";
      setStatus(`Calling ${to}…`);
    },
    /** Shows the status the call is in; a new status is added to the history. */
    update(call: ProxyCallDetails, final: boolean) {
      setStatus(LABELS[call.status] ?? call.status, call, final);
      info.textContent = `Call ${call.sid} to ${call.to} from ${call.from}, flow ${call.flow}`;
      if (call.status === last) return;
      last = call.status;
      const item = document.createElement("li");
      item.textContent = `${LABELS[call.status] ?? call.status} at ${time(call.updatedAt)}`;
      history.append(item);
    },
    /** Shows a problem; with `callEnded`, the status line says no call is in progress. */
    problem(text: ErrorText, callEnded: boolean) {
      if (callEnded) setStatus("No call in progress.");
      const title = document.createElement("strong");
      title.textContent = text.title;
      const parts: HTMLElement[] = [title];
      if (text.detail) {
        const detail = document.createElement("p");
        detail.textContent = text.detail;
        parts.push(detail);
      }
      if (text.link) {
        const link = document.createElement("a");
        link.href = text.link.href;
        link.textContent = text.link.text;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        const line = document.createElement("p");
        line.append(link);
        parts.push(line);
      }
      if (text.technical) {
        const technical = document.createElement("p");
        technical.className = "technical";
        technical.textContent = `Details: ${text.technical}`;
        parts.push(technical);
      }
      error.replaceChildren(...parts);
    },
    /** Removes a problem shown earlier. */
    clearProblem() {
      error.replaceChildren();
    },
  };
};

/** The page's status view. */
export type StatusView = ReturnType<typeof createStatusView>;
