/** `npm start`: build the web app when missing or stale, then run the server. */
import { ensureWebBuild } from "./build-web";

ensureWebBuild();
const { main } = await import("./main");
await main();
