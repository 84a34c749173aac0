package dev.irm.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * {@code irm completion bash|zsh}: picocli's generated completion for commands and options, and a
 * wrapper that asks {@code irm __complete KIND} at completion time for runbook ids (with the
 * line's {@code --runbooks} folders), targets and context names. zsh runs the same script
 * through bashcompinit.
 */
public final class CompletionScripts {
    private static final String DYNAMIC = """

            # Dynamic values: runbook ids, targets and context names come from irm at completion time.
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
                local IFS=$'\\n'
                COMPREPLY=( $(compgen -W "$(command irm "${extra[@]}" __complete "$kind" 2>/dev/null)" -- "$cur") )
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
