import { readFile, writeFile } from 'node:fs/promises';
import { withSettingsTable } from './readme-settings.js';

/** `npm run docs:settings`: regenerates the README's settings table from config/settings.ts. */
const file = new URL('../README.md', import.meta.url);
await writeFile(file, withSettingsTable(await readFile(file, 'utf8')));
console.log('README.md settings table regenerated');
