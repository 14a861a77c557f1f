const path = require('path');
const { src, dest, task } = require('gulp');

// tsc compiles the code; the icons (and the codex files) are copied beside it into dist/.
function copyAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist')));
}

task('build:icons', copyAssets);
