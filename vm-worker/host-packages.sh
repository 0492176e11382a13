# Sourced by vm-worker/prepare-host and vm-worker/cross-host: what both install, and how both tell it is there.

# The libraries CPython's configure and setup.py look for, as Debian -dev packages: this machine's own (prepare-host)
# or another architecture's (cross-host, with the target's libc6-dev). Without Tk on purpose: no display in a sandbox.
CPYTHON_LIBRARIES=(zlib1g-dev libffi-dev libssl-dev libbz2-dev liblzma-dev libsqlite3-dev libreadline-dev libgdbm-dev
                   libgdbm-compat-dev libncurses-dev uuid-dev)

# installed PKG... : true when every package is installed. A name without ":arch" means the machine's own
# architecture (or "all"): with another architecture's twin installed too (multiarch), dpkg-query lists both.
installed() {
  local p native
  native=$(dpkg --print-architecture)
  for p in "$@"; do
    if [[ "$p" == *:* ]]; then
      dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || return 1
    else
      dpkg-query -W -f='${Architecture} ${db:Status-Status}\n' "$p" 2>/dev/null \
        | grep -qE "^($native|all) installed$" || return 1
    fi
  done
}
