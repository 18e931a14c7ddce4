/**
 * English for the messages the server sends (HTTP error answers and Socket.IO refusals). The
 * messages stay Dutch in the code; the answer is translated only where it is serialized, for a
 * client that asks for English. A message not listed here goes out in Dutch, unchanged.
 */

/** Fixed messages, Dutch → English. */
const exact: Record<string, string> = {
  // General (server/errors.ts, app.ts, context.ts, middleware, input.ts).
  "De invoer is ongeldig.": "The input is invalid.",
  "Ongeldig verzoek.": "Invalid request.",
  "Log eerst in.": "Please log in first.",
  "Dit mag u niet doen.": "You may not do this.",
  "Niet gevonden.": "Not found.",
  "Het verzoek is te groot.": "The request is too large.",
  "Te veel pogingen. Probeer het later opnieuw.": "Too many attempts. Try again later.",
  "Dit adres bestaat niet in de API.": "This address does not exist in the API.",
  "Er ging iets mis aan onze kant.": "Something went wrong on our side.",
  "De inhoud is geen geldige JSON.": "The content is not valid JSON.",
  "Voer eerst de code uit uw authenticator-app in.": "First enter the code from your authenticator app.",
  "Kies eerst een eigen wachtwoord.": "First choose a password of your own.",
  "Verzoek van een andere website geweigerd.": "Request from another website refused.",
  "Bevat een ongeldig teken (U+0000).": "Contains an invalid character (U+0000).",
  "Te veel verzoeken. Wacht even.": "Too many requests. Please wait a moment.",
  "Verwacht een object.": "Expected an object.",

  // Login, second factor, passwords, invitations.
  "E-mailadres of wachtwoord onjuist.": "E-mail address or password incorrect.",
  "De code klopt niet. Probeer de nieuwste code uit uw app.":
    "The code is not correct. Try the latest code from your app.",
  "Koppel eerst een authenticator-app.": "Link an authenticator app first.",
  "Er is al een authenticator-app gekoppeld.": "An authenticator app is already linked.",
  "Begin eerst met koppelen.": "Start linking first.",
  "Uw huidige wachtwoord klopt niet.": "Your current password is not correct.",
  "Kies een wachtwoord van hoogstens 256 tekens.": "Choose a password of at most 256 characters.",
  "Dit wachtwoord is te bekend. Kies een ander.": "This password is too common. Choose another one.",
  "Gebruik uw e-mailadres niet in uw wachtwoord.": "Do not use your e-mail address in your password.",
  "Deze uitnodiging is ongeldig, verlopen of al gebruikt.":
    "This invitation is invalid, has expired or has already been used.",
  "Er bestaat al een account met dit e-mailadres. Vraag degene die u uitnodigde u als lid toe te voegen.":
    "An account with this e-mail address already exists. Ask whoever invited you to add you as a member.",

  // Cases, members, readers, break-glass.
  "Casus niet gevonden.": "Case not found.",
  "Dit mag u niet doen in deze casus.": "You may not do this in this case.",
  "Alleen een procesregisseur kan een casus aanmaken.": "Only a coordinator can create a case.",
  "De begindatum ligt na de einddatum.": "The start date is after the end date.",
  "Er bestaat al een casus met dit kenmerk.": "A case with this reference already exists.",
  "Deze sectie heeft geen lijst van lezers.": "This section has no list of readers.",
  "Deze persoon is ervaringsdeskundige en kan alleen als ervaringsdeskundige lid zijn: een ervaringsdeskundige ziet geen politie- en justitie-informatie.":
    "This person is an expert by experience and can only be a member as one: an expert by experience does not see police or justice information.",
  "Deze casus heeft al een casusregisseur. Draag de regie over door een lid casusregisseur te maken.":
    "This case already has a case director. Hand over the lead by making another member case director.",
  "De casusregisseur blijft regisseur tot de regie naar een ander lid gaat: maak eerst een ander lid casusregisseur.":
    "The case director keeps the lead until it passes to another member: first make another member case director.",
  "Een casus houdt een voorzitter: maak eerst een ander lid voorzitter.":
    "A case keeps a chair: first make another member chair.",
  "Deze persoon is geen lid van de casus.": "This person is not a member of the case.",
  "Deze persoon kan niet worden toegevoegd.": "This person cannot be added.",
  "Deze persoon is al lid van de casus.": "This person is already a member of the case.",
  "Alleen leden van de casus kunnen lezer zijn.": "Only members of the case can be readers.",
  "Een ervaringsdeskundige kan geen lezer zijn van politie- en justitie-informatie.":
    "An expert by experience cannot be a reader of police and justice information.",
  "Dit e-mailadres heeft al een account: voeg de persoon toe als lid.":
    "This e-mail address already has an account: add the person as a member.",
  "Deze versie bestaat niet.": "This version does not exist.",
  "Kies een fase.": "Choose a phase.",
  "Geef een reden op (minstens 3 tekens).": "Give a reason (at least 3 characters).",
  "De reden is te lang.": "The reason is too long.",
  "Na een nieuw incident gaat de casus terug naar veiligheid.":
    "After a new incident, the case goes back to the Safety phase.",
  "De casus is al in deze fase.": "The case is already in this phase.",

  // Administration.
  "Alleen een beheerder mag dit.": "Only an administrator may do this.",
  "Account niet gevonden.": "Account not found.",
  "Onbekende organisatie.": "Unknown organisation.",
  "Er bestaat al een account met dit e-mailadres.": "An account with this e-mail address already exists.",
  "U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.":
    "You cannot change your own role; ask another administrator.",
  "U kunt uw eigen account niet blokkeren.": "You cannot block your own account.",

  // Conferences, decisions, actions.
  "Overleg niet gevonden.": "Conference not found.",
  "Neem eerst deel aan het overleg.": "Join the conference first.",
  "Dit overleg is al begonnen of afgesloten.": "This conference has already started or ended.",
  "Dit tijdstip ligt in het verleden. Kies vandaag of later.":
    "This time is in the past. Choose today or later.",
  "Het verslag is er zodra de voorzitter het overleg afsluit.":
    "The minutes are available once the chair ends the conference.",
  "Eén voorstel is nog niet aangenomen of ingetrokken.":
    "One proposal has not been adopted or withdrawn yet.",
  "Nog open.": "Still open.",
  "Eén te laat actiepunt heeft nog geen reden of nieuwe status.":
    "One late action has no reason or new status yet.",
  "Besluit niet gevonden.": "Decision not found.",
  "Dit kan alleen tijdens een lopend overleg.": "This is only possible during a conference in progress.",
  "Dit besluit is vastgesteld en kan niet meer veranderen.":
    "This decision has been adopted and can no longer change.",
  "Dit besluit is ingetrokken.": "This decision has been withdrawn.",
  "Dit besluit is al vastgesteld.": "This decision has already been adopted.",
  "Alleen aanwezige deelnemers geven een standpunt.":
    "Only participants who are present can give a position.",
  "Deze tekst raakt aan de contra-indicaties bij intiem terreur. Geef een reden om toch door te gaan.":
    "This text touches on what is contra-indicated in intimate terrorism. Give a reason to go ahead anyway.",
  "Alleen de voorzitter kan vastleggen waarom het overleg ondanks de waarschuwing doorgaat.":
    "Only the chair can record why the conference goes ahead despite the warning.",
  "Actiepunt niet gevonden.": "Action not found.",
  "Actiepunt niet gevonden in deze casus.": "Action not found in this case.",
  "Actiepunten worden vastgelegd tijdens een lopend overleg.":
    "Actions are recorded during a conference in progress.",
  "De eigenaar moet lid zijn van de casus.": "The owner must be a member of the case.",
  "Deze datum ligt in het verleden. Kies vandaag of later.":
    "This date is in the past. Choose today or later.",
  "Dit besluit bestaat niet (meer).": "This decision does not exist (any more).",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Open.":
    "Someone else has changed this action meanwhile: its status is now Open.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Bezig.":
    "Someone else has changed this action meanwhile: its status is now In progress.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Gereed.":
    "Someone else has changed this action meanwhile: its status is now Done.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de status is nu Vervallen.":
    "Someone else has changed this action meanwhile: its status is now Cancelled.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de reden van vertraging is nu Omstandigheden gewijzigd.":
    "Someone else has changed this action meanwhile: its reason for delay is now Circumstances changed.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: de reden van vertraging is nu Niet uitgevoerd.":
    "Someone else has changed this action meanwhile: its reason for delay is now Not carried out.",
  "Iemand anders heeft dit actiepunt intussen gewijzigd: er is nu geen reden van vertraging.":
    "Someone else has changed this action meanwhile: it now has no reason for delay.",

  // Escalations.
  "Geen geldige casus.": "Not a valid case.",
  "Geen geldig actiepunt.": "Not a valid action.",
  "Geen geldige id.": "Not a valid id.",
  "Geef een uitkomst op (minstens 3 tekens).": "Give an outcome (at least 3 characters).",
  "Een reden is te lang.": "The reason is too long.",
  "Een uitkomst is te lang.": "The outcome is too long.",
  "Dit is al op het hoogste niveau (bestuurlijk overleg) geëscaleerd.":
    "This has already been escalated to the highest level (administrative consultation).",
  "Escalatie niet gevonden.": "Escalation not found.",
  "Deze escalatie is al afgesloten.": "This escalation has already been resolved.",
  "Een escalatie naar de casusregisseur sluiten alleen de casusregisseur en de procesregisseur af.":
    "Only the case director and the coordinator can resolve an escalation to the case director.",
  "Een escalatie boven de casusregisseur sluit alleen de procesregisseur af.":
    "Only the coordinator can resolve an escalation above the case director.",
  "Dit actiepunt is al gereed: er valt niets meer te escaleren.":
    "This action is already done: there is nothing left to escalate.",
  "Dit actiepunt is vervallen: er valt niets meer te escaleren.":
    "This action has been cancelled: there is nothing left to escalate.",

  // Schemas in shared/schemas.
  "Vul een geldig e-mailadres in.": "Fill in a valid e-mail address.",
  "Vul uw wachtwoord in.": "Fill in your password.",
  "De code bestaat uit 6 cijfers.": "The code has 6 digits.",
  "Vul een naam in.": "Fill in a name.",
  "Ongeldige verwijzing.": "Invalid reference.",
  "Vul een kenmerk in.": "Fill in a reference.",
  "Gebruik alleen letters, cijfers, punt, streep en liggend streepje.":
    "Use only letters, digits, full stops, hyphens and underscores.",
  "Vul een aanduiding van het huishouden in.": "Fill in a name for the household.",
  "Een casusregisseur wordt als lid toegevoegd, niet uitgenodigd.":
    "A case director is added as a member, not invited.",
  "Kies een wachtwoord.": "Choose a password.",
  "Geef aan wat er verandert.": "Say what changes.",
  "Vul uw huidige wachtwoord in.": "Fill in your current password.",
  "Kies een nieuw wachtwoord.": "Choose a new password.",
  "Ongeldige id.": "Invalid id.",
  "Geef een reden.": "Give a reason.",
  "Vul een omschrijving in.": "Fill in a description.",
  "Vul een agendapunt in.": "Fill in an agenda item.",
  "Dit agendapunt bestaat niet.": "This agenda item does not exist.",
  "Vul het besluit in.": "Fill in the decision.",
  "Geef een reden bij bezwaar.": "Give a reason for your objection.",
  "Gebruik de vorm JJJJ-MM-DD.": "Use the form YYYY-MM-DD.",
  "Deze datum bestaat niet.": "This date does not exist.",
  "Gebruik een ISO-tijdstip.": "Use an ISO 8601 date and time.",

  // zod's own problems (shared/schemas/messages.ts).
  "Vul dit veld in.": "Fill in this field.",
  "Alleen een gesloten casus kan worden vernietigd.": "Only a closed case can be destroyed.",
  "Typ het kenmerk van de casus om te bevestigen.": "Type the case's reference to confirm.",
  "Dit is niet het kenmerk van deze casus.": "This is not the reference of this case.",
  "Kies een datum vanaf vandaag.": "Choose a date from today on.",
  "Een huisverbod duurt hoogstens vier weken na het opleggen.":
    "A restraining order lasts at most four weeks from the day it was imposed.",
  "Een huisverbod is al opgelegd: kies vandaag of een eerdere dag.":
    "A restraining order has already been imposed: choose today or an earlier day.",
  "De laatste dag valt niet vóór de dag van opleggen.":
    "The last day cannot be before the day it was imposed.",
  "Vul in op welke dag het huisverbod is opgelegd.": "Fill in the day the restraining order was imposed.",
  "Dit veld ontbreekt.": "This field is missing.",
  "Deze waarde heeft niet de goede vorm.": "This value does not have the right form.",
  "Kies een van de mogelijke waarden.": "Choose one of the possible values.",
  "Ongeldige datum.": "Invalid date.",
  "Deze waarde is ongeldig.": "This value is invalid.",

  // Connections per session (server/conference/index.ts).
  "Er staan te veel verbindingen open met deze sessie. Sluit een ander tabblad: dit verbindt daarna vanzelf.":
    "Too many connections are open with this session. Close another tab: this one then connects by itself.",

  // Who may be an ervaringsdeskundige on a case (server/policy/people.ts).
  "Deze persoon is procesregisseur of beheerder en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen rol in de regio.":
    "This person is a coordinator or administrator and cannot be an expert by experience: an expert by experience has no role in the region.",
  "Deze persoon heeft een account van een organisatie en kan geen ervaringsdeskundige zijn: een ervaringsdeskundige heeft geen organisatie-account. Nodig een ervaringsdeskundige uit met een link.":
    "This person has an organisation's account and cannot be an expert by experience: an expert by experience has no organisation account. Invite an expert by experience with a link.",
  "Deze persoon heeft op een andere casus een andere rol en kan hier geen ervaringsdeskundige zijn: wie ervaringsdeskundige is, is dat op elke casus.":
    "This person has another role on another case and cannot be an expert by experience here: whoever is an expert by experience is one on every case.",
};

