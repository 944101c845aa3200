#!/usr/bin/env bash
# README command 1 on a clean, minimal Debian 12 (debootstrap --variant=minbase), as written,
# then the window on Qt's xcb platform (Xvfb): the package list must be complete on its own.
#   sudo bash scripts/check_clean_debian.sh [FOLDER]      (default /tmp/kyoso-clean-debian12)
# Needs root, debootstrap and Xvfb; takes about 5 minutes. Only FOLDER is created and removed.
set -euo pipefail
ROOT_DIR="${1:-/tmp/kyoso-clean-debian12}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DISPLAY_NUMBER=:73
if [ -e "$ROOT_DIR" ]; then echo "$ROOT_DIR exists: give a new folder" >&2; exit 2; fi
cleanup() {
  for m in tmp/.X11-unix dev proc; do umount "$ROOT_DIR/$m" 2>/dev/null || true; done
  pkill -f "Xvfb $DISPLAY_NUMBER" 2>/dev/null || true
  rm -rf --one-file-system "$ROOT_DIR"
}
trap cleanup EXIT
debootstrap --variant=minbase bookworm "$ROOT_DIR" http://deb.debian.org/debian
mount --bind /proc "$ROOT_DIR/proc"; mount --bind /dev "$ROOT_DIR/dev"
mkdir -p "$ROOT_DIR/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$ROOT_DIR/tmp/.X11-unix"
cp /etc/resolv.conf "$ROOT_DIR/etc/resolv.conf"
# this machine's network may inspect TLS: its CAs go along into the system store that the
# command's ca-certificates package builds (not part of the check itself)
mkdir -p "$ROOT_DIR/usr/local/share/ca-certificates"
cp /etc/ssl/certs/ca-certificates.crt "$ROOT_DIR/usr/local/share/ca-certificates/host.crt"
git clone -q "$REPO" "$ROOT_DIR/root/kyoso"
COMMAND="$(python3 -c "import re,sys; print(re.findall(r'\`\`\`sh\n(.*?)\n\`\`\`', open(sys.argv[1]).read(), re.S)[0].strip())" "$REPO/README.md")"
Xvfb "$DISPLAY_NUMBER" -screen 0 1366x768x24 >/dev/null 2>&1 &
sleep 1
cat > "$ROOT_DIR/root/run.sh" <<SCRIPT
set -e
sudo() { "\$@"; }
export DEBIAN_FRONTEND=noninteractive DISPLAY=$DISPLAY_NUMBER
export KYOSO_CONFIG_DIR=/tmp/k KYOSO_DATA_DIR=/tmp/k KYOSO_LOG_DIR=/tmp/k
unset PIP_FIND_LINKS PIP_CERT QT_QPA_PLATFORM
cd /root/kyoso
$COMMAND --quit-after-show
SCRIPT
env -u PIP_FIND_LINKS chroot "$ROOT_DIR" /bin/bash /root/run.sh
echo "README command 1 works on a clean Debian 12: the window was shown on xcb."
