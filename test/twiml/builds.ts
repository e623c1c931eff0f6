// TwiML builds written once against the VoiceResponse API; the differential test runs each with
// this package's class and with the official one.
import type { VoiceResponse } from "../../src/twiml/index.js";

/** A VoiceResponse class: this package's or the official library's. */
export type VoiceResponseClass = new () => VoiceResponse;
type Build = (Response: VoiceResponseClass) => string;

const HOSTILE = `Tom & Jerry <script>alert("x")</script> 'single' > "double" ]]> &amp;`;
const NON_ASCII = "Grüße, Zoë! 你好 مرحبا 👋🏽 café";

const build =
  (steps: (r: VoiceResponse) => void): Build =>
  (Response) => {
    const response = new Response();
    steps(response);
    return response.toString();
  };

/** Name of each build and the build itself. */
export const BUILDS: Record<string, Build> = {
  "empty response": build(() => {}),
  "say text": build((r) => r.say("Hello")),
  "say with attributes": build((r) =>
    r.say({ voice: "Polly.Joanna", language: "en-US", loop: 2 }, "Hi"),
  ),
  "say hostile text": build((r) => r.say(HOSTILE)),
  "say non-ASCII": build((r) => r.say({ language: "de-DE" }, NON_ASCII)),
  "say empty string": build((r) => r.say("")),
  "say attributes and empty text": build((r) => r.say({ voice: "alice" }, "")),
  "say whitespace controls": build((r) => r.say("line1\r\nline2\ttab\rcr")),
  "injection attempt in text": build((r) => {
    r.say(`</Say><Dial>+19005550100</Dial><Say>`);
    r.hangup();
  }),
  "play url": build((r) => r.play("https://example.com/a.mp3?x=1&y=2")),
  "play digits, no url": build((r) => r.play({ digits: "wwww3" })),
  "play loop zero": build((r) => r.play({ loop: 0 }, "https://example.com/hold.mp3")),
  "play no arguments": build((r) => r.play()),
  "pause default and length": build((r) => {
    r.pause();
    r.pause({ length: 5 });
  }),
  "gather empty": build((r) => r.gather()),
  "gather nesting say, play, pause": build((r) => {
    const gather = r.gather({
      input: ["dtmf", "speech"],
      numDigits: 1,
      timeout: 5,
      action: "/gather?step=1&lang=en",
      bargeIn: true,
      profanityFilter: false,
      actionOnEmptyResult: false,
      speechTimeout: "auto",
      hints: "yes, no, <maybe>",
    });
    gather.say("Press 1");
    gather.pause({ length: 1 });
    gather.play("https://example.com/beep.mp3");
    gather.say({ voice: "man" }, HOSTILE);
    r.say("We did not receive any input.");
    r.redirect("/again");
  }),
  "gather children added after later verbs": build((r) => {
    const gather = r.gather({ numDigits: 4 });
    r.say("after");
    gather.say("inside");
    gather.play({ loop: 3 });
  }),
  "dial a number as text": build((r) => r.dial("+15558675310")),
  "dial with attributes": build((r) =>
    r.dial(
      {
        callerId: "+15017122661",
        timeout: 20,
        timeLimit: 600,
        answerOnBridge: true,
        hangupOnStar: false,
        record: "record-from-answer-dual",
        recordingStatusCallbackEvent: ["in-progress", "completed"],
        action: "https://example.com/after?a=1&b=2",
        ringTone: "uk",
      },
      "+15558675310",
    ),
  ),
  "dial nesting every noun": build((r) => {
    const dial = r.dial({ sequential: true });
    dial.number(
      { sendDigits: "wwww1928", statusCallbackEvent: ["initiated", "answered"], url: "/whisper" },
      "+15558675310",
    );
    dial.number("+442079460000");
    dial.client("alice");
    dial.client({ statusCallback: "/client-status" }, "bob & co");
    dial.client();
    dial.sip({ username: 'adm"in', password: "p&ss<word>" }, "sip:alice@example.com;transport=tls");
    dial.sip();
    dial.conference(
      {
        beep: "false",
        startConferenceOnEnter: true,
        endConferenceOnExit: false,
        maxParticipants: 10,
        statusCallbackEvent: ["start", "end", "join"],
        waitUrl: "",
      },
      "Room <1> & 2",
    );
    dial.queue({ url: "/about-to-connect" }, "support");
    dial.queue("sales");
  }),
  "record with attributes": build((r) =>
    r.record({
      maxLength: 30,
      playBeep: false,
      transcribe: true,
      trim: "trim-silence",
      finishOnKey: "#*",
      recordingStatusCallbackEvent: ["completed", "absent"],
    }),
  ),
  "record no attributes": build((r) => r.record()),
  "redirect forms": build((r) => {
    r.redirect("https://example.com/next?a=1&b=<2>");
    r.redirect({ method: "GET" }, "/next");
  }),
  "reject forms": build((r) => {
    r.reject();
    r.reject({ reason: "busy" });
  }),
  "hangup and leave": build((r) => {
    r.leave();
    r.hangup();
  }),
  "enqueue forms": build((r) => {
    r.enqueue("support");
    r.enqueue({ waitUrl: "/wait?music=jazz&loop=1", workflowSid: "WW123", maxQueueSize: 50 }, "s");
    r.enqueue();
  }),
  "attribute escaping": build((r) =>
    r.say({ voice: `a"b<c>&d'e>f`, language: "tab\there\nnewline\rcr" }, "x"),
  ),
  "attribute values of each type": build((r) =>
    r.gather({
      timeout: 0,
      maxSpeechTime: 1.5,
      numDigits: -1,
      bargeIn: true,
      debug: false,
      hints: "",
      input: [],
      language: "fr-FR",
    }),
  ),
  "null and undefined attributes are left out": build((r) =>
    r.say({ voice: undefined, language: null as unknown as string, loop: 1 }, "x"),
  ),
  "attribute order as given": build((r) =>
    r.dial({ timeout: 10, callerId: "+1", action: "/a", answerOnBridge: true }, "+2"),
  ),
  "non-ASCII and astral characters in attributes": build((r) =>
    r.play({ digits: "1" }, "https://例え.jp/音声 👋.mp3"),
  ),
  "addText and addChild": build((r) => {
    r.addText("loose & text");
    const connect = r.addChild("Connect");
    connect.addChild("Stream", { url: "wss://example.com/s?a=1&b=2", track: "both_tracks" });
    const say = r.say("Hello ");
    say.addText("<world>");
  }),
  "toString on a child renders the whole document": (Response) => {
    const r = new Response();
    r.say("one");
    const dial = r.dial();
    dial.number("+15558675310");
    r.hangup();
    return dial.toString();
  },
  "many verbs": build((r) => {
    for (let i = 0; i < 50; i++) r.say({ loop: i }, `Item ${i} & more`);
  }),
  "comments inside, before and after, in the official order": build((r) => {
    r.commentBefore("first before");
    r.commentBefore("second before");
    r.comment("inside, before Say");
    r.say("Hello");
    r.commentAfter("first after");
    r.commentAfter("second after");
    r.comment("inside, after Say");
  }),
  "comments with hostile and edge content": build((r) => {
    r.comment(HOSTILE);
    r.comment("-leading and trailing-");
    r.comment("");
    r.commentAfter(NON_ASCII);
  }),
  "a comment keeps an otherwise empty Response open": build((r) => r.comment("only")),
  "toString on a child includes the comments around the Response": (Response) => {
    const r = new Response();
    r.commentBefore("generated");
    const number = r.dial().number("+15558675310");
    r.commentAfter("end");
    return number.toString();
  },
  "voice agent: Connect, ConversationRelay, Language, Parameter": build((r) => {
    const relay = r.connect({ action: "/after-agent?x=1&y=2" }).conversationRelay({
      url: "wss://agent.example.com/relay?token=a&b=c",
      welcomeGreeting: `Hi ${HOSTILE}`,
      welcomeGreetingInterruptible: "speech",
      ttsProvider: "ElevenLabs",
      voice: "UgBBYS2sOqTuMpoF3BR0",
      transcriptionProvider: "Deepgram",
      language: "en-US",
      interruptible: "any",
      dtmfDetection: true,
      profanityFilter: false,
    });
    relay.language({ code: "fr-FR", ttsProvider: "Google", voice: "fr-FR-Neural2-B" });
    relay.parameter({ name: "customer", value: "Tom & Jerry <VIP>" });
  }),
  "media stream: Connect Stream with parameters": build((r) => {
    const stream = r.connect().stream({ url: "wss://media.example.com/s", track: "inbound_track" });
    stream.parameter({ name: "callId", value: "abc" });
    stream.parameter({ name: "quote", value: `"'` });
  }),
  "live transcription: Start Transcription, then Stop": build((r) => {
    const transcription = r.start({ action: "/started" }).transcription({
      statusCallbackUrl: "https://example.com/transcripts?call=1&x=2",
      languageCode: "en-US",
      track: "both_tracks",
      partialResults: true,
      transcriptionEngine: "google",
      speechModel: "telephony",
      hints: "Twilio, <TwiML>",
      enableAutomaticPunctuation: true,
      inboundTrackLabel: "caller",
      outboundTrackLabel: "agent",
    });
    transcription.config({ name: "interimResults", value: "true" });
    transcription.parameter({ name: "k", value: "v" });
    r.say("This call is transcribed.");
    r.stop().transcription({ name: "t1" });
  }),
  "start recording, stream and siprec": build((r) => {
    const start = r.start();
    start.recording({
      recordingStatusCallbackEvent: ["in-progress", "completed"],
      trim: "do-not-trim",
    });
    start.stream({ name: "s1", url: "wss://a" }).parameter({ name: "x", value: "1" });
    start
      .siprec({ connectorName: "SR", track: "both_tracks" })
      .parameter({ name: "y", value: "2" });
  }),
  "pay with prompts and parameters": build((r) => {
    const pay = r.pay({
      chargeAmount: "10.00",
      paymentConnector: "Stripe_Connector",
      validCardTypes: ["visa", "amex"],
      securityCode: true,
      maxAttempts: 3,
    });
    const prompt = pay.prompt({ for: "payment-card-number", attempt: [1, 2], cardType: ["visa"] });
    prompt.say("Please enter your card number.");
    prompt.pause({ length: 1 });
    prompt.play("https://example.com/beep.mp3");
    pay.parameter({ name: "order", value: "A&B" });
  }),
  "refer, enqueue with a task, queue, echo, sms": build((r) => {
    r.refer({ action: "/refer-done" }).sip("sip:agent@example.com?X-Header=a&b");
    r.enqueue({ workflowSid: "WW0123" }, "support").task(
      { priority: 5, timeout: 30 },
      '{"lang":"en"}',
    );
    r.queue({ url: "/about" }, "sales");
    r.echo();
    r.sms({ to: "+15558675310", from: "+15017122661" }, "Your code is <1234> & valid");
  }),
  "dial every noun, with their own children": build((r) => {
    const dial = r.dial({ callerId: "+15017122661" });
    const application = dial.application({ copyParentTo: true, customerId: "c1" });
    application.applicationSid("AP0123");
    application.parameter({ name: "a", value: "1" });
    const client = dial.client();
    client.identity("alice & bob");
    client.parameter({ name: "b", value: "2" });
    dial.sim("DE0123");
    const sip = dial.sip({ username: "u" });
    sip.uri({ priority: "1", weight: "2" }, "sip:one@example.com");
    sip.headers().header({ name: "X-Id", value: "<42>" });
    dial.whatsApp({ statusCallbackEvent: ["answered"] }, "+15558675310");
  }),
  "SSML inside Say, nested": build((r) => {
    const say = r.say({ voice: "Polly.Joanna-Neural" }, "Hello ");
    say.break({ strength: "x-strong", time: "500ms" });
    const p = say.p("First paragraph. ");
    p.s("A sentence & more.").emphasis({ level: "strong" }, "really");
    say.sayAs({ "interpret-as": "telephone", format: "mdy" }, "+1 555 867 5310");
    say
      .lang({ "xml:lang": "fr-FR" }, "Bonjour ")
      .prosody({ rate: "slow", pitch: "+5%" }, "lentement");
    say.phoneme({ alphabet: "ipa", ph: "təˈmeɪtoʊ" }, "tomato");
    say.sub({ alias: "World Wide Web" }, "WWW");
    say.w({ role: "amazon:VBD" }, "read");
    say.addText(" The end.");
  }),
  "addChild with text in place of attributes, and nested addChild": build((r) => {
    const custom = r.addChild("Custom", { a: "1" });
    (custom as unknown as { addChild(tag: string, text: string): unknown }).addChild(
      "Inner",
      "x & y",
    );
    custom.addChild("Leaf").addText("<z>");
  }),
};
