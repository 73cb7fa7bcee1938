echo data > f
cat < f
wc -c < f
