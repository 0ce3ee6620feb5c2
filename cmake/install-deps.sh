#!/usr/bin/env bash
# Installs the Debian 12 packages taper needs to build and test, and nothing else: each
# package is checked with dpkg-query first, so on a machine that has them all this does
# not touch apt (or the network) at all.
#
#   bash cmake/install-deps.sh              # everything below
#   bash cmake/install-deps.sh PKG...       # those packages as well
#
# Uses sudo when not run as root. docs/dependencies.md says what each package is for.
set -euo pipefail

packages=(
  # toolchain
  cmake
  ninja-build
  g++
  pkg-config
  # libraries (all header-only or static on Debian; nothing is downloaded at build time)
  libboost-dev        # Boost.Units: the dose quantities
  libeigen3-dev       # the simulation: people of a population in Eigen arrays (docs/simulation.md)
  nlohmann-json3-dev  # JSON formularies (compiled part only, private)
  libcli11-dev        # the taper command line
  libfmt-dev          # text formatting
  # tests and benchmarks
  libgtest-dev
  libgmock-dev
  libbenchmark-dev
  python3-venv        # tests/python: the binding is tested in a venv made by ctest
  python3-jsonschema  # tests/cli: JSON output checked against docs/schedule.schema.json (pulls in python3)
  # tests/outputs: the people-facing outputs rendered and imported as people meet them
  librsvg2-bin        # rsvg-convert: the SVG chart to PNG
  chromium            # headless: the HTML page's screenshot and its PDF on A4 and Letter
  poppler-utils       # pdfinfo / pdftotext: the PDF's page size and text
  khal                # a calendar program that runs headless: the iCalendar file imported
  gcovr               # the `coverage` preset: line and branch coverage per folder (tools/coverage_summary.py)
)
packages+=("$@")

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing ${missing[*]}; run this as root or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
