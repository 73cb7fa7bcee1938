echo a # not this
# a whole line
echo b#c
