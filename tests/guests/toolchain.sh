# Sourced by the guest build scripts: the --check flag and the toolchain check, in one place.
guest_packages="clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc wabt binaryen"

# Sets check=1 for --check, 0 for no argument; anything else is a usage error.
guest_parse_args() {
    check=0
    case "${1:-}" in
        "") ;;
        --check) check=1 ;;
        *) echo "usage: $0 [--check]" >&2; exit 2 ;;
    esac
}

# Says what is missing and the apt-get line that installs the toolchain, then fails.
guest_missing() {
    echo "$(basename "$0"): $1; install the guest toolchain with:" >&2
    echo "    apt-get install -y $guest_packages" >&2
    exit 1
}

# Fails through guest_missing when any of the named tools is not on PATH.
guest_require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || guest_missing "'$tool' not found on PATH"
    done
}
