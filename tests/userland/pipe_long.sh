echo abc | cat | cat | cat | cat | cat | cat | cat | cat | wc -c
