echo Apple > f
echo banana >> f
echo cherry >> f
grep -n an f
grep -c a f
grep -i apple f
grep -v a f
grep zzz f
echo $?
