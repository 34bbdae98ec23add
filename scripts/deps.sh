#!/usr/bin/env bash
# Installs what pooltop needs on Debian or Ubuntu (saying what), then checks that Swift 6 is there.
set -euo pipefail

packages=(libpq-dev libncurses-dev postgresql tmux pkg-config util-linux pgbouncer prometheus)

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

has_postgres_server() {
    installed postgresql || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for package in "${packages[@]}"; do
        if [[ $package == postgresql ]]; then
            has_postgres_server || missing+=("$package")
        else
            installed "$package" || missing+=("$package")
        fi
    done
    if ((${#missing[@]} > 0)); then
        echo "installing: ${missing[*]}"
        sudo=()
        if [[ $(id -u) -ne 0 ]]; then
            command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
            sudo=(sudo)
        fi
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
else
    echo "deps: not a Debian or Ubuntu system; install libpq, ncursesw, the PostgreSQL server, tmux, pgbouncer and Prometheus yourself"
fi

swift=${SWIFT:-}
if [[ -z $swift ]]; then
    swift=$(command -v swift 2>/dev/null || true)
    [[ -z $swift && -x /opt/swift/usr/bin/swift ]] && swift=/opt/swift/usr/bin/swift
fi
if [[ -z $swift ]]; then
    echo "deps: Swift not found: install Swift 6 from https://www.swift.org/install/ and put its usr/bin on PATH" >&2
    exit 1
fi
version=$("$swift" --version 2>/dev/null | grep -o 'Swift version [0-9]*' | grep -o '[0-9]*$' || echo 0)
if ((version < 6)); then
    echo "deps: $swift is Swift $version; pooltop needs Swift 6 or newer" >&2
    exit 1
fi
