/** Types of server/bundle.mjs (plain JavaScript: `npm start` runs it before TypeScript can load). */
export function bundleServer(entry: string, outfile: string): Promise<string>;
