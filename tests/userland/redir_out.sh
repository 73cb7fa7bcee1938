echo one > f
cat f
echo two > f
cat f
