#!/usr/bin/env node
// Checks Cypher statements with Neo4j's own parser and semantic linter, the npm package
// @neo4j-cypher/language-support (the engine of Neo4j's VS Code extension and Browser).
//
// Usage:
//   node lint.cjs [options] FILE...   lint files (a file may hold several statements)
//   node lint.cjs [options] -         lint standard input as one file
//   node lint.cjs --json              read {"statements": [{"name", "text", "parameters"}],
//                                     "labels": [...], "relationshipTypes": [...]} on
//                                     standard input, print {"results": [...]} as JSON
// Options:
//   --labels A,B           labels the database has (others are reported)
//   --rel-types X,Y        relationship types the database has (others are reported)
//   --allow-warnings       exit 0 when there are warnings but no errors
//
// Parameters: a line `// @param $name: type ...` in the text declares $name (types:
// string, integer, float, boolean, list, map); any other $parameter is an error.
// Exit status: 0 clean, 1 a statement has an error (or a warning, without
// --allow-warnings), 2 bad usage.
'use strict';

const fs = require('node:fs');
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

const SAMPLE = { string: '', integer: 0, float: 0.5, boolean: false, list: [], map: {} };
const PARAM_LINE = /^\s*\/\/\s*@param\s+\$(\w+)\s*:\s*(\w+)/gm;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function declaredParameters(text) {
  const out = {};
  for (const match of text.matchAll(PARAM_LINE)) {
    out[match[1]] = Object.prototype.hasOwnProperty.call(SAMPLE, match[2]) ? SAMPLE[match[2]] : null;
  }
  return out;
}

function lint(text, parameters, schema) {
  const diagnostics = lintCypherQuery(text, { ...schema, parameters });
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] || String(d.severity),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    message: d.message,
  }));
}

function parseArgs(argv) {
  const opts = { files: [], json: false, allowWarnings: false, schema: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') opts.json = true;
    else if (arg === '--allow-warnings') opts.allowWarnings = true;
    else if (arg === '--labels') opts.schema.labels = (argv[++i] || '').split(',').filter(Boolean);
    else if (arg === '--rel-types') {
      opts.schema.relationshipTypes = (argv[++i] || '').split(',').filter(Boolean);
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 21)
        .map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
      process.exit(0);
    } else if (arg.startsWith('--')) {
      process.stderr.write(`lint.cjs: unknown option ${arg}\n`);
      process.exit(2);
    } else opts.files.push(arg);
  }
  return opts;
}

function failed(results, allowWarnings) {
  return results.some((r) => r.diagnostics.some(
    (d) => d.severity === 'error' || (!allowWarnings && d.severity === 'warning'),
  ));
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.json) {
    const request = JSON.parse(fs.readFileSync(0, 'utf8'));
    const schema = {
      labels: request.labels || opts.schema.labels,
      relationshipTypes: request.relationshipTypes || opts.schema.relationshipTypes,
    };
    const results = (request.statements || []).map((s) => ({
      name: s.name,
      diagnostics: lint(s.text, s.parameters || declaredParameters(s.text), schema),
    }));
    process.stdout.write(JSON.stringify({ results }) + '\n');
    process.exit(failed(results, opts.allowWarnings) ? 1 : 0);
  }
  if (opts.files.length === 0) {
    process.stderr.write('lint.cjs: give files to lint, - for standard input, or --json\n');
    process.exit(2);
  }
  const results = opts.files.map((file) => {
    const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    return { name: file === '-' ? '<stdin>' : file, diagnostics: lint(text, declaredParameters(text), opts.schema) };
  });
  for (const r of results) {
    for (const d of r.diagnostics) {
      process.stdout.write(`${r.name}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
    }
  }
  const bad = failed(results, opts.allowWarnings);
  process.stderr.write(`${results.length} file(s) checked, ${bad ? 'problems found' : 'no problems'}\n`);
  process.exit(bad ? 1 : 0);
}

main();
