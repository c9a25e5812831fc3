#!/bin/sh
# Install the Debian packages named as arguments when some are missing.
# As root it installs them with apt-get; otherwise it prints the one command to run.
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian-like: nothing to check
missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "apt-get could not install:$missing"; exit 1; }
else
    echo "MentorDesk needs these system packages:$missing"
    echo "Install them with: sudo apt-get install$missing"
    exit 1
fi
