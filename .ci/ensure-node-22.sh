# Sourced by .ci/run. The AI SDK needs Node.js 22 and vite 22.12 (package.json engines). When the
# machine's Node is older (Debian ships 20), install the npm package `node@22` (official binaries,
# fetched from the npm registry by its preinstall script) into a cache folder and put it first on
# PATH. The machine's npm then runs under Node 22 too.
node_recent=$(node -p 'const [major, minor] = process.versions.node.split(".").map(Number); major > 22 || (major === 22 && minor >= 12)')
if [ "$node_recent" != true ]; then
  node22_dir="${NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cited-answers-node22}"
  if [ ! -x "$node22_dir/node_modules/.bin/node" ]; then
    mkdir -p "$node22_dir"
    # allowScripts: npm 11 asks for approval of the package's preinstall (which fetches the binary).
    printf '{"private":true,"allowScripts":{"node":true}}\n' > "$node22_dir/package.json"
    (cd "$node22_dir" && npm install --no-audit --no-fund --ignore-scripts=false node@22)
  fi
  export PATH="$node22_dir/node_modules/.bin:$PATH"
fi
unset node_recent node22_dir
