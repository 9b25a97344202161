#!/usr/bin/env bash
# The Debian package: cpack -G DEB on the built tree gives acm_VERSION_ARCH.deb with the
# binary, every man page and the three completions; unpacked into a scratch root, the
# binary runs from there. (cpack does not build: it packages what the build left.)
. "$(dirname "$0")/lib.sh"
SRC=${ACM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${ACM_BUILD_DIR:-$(cd "$(dirname "$ACM")" && pwd)}

check "the build folder has a CPack configuration" [ -f "$BUILD/CPackConfig.cmake" ]
(cd "$BUILD" && cpack -G DEB -B "$SCRATCH/pkg") >"$SCRATCH/cpack.log" 2>&1
check "cpack -G DEB succeeds" [ $? -eq 0 ]
debs=("$SCRATCH"/pkg/*.deb)
check "one .deb is built" [ ${#debs[@]} -eq 1 ]
check "one .deb is built" [ -f "${debs[0]}" ]
deb=${debs[0]}
version=$("$ACM" --version)
version=${version#acm }
check "the file is acm_VERSION_ARCH.deb" [ "${deb##*/}" = "acm_${version}_$(dpkg --print-architecture).deb" ]

field() { dpkg-deb -f "$deb" "$1"; }
check "Package: acm" [ "$(field Package)" = acm ]
check "Version is acm --version" [ "$(field Version)" = "$version" ]
check "a Maintainer" [ -n "$(field Maintainer)" ]
check "a Description" [ "$(field Description | head -n 1)" = "account management from the command line" ]
depends=$(field Depends | tr ',' '\n' | awk '{ print $1 }')
for dependency in libsqlite3-0 libfmt9 libtomlplusplus3 libstdc++6 libc6; do
  check "Depends names $dependency" grep -qFx "$dependency" <<<"$depends"
done
check "every file is under /usr" [ -z "$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '^\./usr/')" ]

# Unpacked into a scratch root, the binary runs and is the one built (stripped).
root=$SCRATCH/root
dpkg -x "$deb" "$root"
check "usr/bin/acm is in the package" [ -x "$root/usr/bin/acm" ]
out=$("$root/usr/bin/acm" --version)
expect_out "acm $version" "the packaged acm --version"
ACM=$root/usr/bin/acm
run init
expect_status 0 "the packaged acm creates a workspace"
run account add "Acme Corp."
expect_out "acme-corp" "the packaged acm adds an account"
run check
expect_out "ok" "the packaged acm checks the workspace"
if command -v readelf >/dev/null; then
  check "the packaged binary is stripped" [ -z "$(readelf -S "$root/usr/bin/acm" | grep -F .debug_info)" ]
fi

# Every man page, and the completions exactly as 'acm completion' prints them.
for page in "$SRC"/man/*.[15]; do
  name=${page##*/}
  check "man page $name is installed" cmp -s "$page" "$root/usr/share/man/man${name##*.}/$name"
done
# The bundled import rules, found by the installed binary in ../share/acm/rules.
for rules in "$SRC"/rules/*.toml; do
  name=${rules##*/}
  check "rules $name are installed" cmp -s "$rules" "$root/usr/share/acm/rules/$name"
done
run rules show hubspot-companies
expect_status 0 "the packaged acm finds its bundled rules"
check "the packaged acm reads them from /usr/share/acm/rules" [ "$("$ACM" rules list --csv --no-header --columns path | head -n 1)" = "$root/usr/share/acm/rules/delighted.toml" ]
"$ACM" completion bash | check "the bash completion is installed" cmp -s - "$root/usr/share/bash-completion/completions/acm"
"$ACM" completion zsh | check "the zsh completion is installed" cmp -s - "$root/usr/share/zsh/vendor-completions/_acm"
"$ACM" completion fish | check "the fish completion is installed" cmp -s - "$root/usr/share/fish/vendor_completions.d/acm.fish"

finish
