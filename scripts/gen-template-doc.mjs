#!/usr/bin/env node
// Writes docs/template.md from the template data (libs/report-template).
import { writeFileSync } from 'node:fs';
import { templateMarkdown } from '../libs/report-template/dist/index.js';

writeFileSync(new URL('../docs/template.md', import.meta.url), templateMarkdown());
console.log('wrote docs/template.md');
