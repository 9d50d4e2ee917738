#!/usr/bin/env node
'use strict';
// The `gongfang` command: the built CLI lives in dist/ (npm run build, or npm install's prepare).
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli', 'gongfang.js');
if (!fs.existsSync(built)) {
  process.stderr.write(
    `gongfang：找不到 ${built}，请先运行 npm run build。\n` +
      `gongfang: ${built} is missing; run \`npm run build\` first.\n`,
  );
  process.exit(2);
}
// The bundle has its source map beside it (gongfang.js.map), so stack traces name the
// TypeScript sources.
process.setSourceMapsEnabled(true);
require(built);
