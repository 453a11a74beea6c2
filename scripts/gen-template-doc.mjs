#!/usr/bin/env node
// Writes docs/template.md and docs/metrics.md from the template data (libs/report-template).
import { writeFileSync } from 'node:fs';
import { metricsMarkdown, templateMarkdown } from '../libs/report-template/dist/index.js';

writeFileSync(new URL('../docs/template.md', import.meta.url), templateMarkdown());
writeFileSync(new URL('../docs/metrics.md', import.meta.url), metricsMarkdown());
console.log('wrote docs/template.md and docs/metrics.md');
