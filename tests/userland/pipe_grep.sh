echo apple > f
echo banana >> f
echo cherry >> f
cat f | grep an | wc -l
grep -v an < f | head -n 1
