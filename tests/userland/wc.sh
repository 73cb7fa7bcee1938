echo one two > f
echo three >> f
wc f
wc -l f
wc -w < f