const num = String.raw`(-?\d+(?:\.\d+)?)`;
const plural = (n: string, one: string, many: string) => `${n} ${n === "1" ? one : many}`;

/** Messages with values in them (limits, years, counts, field names), as patterns. */
const patterns: [RegExp, (...values: string[]) => string][] = [
  [new RegExp(`^Hoogstens ${num} tekens?\\.$`), (n) => `At most ${plural(n, "character", "characters")}.`],
  [new RegExp(`^Hoogstens ${num} keuzes?\\.$`), (n) => `At most ${plural(n, "choice", "choices")}.`],
  [new RegExp(`^Hoogstens ${num} agendapunten\\.$`), (n) => `At most ${n} agenda items.`],
  [new RegExp(`^Hoogstens ${num}\\.$`), (n) => `At most ${n}.`],
  [new RegExp(`^Minimaal ${num} tekens?\\.$`), (n) => `At least ${plural(n, "character", "characters")}.`],
  [new RegExp(`^Kies er minimaal ${num}\\.$`), (n) => `Choose at least ${n}.`],
  [new RegExp(`^Minstens ${num}\\.$`), (n) => `At least ${n}.`],
  // The names are the keys the client sent; they go back as they came, never logged.
  [/^Onbekend veld: (.+)\.$/s, (keys) => `Unknown field: ${keys}.`],
  [
    new RegExp(`^Kies een wachtwoord van minstens ${num} tekens\\.$`),
    (n) => `Choose a password of at least ${n} characters.`,
  ],
  [
    new RegExp(`^Geef een reden van minstens ${num} tekens\\.$`),
    (n) => `Give a reason of at least ${n} characters.`,
  ],
  [
    new RegExp(`^Kies een datum tussen ${num} en ${num}\\.$`),
    (a, b) => `Choose a date between ${a} and ${b}.`,
  ],
  [/^De bewaartermijn loopt nog tot (\d{4}-\d{2}-\d{2})\.$/, (day) => `The file must be kept until ${day}.`],
  [
    new RegExp(`^${num} te late actiepunten hebben nog geen reden of nieuwe status\\.$`),
    (n) => `${n} late actions have no reason or new status yet.`,
  ],
  [
    new RegExp(`^${num} voorstellen zijn nog niet aangenomen of ingetrokken\\.$`),
    (n) => `${n} proposals have not been adopted or withdrawn yet.`,
  ],
];

