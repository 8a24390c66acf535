# shellcheck shell=bash
# Sourced by the other scripts: make .venv match requirements.txt, quickly when it already does.

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_venv() {
    local stamp=.venv/.requirements.sha256
    local wanted
    if [ ! -x .venv/bin/python ]; then
        echo "creating .venv" >&2
        if ! python3 -m venv .venv 2>/dev/null; then
            # Debian ships venv support separately from python3.
            rm -rf .venv
            as_root apt-get update -qq
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv .venv
        fi
    fi
    wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "installing requirements.txt into .venv" >&2
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
        echo "$wanted" > "$stamp"
    fi
}
