#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages that building and testing acm need and
# that are missing. Nothing is downloaded at build time; this is the only install step.
set -euo pipefail
packages=(
  cmake g++ make pkg-config                                        # toolchain
  clang libclang-rt-dev                                            # tests: the ASan+UBSan pass and libFuzzer
  libcli11-dev libsqlite3-dev libfmt-dev libtomlplusplus-dev doctest-dev  # libraries
  sqlite3 python3 jq groff-base                                    # tests: inspect workspaces, parse CSV/JSON, man pages
  miller                                                           # tests: the mlr recipes of examples/pipelines.sh
  python3-icalendar                                                # tests: parse renewal calendars with a real iCalendar parser
  zsh fish                                                         # tests: load the shell completions
  bsdutils                                                         # tests: script, a pseudo-terminal for tables that fit
  dpkg-dev                                                         # cpack -G DEB: dpkg-shlibdeps finds the runtime dependencies
  chromium fonts-dejavu-core                                       # tests: lay out and print the QBR page (one font: widths repeat)
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
