cat missing 2> err
echo $?
wc -l < err
cat missing 2>/dev/null > out 2> err2
wc -c < out
