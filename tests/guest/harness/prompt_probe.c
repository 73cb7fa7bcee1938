/* prompt_probe: the console text behind the harness's expect=prompt
 * (tests/harness/prompt.c), for its self-tests (docs/testing.md).
 *
 *   prompt_probe:prompt     prints a line, then "$ " at the start of the
 *                           next one, as the shell does: the run must pass
 *   prompt_probe:noprompt   prints "$ " only inside a line: the run must
 *                           fail ("no \"$ \" prompt on the console")
 * A user process (RS: SF_USER, like init: no init request to answer).
 * It reports nothing (it is not a test); it then waits for ever, so the
 * run ends by the harness (prompt seen) or by its timeout. */
#include <stdio.h>
#include <string.h>
#include <sys.h>

int main(int argc, char **argv)
{
    message m;

    if (argc > 1 && strcmp(argv[1], "prompt") == 0)
        printf("prompt_probe: a prompt follows\n$ ");
    else
        printf("prompt_probe: costs $ 5, no prompt here\n");
    fflush(stdout);                 /* stdout is line buffered on the console */
    for (;;)
        ipc_receive(ANY, &m);
}
