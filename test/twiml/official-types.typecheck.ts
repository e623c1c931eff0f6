// Compiled by `npm run typecheck`, never run: TwiML code typed with the official package's types
// must compile unchanged against this package's builder.
import type Official from "twilio/lib/twiml/VoiceResponse.js";
import { VoiceResponse } from "../../src/twiml/index.js";

type Aliases = "interpretAs" | "xmlLang";
/** True when every value of the official type is accepted and both declare the same attributes. */
type Compatible<O, Ours> = [O] extends [Ours]
  ? [keyof O] extends [Exclude<keyof Ours, Aliases>]
    ? [Exclude<keyof Ours, Aliases>] extends [keyof O]
      ? true
      : false
    : false
  : false;
const compatible = <_ extends true>() => {};

compatible<Compatible<Official.AiSessionAttributes, VoiceResponse.AiSessionAttributes>>();
compatible<Compatible<Official.ApplicationAttributes, VoiceResponse.ApplicationAttributes>>();
compatible<Compatible<Official.ClientAttributes, VoiceResponse.ClientAttributes>>();
compatible<Compatible<Official.ConferenceAttributes, VoiceResponse.ConferenceAttributes>>();
compatible<Compatible<Official.ConfigAttributes, VoiceResponse.ConfigAttributes>>();
compatible<Compatible<Official.ConnectAttributes, VoiceResponse.ConnectAttributes>>();
compatible<Compatible<Official.ConversationAttributes, VoiceResponse.ConversationAttributes>>();
compatible<
  Compatible<Official.ConversationRelayAttributes, VoiceResponse.ConversationRelayAttributes>
>();
compatible<
  Compatible<
    Official.ConversationRelaySessionAttributes,
    VoiceResponse.ConversationRelaySessionAttributes
  >
>();
compatible<Compatible<Official.DialAttributes, VoiceResponse.DialAttributes>>();
compatible<Compatible<Official.EnqueueAttributes, VoiceResponse.EnqueueAttributes>>();
compatible<Compatible<Official.GatherAttributes, VoiceResponse.GatherAttributes>>();
compatible<Compatible<Official.HeaderAttributes, VoiceResponse.HeaderAttributes>>();
compatible<Compatible<Official.LanguageAttributes, VoiceResponse.LanguageAttributes>>();
compatible<Compatible<Official.NumberAttributes, VoiceResponse.NumberAttributes>>();
compatible<Compatible<Official.ParameterAttributes, VoiceResponse.ParameterAttributes>>();
compatible<Compatible<Official.PauseAttributes, VoiceResponse.PauseAttributes>>();
compatible<Compatible<Official.PayAttributes, VoiceResponse.PayAttributes>>();
compatible<Compatible<Official.PlayAttributes, VoiceResponse.PlayAttributes>>();
compatible<Compatible<Official.PromptAttributes, VoiceResponse.PromptAttributes>>();
compatible<Compatible<Official.QueueAttributes, VoiceResponse.QueueAttributes>>();
compatible<Compatible<Official.RecordAttributes, VoiceResponse.RecordAttributes>>();
compatible<Compatible<Official.RecordingAttributes, VoiceResponse.RecordingAttributes>>();
compatible<Compatible<Official.RedirectAttributes, VoiceResponse.RedirectAttributes>>();
compatible<Compatible<Official.ReferAttributes, VoiceResponse.ReferAttributes>>();
compatible<Compatible<Official.RejectAttributes, VoiceResponse.RejectAttributes>>();
compatible<Compatible<Official.RoomAttributes, VoiceResponse.RoomAttributes>>();
compatible<Compatible<Official.SayAttributes, VoiceResponse.SayAttributes>>();
compatible<Compatible<Official.SipAttributes, VoiceResponse.SipAttributes>>();
compatible<Compatible<Official.SiprecAttributes, VoiceResponse.SiprecAttributes>>();
compatible<Compatible<Official.SipUriAttributes, VoiceResponse.SipUriAttributes>>();
compatible<Compatible<Official.SmsAttributes, VoiceResponse.SmsAttributes>>();
compatible<Compatible<Official.SsmlBreakAttributes, VoiceResponse.SsmlBreakAttributes>>();
compatible<Compatible<Official.SsmlEmphasisAttributes, VoiceResponse.SsmlEmphasisAttributes>>();
compatible<Compatible<Official.SsmlLangAttributes, VoiceResponse.SsmlLangAttributes>>();
compatible<Compatible<Official.SsmlPhonemeAttributes, VoiceResponse.SsmlPhonemeAttributes>>();
compatible<Compatible<Official.SsmlProsodyAttributes, VoiceResponse.SsmlProsodyAttributes>>();
compatible<Compatible<Official.SsmlSayAsAttributes, VoiceResponse.SsmlSayAsAttributes>>();
compatible<Compatible<Official.SsmlSubAttributes, VoiceResponse.SsmlSubAttributes>>();
compatible<Compatible<Official.SsmlWAttributes, VoiceResponse.SsmlWAttributes>>();
compatible<Compatible<Official.StartAttributes, VoiceResponse.StartAttributes>>();
compatible<Compatible<Official.StreamAttributes, VoiceResponse.StreamAttributes>>();
compatible<Compatible<Official.TaskAttributes, VoiceResponse.TaskAttributes>>();
compatible<Compatible<Official.TranscriptionAttributes, VoiceResponse.TranscriptionAttributes>>();
compatible<Compatible<Official.VirtualAgentAttributes, VoiceResponse.VirtualAgentAttributes>>();
compatible<Compatible<Official.WhatsAppAttributes, VoiceResponse.WhatsAppAttributes>>();

export const officialTypedCode = (
  say: Official.SayAttributes,
  relay: Official.ConversationRelayAttributes,
) => {
  const response = new VoiceResponse();
  response.say(say, "Hello");
  const voiceAgent: VoiceResponse.ConversationRelay = response.connect().conversationRelay(relay);
  voiceAgent.language({ code: "en-US", ttsProvider: "ElevenLabs" });
  const ssml: VoiceResponse.Say = response.say("Your code is ");
  ssml.sayAs({ "interpret-as": "digits" }, "1234");
  ssml.sayAs({ interpretAs: "digits" }, "1234");
  ssml.lang({ "xml:lang": "fr-FR" }, "merci").emphasis({ level: "strong" }, "beaucoup");
  response.comment("generated").commentBefore("v1").commentAfter("end");
  const node: ReturnType<VoiceResponse["hangup"]> = response.hangup();
  return node.toString();
};

export const wrongNesting = () => {
  const response = new VoiceResponse();
  // @ts-expect-error <Number> belongs in <Dial>, not in <Response>
  response.number("+15558675310");
  // @ts-expect-error <Say> nests SSML, not <Dial>
  response.say("x").dial();
  // @ts-expect-error <w> nests no <p>, as in the official types
  response.say("x").w("word").p("paragraph");
  // @ts-expect-error an unknown attribute does not compile
  response.say({ voise: "alice" }, "typo");
  // @ts-expect-error comments are on the <Response> only, as in the official library
  response.say("x").comment("no");
};
