cat missing > out 2>&1
echo $?
wc -l < out
echo visible 2>&1
