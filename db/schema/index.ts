/** The whole Drizzle schema of Eén Plan. */
export * from "./actions";
export * from "./audit";
export * from "./cases";
export * from "./conferences";
export * from "./identity";
export * from "./outbox";
export * from "./plan";
