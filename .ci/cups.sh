#!/usr/bin/env bash
# Start a real CUPS with a virtual PDF printer "TestPDF" (cups-pdf) for the
# printing tests. Idempotent: safe to run when cupsd is already up.
# Prints lines like: "cups: TestPDF ready, output in /root/PDF".
set -euo pipefail

need=()
command -v cupsd >/dev/null 2>&1 || need+=(cups)
command -v lp >/dev/null 2>&1 || need+=(cups-client)
[ -x /usr/lib/cups/backend/cups-pdf ] || need+=(printer-driver-cups-pdf)
if [ "${#need[@]}" -gt 0 ]; then
  echo "cups: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  # -C config: the default one; cupsd daemonises itself.
  cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.1
  done
fi
lpstat -r | grep -q "is running" || { echo "cups: cupsd did not start" >&2; exit 1; }

if ! lpstat -e 2>/dev/null | grep -qx TestPDF; then
  lpadmin -p TestPDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
fi
cupsenable TestPDF
cupsaccept TestPDF
out=$(sed -n 's/^Out[[:space:]]\+//p' /etc/cups/cups-pdf.conf | head -n1)
out=${out//\$\{HOME\}/$HOME}
mkdir -p "${out:-$HOME/PDF}"
echo "cups: TestPDF ready, output in ${out:-$HOME/PDF}"