/** The English of a message the server sends; an unknown message comes back unchanged (Dutch). */
export function inEnglish(message: string): string {
  const fixed = exact[message];
  if (fixed !== undefined) return fixed;
  for (const [pattern, english] of patterns) {
    const m = pattern.exec(message);
    if (m) return english(...m.slice(1));
  }
  return message;
}

/** An error body's `{code, message, details}` in English; other fields (warnings) stay as they are. */
export function errorInEnglish<E extends { code: string; message: string; details?: { message: string }[] }>(
  error: E,
): E {
  // The details of unexplained late actions are the actions' titles: user text, never translated.
  const details =
    error.details && error.code !== "late_actions_unexplained"
      ? error.details.map((d) => ({ ...d, message: inEnglish(d.message) }))
      : error.details;
  return { ...error, message: inEnglish(error.message), ...(details ? { details } : {}) };
}

/**
 * Whether an `Accept-Language` header prefers English over Dutch: of the `en` and `nl` tags, the one
 * with the highest weight wins (the first on a tie); no header, or neither language, means Dutch.
 */
export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  let best: { english: boolean; q: number } | undefined;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const language = tag.split("-")[0];
    if (language !== "en" && language !== "nl") continue;
    const weight = params.find((p) => p.startsWith("q="));
    const q = weight ? Number(weight.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { english: language === "en", q };
  }
  return best?.english ?? false;
}
