#!/usr/bin/env node
// Writes schema.gql from the API's resolvers (the web app's typed client is generated from it).
import { writeFileSync } from 'node:fs';
import { buildSchemaSdl } from '../apps/api/dist/schema.js';

writeFileSync(new URL('../schema.gql', import.meta.url), await buildSchemaSdl());
console.log('wrote schema.gql');
