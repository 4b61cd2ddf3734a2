#!/usr/bin/env bash
# Refresh the vendored CKEditor 5 browser build from the npm package `ckeditor5`.
# Usage: scripts/update_ckeditor.sh [VERSION]   (default: the newest published)
# Keeps only what the admin serves: the UMD build, its CSS, the zh-cn and ru
# translations and the licence. Check the version against CKEditor's security
# advisories before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-$(npm view ckeditor5 version)}"
target=static/vendor/ckeditor5
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

npm pack --silent --pack-destination "$workdir" "ckeditor5@${version}" >/dev/null
tar -xzf "$workdir"/ckeditor5-*.tgz -C "$workdir"
package="$workdir/package"

packed_version="$(node -p "require('$package/package.json').version")"
if [ "$packed_version" != "$version" ]; then
    echo "npm gave ckeditor5 $packed_version, expected $version" >&2
    exit 1
fi

rm -rf "$target"
mkdir -p "$target/translations"
cp "$package/dist/browser/ckeditor5.umd.js" "$package/dist/browser/ckeditor5.css" "$target/"
cp "$package/dist/translations/zh-cn.umd.js" "$package/dist/translations/ru.umd.js" \
    "$target/translations/"
cp "$package/LICENSE.md" "$target/LICENSE.md"
# The source maps are not shipped: drop their references, or collectstatic's
# manifest storage fails looking for them.
sed -i -e '\|^//# sourceMappingURL=|d' -e 's|/\*# sourceMappingURL=[^*]*\*/||' \
    "$target/ckeditor5.umd.js" "$target/ckeditor5.css"
echo "$version" >"$target/VERSION"
echo "CKEditor 5 $version is in $target"
