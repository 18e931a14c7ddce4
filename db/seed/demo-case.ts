/** The fictional demo household MDA-DEMO-001 (handbook: DEMO-CASE.md). Every name and fact is invented. */
import type { SectionKey } from "../../shared/plan";
import type { Block } from "./plan-text";

/** Plan text per section. */
export const demoPlanText: Record<SectionKey, Block[]> = {
  household: [
    ["Moeder Sanne (34)", "Vader Erkan (37), sinds twee maanden uit huis", "Noor (9) en Daan (6)"],
    "Oma van moederskant woont in dezelfde wijk en is bereid te helpen. Buurvrouw Fatma is vertrouwenspersoon van moeder.",
  ],
  concerns: [
    "Drie politiemeldingen in een jaar; bij de laatste (zes weken geleden) greep vader moeder bij de keel in bijzijn van de kinderen.",
    "Vader controleert telefoon en geld van moeder en dreigt de kinderen mee te nemen. Noor slaapt slecht en wil niet naar school.",
  ],
  risk: [
    "RiHG afgenomen door Veilig Thuis: 2 rode signalen (wurging, dreiging met ontvoering).",
    "B-SAFER door reclassering: hoog risico op herhaling.",
  ],
  conditions: [
    [
      "Er is geen fysiek geweld en geen dreiging meer in het bijzijn van de kinderen.",
      "Vader komt niet ongevraagd naar de woning.",
      "Contact van vader met de kinderen alleen begeleid.",
    ],
  ],
  goals: [
    "Moeder wil dat de kinderen zich weer veilig voelen en dat zij zelf weer kan werken.",
    'De kinderen willen hun vader kunnen zien "als hij niet boos is".',
  ],
  immediate_safety: [
    [
      "Moeder heeft een AWARE-alarm (politie regelt, deze week).",
      "Oma haalt de kinderen van school op dinsdag en donderdag.",
      "Bij dreiging belt moeder 112; Fatma weet van het signaalwoord.",
    ],
  ],
  stable_safety: [
    "Vader volgt daderhulp bij de reclassering; begeleide omgang via het omgangshuis, eens per twee weken. Evaluatie na acht weken.",
  ],
  signals: [
    "Vader staat weer bij de school of de woning; berichten 's nachts; moeder trekt zich terug bij oma en Fatma.",
    "Wie ziet het: school, oma, wijkteam. Actie: melden aan de casusregisseur, bij acuut gevaar 112.",
  ],
  child_voice: [
    'Noor (Drie Huizen): "Ik ben bang als papa schreeuwt. Bij oma is het fijn. Ik wil dat mama niet meer huilt."',
    "Daan tekent een huis met een hek eromheen.",
  ],
  lived_experience: [
    "Uit eigen ervaring: zorg dat moeder niet alleen naar het gesprek met vader hoeft; een gezamenlijk gesprek voelt voor haar als een val.",
    "Vraag wat zij nodig heeft om de alarmknop echt te gebruiken.",
  ],
  care: [
    [
      "Moeder: traumabehandeling GGZ (aanmelding loopt).",
      "Kinderen: screening traumaklachten, praatgroep voor Noor.",
      "Vader: daderhulp, verslavingszorg onderzoeken (alcohol).",
    ],
  ],
  monitoring: [
    "De casusregisseur belt moeder wekelijks; school meldt afwezigheid van Noor dezelfde dag.",
    "Volgende evaluatie in het MDA++-overleg over zes weken. Over naar risicogestuurde zorg als er acht weken geen incidenten zijn.",
  ],
  confidential: [
    "Lopend strafrechtelijk onderzoek (mishandeling); zitting gepland.",
    "Vader heeft een contactverbod als bijzondere voorwaarde in voorbereiding.",
  ],
};

/** The agenda of the first conference. */
export const demoAgenda = [
  { title: "Openstaande actiepunten" },
  { title: "Grootste zorg", sectionKey: "concerns" },
  { title: "Directe veiligheid", sectionKey: "immediate_safety" },
  { title: "Stem van het kind", sectionKey: "child_voice" },
  { title: "Besluiten en actiepunten" },
];
