#!/usr/bin/env bash
# Fails loudly if a throwaway pooltop cluster outlived the process that owned it: a pooltop-pg-*
# folder (in $TMPDIR, /dev/shm or /tmp) whose owner.pid process is gone, or a postgres serving one.
# Clusters of live owners (another pooltop or test run right now) are not leaks.
set -uo pipefail

shopt -s nullglob
parents=(/dev/shm /tmp)
[[ -n ${TMPDIR:-} && ${TMPDIR%/} != /tmp && ${TMPDIR%/} != /dev/shm ]] && parents+=("${TMPDIR%/}")
leaks=0

# owner_alive FOLDER: the pid in owner.pid runs and has the recorded start time.
owner_alive() {
    local pid start stat rest
    read -r pid start 2>/dev/null < "$1/owner.pid" || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    rest=${stat##*) }
    read -r -a fields <<< "$rest"
    [[ ${fields[0]} != Z && ${fields[19]} == "$start" ]]
}

for parent in "${parents[@]}"; do
    for folder in "$parent"/pooltop-pg-*; do
        [[ -d $folder ]] || continue
        # A folder without owner.pid may be a cluster being created right now; the sweep waits 60 s too.
        [[ ! -e $folder/owner.pid && -z $(find "$folder" -maxdepth 0 -mmin +1) ]] && continue
        if ! owner_alive "$folder"; then
            echo "LEAK: cluster folder $folder outlived its owner" >&2
            leaks=$((leaks + 1))
        fi
    done
done

for proc in /proc/[0-9]*; do
    [[ $(cat "$proc/comm" 2>/dev/null) == postgres ]] || continue
    cmdline=$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null)
    [[ $cmdline =~ -D\ ([^ ]*/pooltop-pg-[^/ ]*)/data ]] || continue
    folder=${BASH_REMATCH[1]}
    if [[ ! -d $folder ]] || ! owner_alive "$folder"; then
        echo "LEAK: postgres server pid ${proc#/proc/} still serves $folder" >&2
        leaks=$((leaks + 1))
    fi
done

if ((leaks > 0)); then
    echo "check-leaks: FAILED: $leaks leftover pooltop cluster(s) or server(s)" >&2
    exit 1
fi
echo "check-leaks: no leftover pooltop clusters or servers"
