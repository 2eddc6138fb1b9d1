// Fetches the pinned @prebuilt-tdlib package with `npm pack`, checks it against the integrity hash committed in the
// pom (the registry's published dist.integrity), and extracts libtdjson.so as a class path resource together with
// its SHA-256, which the connector checks again when it extracts the library at run time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [spec, integrity, workDir, outDir] = process.argv.slice(2);
if (!spec || !integrity || !workDir || !outDir) {
  console.error('usage: fetch-tdlib.mjs <package@version> <sha512-integrity> <work dir> <resource dir>');
  process.exit(2);
}
const [algorithm, expected] = integrity.split(/-(.*)/s);
if (algorithm !== 'sha512') {
  console.error(`expected a sha512 integrity value, got ${integrity}`);
  process.exit(2);
}

function matchesIntegrity(bytes) {
  return createHash('sha512').update(bytes).digest('base64') === expected;
}

function packedTarball() {
  mkdirSync(workDir, { recursive: true });
  const existing = readdirSync(workDir).filter((f) => f.endsWith('.tgz'));
  for (const name of existing) {
    const bytes = readFileSync(join(workDir, name));
    if (matchesIntegrity(bytes)) return bytes; // fetched by an earlier build
  }
  // --prefer-offline: a tarball in npm's own cache is used without asking the registry
  const out = execFileSync('npm', ['pack', spec, '--pack-destination', workDir, '--prefer-offline', '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const file = JSON.parse(out)[0].filename;
  const bytes = readFileSync(join(workDir, file));
  if (!matchesIntegrity(bytes)) {
    unlinkSync(join(workDir, file));
    console.error(`${spec}: the tarball npm fetched does not match the pinned integrity ${integrity}.`
      + ' The package may have been tampered with, or the pin in bridge-telegram/pom.xml is wrong.'
      + ' Compare with `npm view ' + spec + ' dist.integrity`.');
    process.exit(1);
  }
  return bytes;
}

// A tar archive is 512-byte headers, each followed by the file's data padded to 512 bytes.
function extract(tar, wanted) {
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim(), 8);
    const start = offset + 512;
    if (name === wanted) return tar.subarray(start, start + size);
    offset = start + Math.ceil(size / 512) * 512;
  }
  console.error(`${spec} has no ${wanted}`);
  process.exit(1);
}

const tar = gunzipSync(packedTarball());
const lib = extract(tar, 'package/libtdjson.so');
const pkg = JSON.parse(extract(tar, 'package/package.json').toString('utf8'));
const target = join(outDir, 'dev/passerelle/telegram/native/linux-x64');
mkdirSync(target, { recursive: true });
const libFile = join(target, 'libtdjson.so');
const sha256 = createHash('sha256').update(lib).digest('hex');
if (!existsSync(libFile) || createHash('sha256').update(readFileSync(libFile)).digest('hex') !== sha256) {
  writeFileSync(libFile, lib);
}
writeFileSync(join(target, 'libtdjson.properties'),
  `# written by bridge-telegram/build/fetch-tdlib.mjs\npackage=${pkg.name}\nversion=${pkg.version}\nsha256=${sha256}\n`);
console.log(`libtdjson from ${pkg.name}@${pkg.version} (integrity checked), sha256 ${sha256}`);
