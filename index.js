// n8n loads this package's nodes and credentials from the "n8n" block in package.json (dist/);
// this file is not published and exports nothing.
module.exports = {};
