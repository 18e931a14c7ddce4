/** Strings of the case list. */
export const cases = {
  nl: {
    "cases.title": "Mijn casussen",
    "cases.empty": "U bent nog bij geen enkele casus betrokken.",
    "cases.reference": "Kenmerk",
    "cases.household": "Huishouden",
    "cases.phase": "Fase",
    "cases.categories": "Categorieën",
    "cases.myRole": "Mijn rol",
    "cases.regionRole": "Zicht als procesregisseur",
    "cases.priority": "Voorrang",
    "caseTabs.label": "Onderdelen van de casus",
    "caseTabs.plan": "Veiligheidsplan",
  },
  en: {
    "cases.title": "My cases",
    "cases.empty": "You are not involved in any case yet.",
    "cases.reference": "Reference",
    "cases.household": "Household",
    "cases.phase": "Phase",
    "cases.categories": "Categories",
    "cases.myRole": "My role",
    "cases.regionRole": "Visible as coordinator",
    "cases.priority": "Priority",
    "caseTabs.label": "Parts of the case",
    "caseTabs.plan": "Safety plan",
  },
} as const;
