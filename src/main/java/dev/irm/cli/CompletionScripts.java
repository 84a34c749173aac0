package dev.irm.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * {@code irm completion bash|zsh}: picocli's generated completion for commands and options, and a
 * wrapper for runbook ids, targets and context names: read from {@link CompletionCache}'s file
 * while it is fresh, else (and always with the line's {@code --runbooks}/{@code --config}) from
 * {@code irm __complete KIND}. zsh runs the same script
 * through bashcompinit.
 */
public final class CompletionScripts {
    private static final String DYNAMIC = """

            # Dynamic values: runbook ids, targets and context names, from irm's cache file when it is
            # fresh (no JVM on a TAB), else from irm itself (which rewrites the cache).
            # _irm_cached KIND: sets _irm_values (no subshell); fails when the cache is missing or stale.
            _irm_cached() {
              local kind="$1" file="${XDG_CACHE_HOME:-$HOME/.cache}/irm/completion" k v from="" known=0
              _irm_values=""
              [[ -f "$file" ]] || return 1
              while IFS=$'\\t' read -r k v; do
                if [[ "$k" == "$kind-from" ]]; then from="$v" known=1
                elif [[ "$k" == "$kind" ]]; then _irm_values+="$v"$'\\n'
                fi
              done <"$file"
              (( known )) || return 1
              [[ -n "$from" && "$from" -nt "$file" ]] && return 1
              if [[ "$kind" == contexts && "$from" != "${IRM_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/irm/config.yaml}" ]]; then
                return 1
              fi
            }
            _irm_dynamic() {
              local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" kind="" i
              case "$prev" in
                run|show) kind=runbooks ;;
                use-context|--context) kind=contexts ;;
                diagnose) kind=targets ;;
              esac
              if [[ -n "$kind" && "$cur" != -* ]]; then
                local -a extra=()
                for ((i = 1; i < COMP_CWORD; i++)); do
                  if [[ "${COMP_WORDS[i]}" == --runbooks || "${COMP_WORDS[i]}" == --config ]]; then
                    extra+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}")
                  fi
                done
                if (( ${#extra[@]} > 0 )) || ! _irm_cached "$kind"; then
                  _irm_values="$(command irm "${extra[@]}" __complete "$kind" 2>/dev/null)"
                fi
                local IFS=$'\\n'
                COMPREPLY=( $(compgen -W "$_irm_values" -- "$cur") )
                return 0
              fi
              _complete_irm "$@"
            }
            complete -F _irm_dynamic -o default irm
            """;

    private CompletionScripts() {
    }

    public static String bash(CommandLine irm) {
        return AutoComplete.bash("irm", irm) + DYNAMIC;
    }

    public static String zsh(CommandLine irm) {
        return "#compdef irm\n# irm completion for zsh: the bash script through bashcompinit.\n"
                + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n\n" + bash(irm);
    }
}
