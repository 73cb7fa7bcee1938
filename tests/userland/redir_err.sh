cat missing 2> err
echo $?
wc -l < err
cat missing 2> err1 > out 2> err2
wc -c < out
wc -c < err1
