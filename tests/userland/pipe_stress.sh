echo 0123456789012345678901234567890123456789 > a
cat a a a a a a a a a a > b
cat b b b b b b b b b b > c
cat c c c c c c c c c c > d
cat d d d d d d d d d d | cat | cat | grep -c 0123
cat d d d d d d d d d d | cat | wc -c
