// SvelteKit's $lib alias for dependency-cruiser (its tsconfig reading does not follow .svelte-kit's generated paths).
module.exports = { resolve: { alias: { $lib: require('node:path').resolve(__dirname, '../src/lib') } } };
